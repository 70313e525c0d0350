"""The starter assessment `readiness init` writes: commented, valid as it stands, with an
id and a name taken from the file name (docs/format.md)."""

from __future__ import annotations

import re
from pathlib import Path

_TEMPLATE = Path(__file__).resolve().parent / "data" / "starter.yaml"


def starter(filename: str, today: str) -> str:
    """The starter text, with an id and a name taken from the file name ("-": stdout)."""
    stem = Path(filename).stem if filename != "-" else "my-initiative"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-initiative"
    template = _TEMPLATE.read_text(encoding="utf-8")
    from readiness.schema import SCHEMA_URL

    return template.format(
        schema_url=SCHEMA_URL,
        id=slug,
        name=slug.replace("-", " ").capitalize(),
        today=today,
        filename=filename if filename != "-" else "assessment.yaml",
    )
