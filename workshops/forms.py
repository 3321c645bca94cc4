from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from resources.models import Article
from tools.models import Tool
from workshops.models import Place, Programme, Topic, Workshop
from workshops.services import WorkshopFields

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class SlugListField(forms.CharField):
    """Addresses of existing pages (tools, resources), separated by commas."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(getattr(item, "slug", str(item)) for item in value)
        return value

    def clean(self, value):
        slugs = [s.strip().strip("/").split("/")[-1] for s in (value or "").split(",") if s.strip()]
        found = {obj.slug: obj for obj in self.model.objects.filter(slug__in=slugs)}
        unknown = [s for s in slugs if s not in found]
        if unknown:
            raise forms.ValidationError(
                _("Unknown addresses: %(list)s.") % {"list": ", ".join(unknown)}
            )
        return [found[s] for s in dict.fromkeys(slugs)]


class WorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("None (a session made from scratch)"),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_("Markdown. What participants will do and take away."),
    )
    starts_at = forms.DateTimeField(
        label=_("Start (Paris time)"),
        widget=DateTimeInput(),
        help_text=_("For example 2027-03-12 14:00."),
    )
    ends_at = forms.DateTimeField(label=_("End (Paris time)"), widget=DateTimeInput())
    format = forms.ChoiceField(label=_("Format"), choices=Workshop.Format.choices)
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.all(),
        required=False,
        help_text=_("Required in person and hybrid. A missing place can be added on its own page."),
    )
    online_url = forms.URLField(
        assume_scheme="https",
        label=_("Online meeting link"),
        required=False,
        help_text=_("Shown only to people registered, in their emails and on the page."),
    )
    sign_language = forms.BooleanField(label=_("Sign language interpreting"), required=False)
    subtitles = forms.BooleanField(label=_("Live subtitles"), required=False)
    accessibility_notes = forms.CharField(
        label=_("Other accessibility information"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=10_000)
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens (Paris time)"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: as soon as the session is published."),
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes (Paris time)"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: when the session starts."),
    )
    requires_approval = forms.BooleanField(
        label=_("Facilitators approve each registration"), required=False
    )
    show_count = forms.BooleanField(
        label=_("Show the number of participants on the public page"),
        required=False,
        initial=True,
    )
    tools = SlugListField(
        model=Tool,
        label=_("Tools covered"),
        help_text=_(
            "Addresses of tools of the directory, separated by commas: mastodon, wordpress"
        ),
    )
    resources = SlugListField(
        model=Article,
        label=_("Resources covered"),
        help_text=_("Addresses of resources, separated by commas: choisir-son-hebergeur"),
    )

    def fields_value(self) -> WorkshopFields:
        return WorkshopFields(**self.cleaned_data)


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "address", "city", "step_free_access", "hearing_loop", "access_notes"]


class RegistrationForm(forms.Form):
    """A visitor's registration; the confirmation link goes to the address given."""

    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send the confirmation link there: your registration counts once confirmed."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    needs = forms.CharField(
        label=_("Needs for the session (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Accessibility, a loan computer… Only the facilitators read it."),
    )
    consent_data = forms.BooleanField(
        label=_("I agree that my name and email are kept to manage this registration"),
        help_text="",
    )
    consent_feedback = forms.BooleanField(
        label=_("I accept one email after the session asking for my (anonymous) opinion"),
        required=False,
        help_text=_("Optional. Without it you get no email after the session."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_data"].help_text = _(
            "Required to register. They are used only for this session (confirmation, reminder, "
            "changes), seen only by its facilitators, and erased %(days)s days after it. "
            "Never any newsletter."
        ) % {"days": settings.WORKSHOPS_ERASE_AFTER_DAYS}


class MemberRegistrationForm(forms.Form):
    consent_feedback = RegistrationForm.base_fields["consent_feedback"]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how was the session?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, _("5 — very good")),
            (4, _("4 — good")),
            (3, _("3 — fair")),
            (2, _("2 — poor")),
            (1, _("1 — very poor")),
        ],
    )
    useful = forms.CharField(
        label=_("What was useful to you?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improve = forms.CharField(
        label=_("What should we improve?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TopicProposalForm(forms.Form):
    title = forms.CharField(label=_("Topic you would like a workshop on"), max_length=200)
    topic = forms.ChoiceField(label=_("Theme"), choices=Topic.choices)
    description = forms.CharField(
        label=_("Why, for whom (optional)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    text = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to the people registered (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
