"""bench/ecoindex.py against the values published with cnumr/ecoindex_python's own tests."""

import pytest

from bench.ecoindex import (
    QUANTILES_DOM,
    QUANTILES_REQUESTS,
    QUANTILES_SIZE_KB,
    ecoindex,
    grade,
    quantile_position,
    score,
)


@pytest.mark.parametrize(
    ("quantiles", "value", "expected"),
    [
        (QUANTILES_SIZE_KB, 2500, 14.086372025739513),
        (QUANTILES_DOM, 150, 2.892857142857143),
        (QUANTILES_REQUESTS, 23, 2.8),
        (QUANTILES_SIZE_KB, 310182.902, 20),
    ],
)
def test_it_places_a_value_in_its_quantile(quantiles, value, expected):
    assert quantile_position(quantiles, value) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("dom", "requests", "size_kb", "expected"),
    [
        (100, 100, 100, 72),
        (100, 100, 1000, 67),
        (100, 100, 10000, 58),
        (200, 200, 10000, 46),
        (2355, 267, 2493, 10),
        (240, 20, 331, 83),
        (2240, 100, 310182.902, 16),
    ],
)
def test_it_scores_the_published_examples(dom, requests, size_kb, expected):
    assert score(dom=dom, requests=requests, size_kb=size_kb) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(2, "G"), (10, "G"), (25, "F"), (50.2, "D"), (81, "A"), (100, "A")]
)
def test_it_grades_like_the_reference(value, expected):
    assert grade(value) == expected


def test_the_published_example_is_a_b_and_a_light_page_an_a():
    assert ecoindex(dom=100, requests=100, size_kb=100).grade == "B"
    light = ecoindex(dom=300, requests=3, size_kb=20)
    assert light.grade == "A"
    assert light.score == 85  # q_dom 5.03, q_req 1.08, q_size 1.13
