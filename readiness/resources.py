"""Where the shipped data lives: inside the installed package, or at the top of the source tree.

`questionnaires/` and `report_templates/` sit at the top of the repository, where users
read and copy them; the wheel ships them as `readiness/questionnaires` and
`readiness/report_templates`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (questionnaires, report_templates) of this installation."""
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
