"""Fixtures for the read-model tests: a store on disk of each kind, filled with a year of plans."""
from __future__ import annotations

import pytest

from tests.projections.stories import year_of_plans


@pytest.fixture(params=["sqlite", "postgres"])
def durable_url(request, tmp_path):
    """A store on disk: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        from tests import pg

        url, drop = pg.fresh_database()
        yield url
        drop()


@pytest.fixture
def planned(durable_url, make_services):
    """Services over a durable store holding `year_of_plans`, read models not yet caught up."""
    services = make_services(durable_url)
    year_of_plans(services.app)
    return services
