"""The ethical criteria of an entry, shown one by one with their reason and source."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tools import licences

CRITERIA = [
    ("privacy", gettext_lazy("Privacy and tracking")),
    ("ethical_hosting", gettext_lazy("Ethical hosting available")),
    ("accessibility", gettext_lazy("Accessibility")),
    ("portability", gettext_lazy("Data portability, no lock-in")),
    ("governance", gettext_lazy("Governance")),
    ("audience", gettext_lazy("Audience reach")),
]
VALUE_LABELS = {
    "bon": gettext_lazy("good"),
    "moyen": gettext_lazy("fair"),
    "faible": gettext_lazy("poor"),
    "inconnu": gettext_lazy("unknown"),
}


def licence_criterion(tool):
    if not tool.licence:
        return {
            "label": _("Free licence"),
            "value": "inconnu",
            "value_label": VALUE_LABELS["inconnu"],
            "reason": _("The licence is not known."),
            "source": "",
        }
    reason = (
        _("%(licence)s is a free licence according to the SPDX/ScanCode licence data.")
        if tool.is_free
        else _("%(licence)s is not a free licence according to the SPDX/ScanCode licence data.")
    )
    value = "bon" if tool.is_free else "faible"
    return {
        "label": _("Free licence"),
        "value": value,
        "value_label": VALUE_LABELS[value],
        "reason": reason % {"licence": tool.licence},
        "source": "https://spdx.org/licenses/",
        "known": licences.is_known(tool.licence),
    }


def criterion(item):
    value = item.get("value", "inconnu") if isinstance(item, dict) else "inconnu"
    value = value if value in VALUE_LABELS else "inconnu"
    return {
        "value": value,
        "value_label": VALUE_LABELS[value],
        "reason": item.get("reason", "") if isinstance(item, dict) else "",
        "source": item.get("source", "") if isinstance(item, dict) else "",
    }


def breakdown(tool, data) -> list[dict]:
    """The licence criterion (derived) then each criterion of the entry's data."""
    return [licence_criterion(tool)] + [
        {"key": key, "label": label, **criterion(data.get("criteria", {}).get(key, {}))}
        for key, label in CRITERIA
    ]
