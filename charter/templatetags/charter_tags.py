from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charter import markup
from charter.chart import score_text

register = template.Library()


def _links(context) -> markup.LinkCache:
    """One cache of link checks per request: a page asks once about each address."""
    request = context.get("request")
    if request is None:
        return markup.LinkCache()
    if not hasattr(request, "charter_links"):
        request.charter_links = markup.LinkCache()
    return request.charter_links


@register.simple_tag(takes_context=True)
def markdown(context, text):
    return markup.markdown(text, _links(context))


@register.simple_tag(takes_context=True)
def content_link(context, link, with_kind=True):
    return _links(context).content_link(link, with_kind=with_kind)


@register.simple_tag
def content_lang():
    """` lang="fr"` on the elements holding French content, when the interface is not French."""
    return "" if (get_language() or "fr").startswith("fr") else mark_safe(' lang="fr"')


@register.filter
def score(value):
    return score_text(value)


@register.filter
def change(value):
    """A change in points, signed: “+12”, “−5”, “no change”."""
    if value is None:
        return ""
    if value == 0:
        return _("no change")
    return f"+{value}" if value > 0 else f"−{abs(value)}"


@register.filter
def lookup(mapping, key):
    return (mapping or {}).get(key)
