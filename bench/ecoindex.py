"""The EcoIndex of a page, by the published formula.

Source: the EcoIndex method of GreenIT.fr / the Collectif Conception Numérique Responsable
(cnumr), as implemented in cnumr/ecoindex_python (`ecoindex/compute/ecoindex.py`, quantiles in
`ecoindex/compute/data/quantiles.py`, grade bounds in `…/data/grades.py`) and described on
ecoindex.fr ("How it works"). The quantiles were computed on the HTTP Archive (500,000 pages).

- Each of the three measures is placed in its quantile table, with linear interpolation between
  two bounds: a position from 0 to 20.
- score = 100 − 5 × (3 × q_dom + 2 × q_req + q_size) / 6, rounded (the DOM weighs 3, the
  requests 2, the transferred size 1).
- grade: A above 80, B above 70, C above 55, D above 40, E above 25, F above 10, else G.

The measures, as the cnumr scraper takes them: DOM = every element of the document less the
elements inside an <svg>; requests = every HTTP response of the visit; size = the bytes received
on the wire (compressed), in KB of 1,000 bytes.
"""

from dataclasses import dataclass

QUANTILES_DOM = (
    0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459,
    1801, 2479, 594601,
)  # fmt: skip
QUANTILES_REQUESTS = (
    0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920,
)  # fmt: skip
QUANTILES_SIZE_KB = (
    0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27,
    1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
)  # fmt: skip
GRADE_FLOORS = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))


@dataclass(frozen=True)
class EcoIndex:
    score: int
    grade: str


def quantile_position(quantiles: tuple, value: float) -> float:
    """Where `value` falls in `quantiles`, from 0 to 20, interpolated inside its interval."""
    for i in range(1, len(quantiles)):
        if value < quantiles[i]:
            low, high = quantiles[i - 1], quantiles[i]
            return i - 1 + (value - low) / (high - low)
    return len(quantiles) - 1


def score(*, dom: int, requests: int, size_kb: float) -> int:
    q_dom = quantile_position(QUANTILES_DOM, dom)
    q_requests = quantile_position(QUANTILES_REQUESTS, requests)
    q_size = quantile_position(QUANTILES_SIZE_KB, size_kb)
    return round(100 - 5 * (3 * q_dom + 2 * q_requests + q_size) / 6)


def grade(value: float) -> str:
    for letter, floor in GRADE_FLOORS:
        if value > floor:
            return letter
    return "G"


def ecoindex(*, dom: int, requests: int, size_kb: float) -> EcoIndex:
    value = score(dom=dom, requests=requests, size_kb=size_kb)
    return EcoIndex(score=value, grade=grade(value))
