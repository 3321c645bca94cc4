"""Free or not, derived from SPDX data, never typed by hand.

The ScanCode license index shipped by the `license-expression` package classifies every SPDX
licence (Permissive, Copyleft, Public Domain… or Source-available, Proprietary Free, Commercial…).
An expression is free when every licence an `AND` requires is free, and one of the choices an `OR`
offers is.
"""

import json
from functools import lru_cache
from pathlib import Path

import license_expression
from license_expression import ExpressionError, LicenseSymbol

FREE_CATEGORIES = {"Permissive", "Copyleft", "Copyleft Limited", "Public Domain", "Patent License"}


@lru_cache(maxsize=1)
def _categories() -> dict[str, str]:
    path = Path(license_expression.__file__).parent / "data" / "scancode-licensedb-index.json"
    categories = {}
    for entry in json.loads(path.read_text()):
        for key in [entry.get("spdx_license_key"), *entry.get("other_spdx_license_keys", [])]:
            if key:
                categories[key.lower()] = entry.get("category", "")
    return categories


@lru_cache(maxsize=1)
def _licensing():
    return license_expression.get_spdx_licensing()


def is_known(expression: str) -> bool:
    """True when every identifier of the expression is an SPDX id (or a LicenseRef-)."""
    try:
        parsed = _licensing().parse(expression, validate=False)
    except ExpressionError:
        return False
    if parsed is None:
        return False
    keys = [str(getattr(symbol, "license_symbol", symbol)) for symbol in parsed.symbols]
    return all(key.lower() in _categories() or key.startswith("LicenseRef-") for key in keys)


def is_free(expression: str | None) -> bool:
    if not expression:
        return False
    try:
        parsed = _licensing().parse(expression, validate=False)
    except ExpressionError:
        return False
    return parsed is not None and _free(parsed)


def _free(node) -> bool:
    if hasattr(node, "license_symbol"):  # "GPL-2.0-only WITH Classpath-exception-2.0"
        return _free(node.license_symbol)
    if isinstance(node, LicenseSymbol):
        return _categories().get(str(node.key).lower()) in FREE_CATEGORIES
    if getattr(node, "operator", "").strip() == "AND":
        return all(_free(arg) for arg in node.args)
    if getattr(node, "operator", "").strip() == "OR":
        return any(_free(arg) for arg in node.args)
    return all(_free(arg) for arg in getattr(node, "args", ()))
