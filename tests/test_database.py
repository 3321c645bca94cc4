"""The suite runs on SQLite and on PostgreSQL: make sure each run is on the database it claims."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_database_is_the_one_configured():
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"


@pytest.mark.django_db
def test_the_database_is_ready_for_concurrent_writers():
    if connection.vendor == "postgresql":
        assert connection.pg_version >= 150000  # PostgreSQL 15 or later, as PRODUCT.md says
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
