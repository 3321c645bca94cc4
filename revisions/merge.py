"""Three-way merge of texts and of structured fields (merge3, the algorithm of diff3)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from merge3 import Merge3


@dataclass
class MergeResult:
    text: str
    conflicts: int
    data: dict = field(default_factory=dict)
    data_conflicts: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return self.conflicts == 0 and not self.data_conflicts


def merge_texts(base: str, current: str, mine: str) -> tuple[str, int]:
    """Merge line by line. Overlapping changes become a marked block in the proposal."""
    merger = Merge3(_lines(base), _lines(current), _lines(mine))
    out: list[str] = []
    conflicts = 0
    for group in merger.merge_groups():
        if group[0] != "conflict":
            out.extend(group[1])
            continue
        conflicts += 1
        _base, theirs, ours = group[1], group[2], group[3]
        out.append(f"<<<<<<< {_('current version')}\n")
        out.extend(_ensure_newline(theirs))
        out.append("=======\n")
        out.extend(_ensure_newline(ours))
        out.append(f">>>>>>> {_('your version')}\n")
    return "".join(out), conflicts


def merge_data(base: dict, current: dict, mine: dict) -> tuple[dict, list[str]]:
    """Field by field: a field changed on one side only takes that side's value."""
    merged, conflicts = {}, []
    for key in sorted(set(base) | set(current) | set(mine)):
        b, c, m = base.get(key), current.get(key), mine.get(key)
        if c == m or m == b:
            merged[key] = c
        elif c == b:
            merged[key] = m
        else:
            merged[key] = c
            conflicts.append(key)
    return {k: v for k, v in merged.items() if v is not None}, conflicts


def merge(base_text, current_text, my_text, base_data, current_data, my_data) -> MergeResult:
    text, conflicts = merge_texts(base_text, current_text, my_text)
    data, data_conflicts = merge_data(base_data, current_data, my_data)
    return MergeResult(text=text, conflicts=conflicts, data=data, data_conflicts=data_conflicts)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _ensure_newline(lines):
    lines = list(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines
