"""readiness: is a telecom AI initiative ready to leave pilot and run in production?

The public API is small: load and validate a file, assess it against a questionnaire
pack, and read the result. Everything is imported lazily so that `readiness --version`
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "1.0.0"

__all__ = ["Result", "Thresholds", "__version__", "assess", "assess_file", "load_pack"]

if TYPE_CHECKING:
    from readiness.engine import Result, assess, assess_file
    from readiness.packs import load_pack
    from readiness.thresholds import Thresholds


def __getattr__(name: str) -> Any:
    if name in ("assess_file", "assess", "Result"):
        from readiness import engine

        return getattr(engine, name)
    if name == "load_pack":
        from readiness.packs import load_pack

        return load_pack
    if name == "Thresholds":
        from readiness.thresholds import Thresholds

        return Thresholds
    raise AttributeError(f"module 'readiness' has no attribute {name!r}")
