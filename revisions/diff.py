"""Readable diffs: word by word inside changed lines, marked with <ins>/<del> and words.

Screen readers announce the hidden "added"/"removed" words; sighted readers see underline and
strike-through as well as colour.
"""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

TOKEN = re.compile(r"\s+|[\w’'-]+|[^\w\s]", re.UNICODE)


def diff_html(old: str, new: str) -> SafeString:
    """HTML of `new` against `old`, one <p class="diff-line"> per changed or kept block."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.extend(_context(old_lines[i1:i2]))
        elif op == "replace":
            out.append(_words("\n".join(old_lines[i1:i2]), "\n".join(new_lines[j1:j2])))
        elif op == "delete":
            out.append(f'<p class="diff-line">{_deleted(chr(10).join(old_lines[i1:i2]))}</p>')
        else:
            out.append(f'<p class="diff-line">{_inserted(chr(10).join(new_lines[j1:j2]))}</p>')
    return mark_safe("\n".join(out))  # noqa: S308 - every piece of text is escaped above


def _context(lines: list[str]) -> list[str]:
    """Unchanged lines: shown around changes, long runs folded."""
    if len(lines) <= 4:
        return [f'<p class="diff-line diff-context">{escape(line)}</p>' for line in lines if line]
    folded = _("%(count)s unchanged lines") % {"count": len(lines) - 2}
    return [
        f'<p class="diff-line diff-context">{escape(lines[0])}</p>',
        f'<p class="diff-fold">[…] {escape(folded)}</p>',
        f'<p class="diff-line diff-context">{escape(lines[-1])}</p>',
    ]


def _words(old: str, new: str) -> str:
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_tokens[i1:i2])))
            continue
        if op in ("replace", "delete"):
            parts.append(_deleted("".join(old_tokens[i1:i2])))
        if op in ("replace", "insert"):
            parts.append(_inserted("".join(new_tokens[j1:j2])))
    return f'<p class="diff-line">{"".join(parts)}</p>'


def _inserted(text: str) -> str:
    return _marked("ins", _("added:"), text)


def _deleted(text: str) -> str:
    return _marked("del", _("removed:"), text)


def _marked(tag: str, label: str, text: str) -> str:
    hidden = '<span class="visually-hidden">'
    return f"<{tag}>{hidden}[{escape(label)} </span>{escape(text)}{hidden}]</span></{tag}>"


def diff_fields(old: dict, new: dict) -> list[dict]:
    """Changed structured fields, each with old and new values."""
    changes = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            changes.append({"field": key, "old": old.get(key), "new": new.get(key)})
    return changes
