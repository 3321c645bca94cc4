from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language

from core.registry import navigation


def site(request):
    """What every page's layout needs: sections, the other language, the operator."""
    language = get_language() or settings.LANGUAGE_CODE
    other = "en" if language.startswith("fr") else "fr"
    path = request.get_full_path() if request is not None else "/"
    return {
        "site_name": settings.SITE_NAME,
        "main_sections": _main_sections(request),
        "other_language": other,
        "other_language_url": translate_url(path, other),
        "operator": settings.OPERATOR,
        "source_code_url": settings.SOURCE_CODE_URL,
    }


def _main_sections(request):
    current_path = request.path if request is not None else ""
    sections = []
    for item in navigation:
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        sections.append({"label": item.label, "url": url, "current": current_path.startswith(url)})
    return sections
