"""Time and output size of `readiness validate` (and `readiness report`, for md and html)
on hostile inputs under the 1 MB limit, in every format: the figures in
docs/reliability.md ("Time and output bounds").

    .venv/bin/python bench/hostile.py [FORMAT...]

Each input is written to a temporary folder and validated once per format in a child
process; the CPU time (user + system, of the child) and the bytes of output are printed.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

LIMIT = 1_000_000


def unknown_keys() -> str:
    """As many unknown top-level keys as fit in the limit (about 100,000)."""
    lines, size, i = ["schema_version: 1"], 18, 0
    while size + len(f"k{i}: 1\n") < LIMIT:
        lines.append(f"k{i}: 1")
        size += len(lines[-1]) + 1
        i += 1
    return "\n".join(lines) + "\n"


def long_lines() -> str:
    """Unknown keys of 9,000 characters each, each holding line breaks."""
    key = ("x\\n::error::y" * 700)[:9000]
    return "schema_version: 1\n" + "".join(
        f'"{key}{i}": 1\n' for i in range(LIMIT // 9100)
    )


HEADER = """schema_version: 1
initiative:
  id: hostile
  name: Hostile
  domain: customer_operations
  use_case: other
  stage: pilot
  accountable_owner: Owner
  assessed_on: 2026-11-20
"""


def merged_anchor() -> str:
    """A 100-key anchor merged into each of 1,000 sources: 100,000 unknown keys in list
    items from a 16 KB file (a 190-key anchor is refused by the text limit)."""
    anchor = "x-anchor: &a\n" + "".join(f"  k{i}: {i}\n" for i in range(100))
    return ("schema_version: 1\n" + anchor + "data_pipeline:\n  status: in_progress\n"
            "  sources:\n" + "    - <<: *a\n" * 1000)


def repeated_string() -> str:
    """One 10,000-character name, anchored, reused as 4,000 source, touchpoint, action
    and metric names (180 KB; 60-120 MB of output before the text limit)."""
    lines = ["schema_version: 1", "initiative:", "  id: x", "  name: &n " + "A" * 10_000,
             "  domain: back_office", "  use_case: other", "  stage: pilot",
             "  assessed_on: 2026-01-01", "data_pipeline:", "  status: in_progress",
             "  decision_latency: PT1M", "  sources:"]
    lines += ["    - {name: *n, kind: crm, freshness: P1D, hops_from_system_of_record: 5}"] * 1000
    lines += ["integration:", "  status: in_progress", "  touchpoints:"]
    lines += ["    - {system: *n}"] * 1000
    lines += ["decision_boundaries:", "  status: in_progress", "  actions:"]
    lines += ["    - {action: *n, authority: autonomous}"] * 1000
    lines += ["outcomes:", "  status: in_progress", "  metrics:"]
    lines += ["    - {name: *n, kind: business}"] * 1000
    return "\n".join(lines) + "\n"


def long_names() -> str:
    """As many sources as fit, each with its own 9,000-character name, too stale and
    with no owner: two findings each, every name in both, and in the next steps."""
    body, size, i = [HEADER + "data_pipeline:\n  status: in_progress\n"
                     "  decision_latency: PT1M\n  sources:\n"], 0, 0
    size = len(body[0])
    while True:
        name = (f"{i:05d}" + "n" * 9000)[:9000]
        line = f"    - {{name: {name}, kind: crm, freshness: P1D}}\n"
        if size + len(line) >= LIMIT:
            break
        body.append(line)
        size += len(line)
        i += 1
    return "".join(body)


def many_findings() -> str:
    """1,000 sources, 1,000 actions and 1,000 metrics, each wrong in two or three ways:
    about 8,000 findings, of which 100 are reported."""
    return (HEADER + "data_pipeline:\n  status: in_progress\n  decision_latency: PT1M\n"
            "  sources:\n"
            + "".join(f"    - {{name: s{i}, kind: crm, freshness: P1D, "
                      "hops_from_system_of_record: 3}\n" for i in range(1000))
            + "decision_boundaries:\n  status: in_progress\n  actions:\n"
            + "".join(f"    - {{action: a{i}, authority: autonomous}}\n" for i in range(1000))
            + "outcomes:\n  status: in_progress\n  metrics:\n"
            + "".join(f"    - {{name: m{i}, kind: business}}\n" for i in range(1000)))


INPUTS = {"unknown-keys.yaml": unknown_keys, "long-keys.yaml": long_lines,
          "merged-anchor.yaml": merged_anchor, "repeated-string.yaml": repeated_string,
          "long-names.yaml": long_names, "many-findings.yaml": many_findings}
FORMATS = ["text", "json", "sarif", "junit", "github", "md", "html"]
REPORT_FORMATS = ("md", "html")


def main() -> None:
    formats = sys.argv[1:] or FORMATS
    with tempfile.TemporaryDirectory() as folder:
        for name, make in INPUTS.items():
            path = Path(folder) / name
            path.write_text(make())
            for fmt in formats:
                out = Path(folder) / f"out.{fmt}"
                out.write_text("")  # a refused report writes nothing
                command = "report" if fmt in REPORT_FORMATS else "validate"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(
                    [sys.executable, "-m", "readiness", command, "-f", fmt, "-o", str(out),
                     "--today", "2026-11-25", str(path)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                )
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                print(f"{name:<20} {path.stat().st_size:>9,} bytes  {fmt:<7} "
                      f"{cpu:5.2f} s CPU  {out.stat().st_size:>9,} bytes out", flush=True)


if __name__ == "__main__":
    main()
