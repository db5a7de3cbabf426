"""Session fixtures for the import tests: LibreOffice conversions, cached once per session."""
from __future__ import annotations

import pytest

from tests.importing.calc import Calc


@pytest.fixture(scope="session")
def calc(tmp_path_factory) -> Calc:
    return Calc(tmp_path_factory.mktemp("calc"))
