"""Propose and edit a tool entry: every field of the entry in one plain form."""

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from tools import licences
from tools.criteria import CRITERIA, VALUE_LABELS
from tools.models import Category, Tool
from tools.selfhosted import address_key, name_key

PLATFORMS = [
    ("web", "Web"),
    ("android", "Android"),
    ("ios", "iOS"),
    ("linux", "Linux"),
    ("windows", "Windows"),
    ("macos", "macOS"),
]
TRACKING = [
    ("", _("not known")),
    ("aucun", _("none")),
    ("mesure-audience", _("audience measurement")),
    ("publicite-ciblee", _("targeted advertising")),
]
BLANK = [("", "—")]
# Fields copied as they are between the form and the revision data.
SIMPLE_FIELDS = (
    "name",
    "summary",
    "interests",
    "limits",
    "licence",
    "website",
    "source_code",
    "privacy_policy",
    "terms",
    "self_hosting_skill",
    "skill_level",
    "audience",
    "tracking",
    "business_model",
    "accessibility",
)
TEXT_AREAS = {"rows": 5}


def _comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class ToolForm(forms.Form):
    """The revision data of a tool, plus the description text. Keys the form does not show
    (sources, imported attribution…) are kept from the revision the edit started from."""

    name = forms.CharField(label=_("Name"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=200,
        help_text=_("One sentence: what the tool does, for whom."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown. Say what it is for an association, in your own words."),
    )
    interests = forms.CharField(
        label=_("Its interests"), required=False, widget=forms.Textarea(attrs=TEXT_AREAS)
    )
    limits = forms.CharField(
        label=_("Specifics and limits"), required=False, widget=forms.Textarea(attrs=TEXT_AREAS)
    )
    licence = forms.CharField(
        label=_("Licence (SPDX identifier)"),
        max_length=200,
        required=False,
        help_text=_(
            "For example AGPL-3.0-or-later, MIT, or “GPL-2.0-only OR MIT”; "
            "LicenseRef-Proprietary for a proprietary service. Whether it is free is derived."
        ),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    source_code = forms.URLField(label=_("Source code"), required=False, assume_scheme="https")
    privacy_policy = forms.URLField(
        label=_("Privacy policy"), required=False, assume_scheme="https"
    )
    terms = forms.URLField(label=_("Terms of use"), required=False, assume_scheme="https")
    self_hostable = forms.BooleanField(label=_("Can be self-hosted"), required=False)
    self_hosting_skill = forms.ChoiceField(
        label=_("Skill needed to host it"), required=False, choices=BLANK + Tool.Skill.choices
    )
    skill_level = forms.ChoiceField(
        label=_("Skill needed to use it"), required=False, choices=BLANK + Tool.Skill.choices
    )
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=BLANK + Tool.Audience.choices
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"), required=False, widget=forms.CheckboxSelectMultiple, choices=PLATFORMS
    )
    federation = forms.CharField(
        label=_("Federation protocols"),
        max_length=200,
        required=False,
        help_text=_("Separated by commas, for example: ActivityPub, RSS"),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas"),
    )
    tracking = forms.ChoiceField(
        label=_("Tracking and advertising"), required=False, choices=TRACKING
    )
    business_model = forms.CharField(
        label=_("Business model"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accessibility = forms.CharField(
        label=_("Accessibility notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    checked = forms.BooleanField(
        label=_("I have checked these facts today (the entry will show today's date)"),
        required=False,
    )
    edit_summary = forms.CharField(
        label=_("Summary of your change"), max_length=300, required=False
    )
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, tool: Tool | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        self.fields["categories"].choices = list(Category.objects.values_list("slug", "name"))
        values = BLANK + [(key, label) for key, label in VALUE_LABELS.items() if key != "inconnu"]
        for key, label in CRITERIA:
            self.fields[f"criterion_{key}"] = forms.ChoiceField(
                label=_("%(criterion)s: value") % {"criterion": label},
                required=False,
                choices=values,
            )
            self.fields[f"criterion_{key}_reason"] = forms.CharField(
                label=_("%(criterion)s: why") % {"criterion": label},
                required=False,
                max_length=500,
            )
            self.fields[f"criterion_{key}_source"] = forms.URLField(
                label=_("%(criterion)s: source") % {"criterion": label},
                required=False,
                assume_scheme="https",
            )
        # The administrative fields close the form.
        for name in ("checked", "edit_summary", "base_revision"):
            self.fields[name] = self.fields.pop(name)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        duplicate = self._others().filter(name__iexact=name).first() or next(
            (t for t in self._others().only("name", "slug") if name_key(t.name) == name_key(name)),
            None,
        )
        if duplicate:
            raise forms.ValidationError(self._duplicate_message(duplicate, _("name")))
        return name

    def clean_website(self):
        website = self.cleaned_data["website"]
        key = address_key(website)
        if key:
            for tool in self._others().exclude(website="").only("name", "slug", "website"):
                if address_key(tool.website) == key:
                    raise forms.ValidationError(self._duplicate_message(tool, _("website")))
        return website

    def clean_licence(self):
        licence = " ".join(self.cleaned_data["licence"].split())
        if licence and not licences.is_known(licence):
            raise forms.ValidationError(
                _(
                    "“%(licence)s” is not an SPDX licence identifier or expression. Use the "
                    "identifiers of spdx.org/licenses (for example GPL-3.0-or-later), or "
                    "LicenseRef-Proprietary."
                )
                % {"licence": licence}
            )
        return licence

    def clean_description(self):
        text = self.cleaned_data["description"].replace("\r\n", "\n").strip()
        if "<<<<<<<" in text and ">>>>>>>" in text:
            raise forms.ValidationError(
                _(
                    "The text still contains the conflict marks: keep the right passage, "
                    "remove the marks."
                )
            )
        return text + "\n"

    def _others(self):
        tools = Tool.objects.all()
        return tools.exclude(pk=self.tool.pk) if self.tool else tools

    def _duplicate_message(self, tool, what):
        return format_html(
            '{} <a href="{}">{}</a>',
            _("A tool with the same %(what)s is already in the directory:") % {"what": what},
            tool.get_absolute_url(),
            tool.name,
        )

    def data_value(self, base: dict | None = None) -> dict:
        """The revision data: what the form shows, over the keys of `base` it does not show."""
        cleaned = self.cleaned_data
        data = dict(base or {})
        for name in (*SIMPLE_FIELDS, "description", "self_hostable"):
            data[name] = cleaned.get(name) if cleaned.get(name) not in ("", None) else None
        data["self_hostable"] = bool(cleaned.get("self_hostable"))
        data["description"] = cleaned["description"]
        data["categories"] = list(cleaned["categories"])
        data["platforms"] = list(cleaned.get("platforms", []))
        data["tags"] = _comma_list(cleaned.get("tags", ""))
        data["federation"] = _comma_list(cleaned.get("federation", "")) or ["none"]
        data["criteria"] = {
            key: {
                "value": cleaned.get(f"criterion_{key}") or "inconnu",
                "reason": cleaned.get(f"criterion_{key}_reason", ""),
                "source": cleaned.get(f"criterion_{key}_source", ""),
            }
            for key, _label in CRITERIA
            if cleaned.get(f"criterion_{key}") or cleaned.get(f"criterion_{key}_reason")
        }
        if cleaned.get("checked"):
            data["last_checked"] = timezone.localdate().isoformat()
            data["reviewed"] = True
        return data

    @classmethod
    def initial_for(cls, revision) -> dict:
        data = revision.data
        initial = {key: data.get(key) or "" for key in SIMPLE_FIELDS}
        initial.update(
            description=revision.text,
            categories=data.get("categories", []),
            platforms=data.get("platforms", []),
            self_hostable=bool(data.get("self_hostable")),
            tags=", ".join(data.get("tags", [])),
            federation=", ".join(f for f in data.get("federation", []) if f != "none"),
            base_revision=revision.pk,
        )
        for key, item in (data.get("criteria") or {}).items():
            if isinstance(item, dict):
                initial[f"criterion_{key}"] = (
                    item.get("value", "") if item.get("value") != "inconnu" else ""
                )
                initial[f"criterion_{key}_reason"] = item.get("reason", "")
                initial[f"criterion_{key}_source"] = item.get("source", "")
        return initial
