from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from charter.answers import field_name
from charter.models import DONT_KNOW


class ThemeAnswersForm(forms.Form):
    """The questions of one theme: a group of radio buttons each, “I don't know” always offered.

    Rendered, never validated: the view reads the answers with answers.answers_from_request,
    which ignores what does not match the questionnaire instead of refusing the whole page.
    """

    def __init__(self, *args, theme, answers, **kwargs):
        super().__init__(*args, **kwargs)
        for question in theme.questions.all():
            name = field_name(question.key)
            self.fields[name] = forms.ChoiceField(
                label=question.text,
                help_text=format_html("<strong>{}</strong> {}", _("Why it matters:"), question.why),
                choices=[(a.value, a.label) for a in question.answers.all()]
                + [(DONT_KNOW, _("I don't know"))],
                required=False,
                widget=forms.RadioSelect,
            )
            self.initial[name] = answers.get(question.key)


class PublishForm(forms.Form):
    organisation_name = forms.CharField(
        label=_("Name of your organisation"),
        max_length=120,
        help_text=_("Shown on the public page, with the date and the scores by theme."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
