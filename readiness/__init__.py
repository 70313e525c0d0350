"""readiness: is a telecom AI initiative ready to leave pilot and run in production?

The public API is small: load and validate a file, assess it against a questionnaire
pack, and read the result. Everything is imported lazily so that `readiness --version`
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"

__all__ = ["__version__", "assess_file", "assess", "load_pack", "Result", "Settings"]

if TYPE_CHECKING:
    from readiness.engine import Result, Settings, assess, assess_file
    from readiness.packs import load_pack


def __getattr__(name: str) -> Any:
    if name in ("assess_file", "assess", "Result", "Settings"):
        from readiness import engine

        return getattr(engine, name)
    if name == "load_pack":
        from readiness.packs import load_pack

        return load_pack
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
