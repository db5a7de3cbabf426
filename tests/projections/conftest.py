"""Fixtures for the read-model tests: a store on disk of each kind (durable_url), filled with a year of plans."""
from __future__ import annotations

import pytest

from tests.projections.stories import year_of_plans


@pytest.fixture
def planned(durable_url, make_services):
    """Services over a durable store holding `year_of_plans`, read models not yet caught up."""
    services = make_services(durable_url, read_your_writes=False)
    year_of_plans(services.app)
    return services
