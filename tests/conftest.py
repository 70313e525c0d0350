"""Suite-wide settings: the suite never writes into the user's own cache folder."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled report templates are cached under $XDG_CACHE_HOME; the suite (and every
    command it starts) uses a folder of its own, removed with the session's tmp files."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(autouse=True)
def _english_between_tests() -> Iterator[None]:
    """Each test starts in English, the default, whatever language a test before it
    chose (the active language is per process); READINESS_LANG from the user's shell
    does not reach the suite."""
    from readiness import i18n

    saved = os.environ.pop("READINESS_LANG", None)
    i18n.use("en")
    yield
    i18n.use("en")
    if saved is not None:
        os.environ["READINESS_LANG"] = saved
