"""allauth's sign-up form with our fields in the order a person fills them in.

A module of its own: allauth builds its form on top of accounts.forms.SignupExtraForm, so importing
allauth's form from accounts.forms would be circular.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "display_name", "password1", "password2", "challenge_answer"])
