"""Shared fixtures: a tiny real-facts KB for unit tests, the embedded KB, and the
reference data in ../shared when it is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The property tests run the same examples on every run and every machine (derandomised,
# no example database), a bounded number of them, each within a deadline that a loaded
# two-core CI machine meets. HYPOTHESIS_PROFILE=dev searches anew each run.
settings.register_profile("ci", derandomize=True, database=None, max_examples=60, deadline=2000,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HERE = Path(__file__).parent
REPO = HERE.parent
SHARED = Path(os.environ.get("LIQAA_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    os.environ["LIQAA_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def small_kb():
    from liqaa.kb.load import load_kb

    return load_kb(HERE / "fixtures" / "kb", use_cache=False)


@pytest.fixture(scope="session")
def kb():
    from liqaa.kb import default_kb

    return default_kb()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"reference data not present at {path} (it lives outside the repository)")
    return path
