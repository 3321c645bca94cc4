from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from resources.models import Article
from resources.services import ArticleFields


class ArticleForm(forms.Form):
    """Create or edit an article. `base_revision` carries the revision the edit started from."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One sentence that says what the reader will learn."),
    )
    kind = forms.ChoiceField(label=_("Kind of article"), choices=Article.Kind.choices)
    tags = forms.CharField(
        label=_("Tags"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas, for example: hosting, free software"),
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        help_text=_(
            "Markdown: ## Heading, **bold**, *italic*, - list, [text](https://…), "
            "[[Title of another page]] or [[address|text]], | tables |, footnotes[^1]."
        ),
    )
    edit_summary = forms.CharField(
        label=_("Summary of your change"),
        max_length=300,
        required=False,
        help_text=_("Helps others follow the history, for example: “fixed a link”."),
    )
    minor = forms.BooleanField(label=_("Minor change (typo, formatting)"), required=False)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The title cannot be empty."))
        return title

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if "\n=======\n" in text and ("<<<<<<<" in text or ">>>>>>>" in text):
            raise forms.ValidationError(
                _(
                    "The text still contains the conflict marks (<<<<<<<, =======, >>>>>>>): keep "
                    "the right passage, remove the marks, then publish."
                )
            )
        limit = settings.WIKI_MAX_TEXT_LENGTH
        if len(text) > limit:
            raise forms.ValidationError(
                _(
                    "The text is %(length)s characters long; the limit is %(limit)s. Your text is "
                    "kept below: shorten it or split it into several pages."
                )
                % {"length": len(text), "limit": limit}
            )
        return text if text.endswith("\n") else text + "\n"

    def fields_value(self) -> ArticleFields:
        data = self.cleaned_data
        tags = tuple(t.strip() for t in data.get("tags", "").split(",") if t.strip())
        return ArticleFields(
            title=data["title"],
            text=data["text"],
            summary=data.get("summary", ""),
            kind=data["kind"],
            tags=tags,
        )

    @classmethod
    def initial_for(cls, revision) -> dict:
        data = revision.data
        return {
            "title": data.get("title", ""),
            "summary": data.get("summary", ""),
            "kind": data.get("kind", Article.Kind.REFLECTION),
            "tags": ", ".join(data.get("tags", [])),
            "text": revision.text,
            "base_revision": revision.pk,
        }


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("Image"),
        help_text=_("JPEG, PNG, GIF or WebP, 8 MB at most. It will be made lighter."),
    )
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=300,
        required=False,
        help_text=_(
            "What the image shows or means, in one sentence, for people who cannot see it."
        ),
    )
    decorative = forms.BooleanField(
        label=_("Decorative image: it carries no information (the alternative text stays empty)"),
        required=False,
    )
