"""Where the shipped data lives: inside the installed package, or at the top of the source tree.

`questionnaires/` and `report_templates/` sit at the top of the repository, where users
read and copy them; the wheel ships them as `readiness/questionnaires` and
`readiness/report_templates`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (questionnaires, report_templates) of this installation."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The absolute address of docs/rules.md, when it is known: READINESS_RULES_URL, or
    the `Rules` project URL of the installed distribution; None otherwise."""
    environ = os.environ if environ is None else environ
    candidate = environ.get("READINESS_RULES_URL")
    if not candidate:
        from importlib.metadata import PackageNotFoundError, metadata

        try:
            urls = metadata("readiness").get_all("Project-URL") or []
        except PackageNotFoundError:
            urls = []
        for entry in urls:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "rules":
                candidate = url.strip()
    if candidate and urlsplit(candidate).scheme in ("http", "https", "file"):
        return candidate.split("#", 1)[0]
    return None
