from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import challenge
from accounts.models import User


class HoneypotField(forms.CharField):
    """A field people never see (hidden wrapper) and robots fill in."""

    is_honeypot = True

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Leave this field empty"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        super().__init__(**kwargs)


class SignupExtraForm(forms.Form):
    """Fields that django-allauth's sign-up form gains: display name, honeypot, question."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        required=False,
        help_text=_("Shown next to your contributions. Leave empty to stay anonymous."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    website = HoneypotField()
    challenge_answer = forms.CharField(
        label=_("Question"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    challenge_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        index = challenge.unsign(self.data.get("challenge_token", "")) if self.is_bound else None
        # A missing, expired or forged token: a new question, which must be answered again.
        self.challenge_expired = self.is_bound and index is None
        self.challenge_index = challenge.pick() if index is None else index
        self.fields["challenge_answer"].label = challenge.question(self.challenge_index)
        self.fields["challenge_answer"].help_text = _(
            "This question keeps robots out without any third-party service."
        )
        self.fields["challenge_token"].initial = challenge.sign(self.challenge_index)
        if self.is_bound:
            # Re-sign so that the hidden field stays valid when the form is shown again.
            data = self.data.copy()
            data["challenge_token"] = challenge.sign(self.challenge_index)
            self.data = data

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean_challenge_answer(self):
        answer = self.cleaned_data["challenge_answer"]
        if self.challenge_expired:
            raise forms.ValidationError(_("Please answer this question (it has changed)."))
        if not challenge.is_correct(self.challenge_index, answer):
            raise forms.ValidationError(_("That is not the expected answer. Please try again."))
        return answer

    def signup(self, request, user):
        """Called by django-allauth; the display name is saved by the account adapter."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "nickname"})}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my personal data will be deleted for good."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
