import pytest

from resources import services
from tests import factories


@pytest.fixture
def trusted(db):
    """A member whose edits are published at once (past the first reviewed edits, not new)."""
    return factories.trusted_member()


@pytest.fixture
def article(trusted):
    fields = services.ArticleFields(
        title="Choisir son hébergeur",
        text="Un.\n\nDeux.\n\nTrois.\n",
        summary="Résumé.",
        kind="strategie",
        tags=("hébergement",),
    )
    return services.article_create(fields=fields, author=trusted)


@pytest.fixture
def trusted_client(client, trusted):
    client.force_login(trusted)
    return client
