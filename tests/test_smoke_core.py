"""End-to-end smoke tests of the core: a minimal file, the CLI, and one rule each way."""

from __future__ import annotations

import subprocess
import sys

from tests.common import HEADER, ROOT, check


def test_minimal_file_has_no_findings() -> None:
    result = check(HEADER, expect=[])
    assert result.level == 0
    assert result.verdict == "not_ready"


def test_unbounded_autonomy_fires_and_is_fixed_by_a_limit() -> None:
    text = HEADER + (
        "decision_boundaries:\n"
        "  status: in_progress\n"
        "  actions:\n"
        "    - {action: Waive a fee, authority: autonomous}\n"
        "    - {action: Change a contract, authority: prohibited}\n"
    )
    check(text, expect=[("DEC001", 13)], rules={"DEC001"})
    check(text.replace("autonomous}", "autonomous, limit: {amount: 5, currency: CAD}}"),
          expect=[], rules={"DEC001"})


def test_cli_validate_exit_codes() -> None:
    ready = subprocess.run(
        [sys.executable, "-m", "readiness", "validate", "examples/care-copilot-ready.yaml",
         "--today", "2026-11-25"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert ready.returncode == 0, ready.stdout + ready.stderr
    assert "Ready for production" in ready.stdout
