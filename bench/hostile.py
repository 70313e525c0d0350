"""Time and output size of `readiness validate` on hostile inputs under the 1 MB limit,
in every format: the figures in docs/reliability.md ("Time and output bounds").

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


INPUTS = {"unknown-keys.yaml": unknown_keys, "long-keys.yaml": long_lines}
FORMATS = ["text", "json", "sarif", "junit", "github"]


def main() -> None:
    formats = sys.argv[1:] or FORMATS
    with tempfile.TemporaryDirectory() as folder:
        for name, make in INPUTS.items():
            path = Path(folder) / name
            path.write_text(make())
            for fmt in formats:
                out = Path(folder) / f"out.{fmt}"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(
                    [sys.executable, "-m", "readiness", "validate", "-f", fmt, "-o", str(out),
                     str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                    check=False,
                )
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                print(f"{name:<20} {path.stat().st_size:>9,} bytes  {fmt:<7} "
                      f"{cpu:5.2f} s CPU  {out.stat().st_size:>9,} bytes out", flush=True)


if __name__ == "__main__":
    main()
