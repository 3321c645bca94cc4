import pytest

from core import registry


@pytest.fixture
def clean_checkers(monkeypatch):
    monkeypatch.setattr(registry, "link_checkers", [])


def test_an_address_that_resolves_to_no_view_does_not_exist(clean_checkers):
    assert not registry.internal_link_exists("/nulle-part/inexistante/")
    assert registry.internal_link_exists("/confidentialite/#vos-droits")


def test_an_app_can_say_that_one_of_its_pages_is_missing(clean_checkers):
    registry.register_link_checker(lambda path: False if path == "/confidentialite/" else None)
    assert not registry.internal_link_exists("/confidentialite/")
    assert registry.internal_link_exists("/accessibilite/")
