import pytest

from resources import services
from tests import factories


@pytest.fixture
def trusted(db):
    """A member whose edits are published at once (past the first reviewed edits, not new)."""
    user = factories.UserFactory()
    user.date_joined = user.date_joined.replace(year=2020)
    user.save()
    for n in range(3):
        factories.document(author=user, path=f"/essai-{n}/")
    return user


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
