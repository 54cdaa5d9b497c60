"""`make bench`: runs every benchmark in its own process and prints its figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "pages",
    "delegations",
    "tables",
    "convergence",
    "signatures_load",
    "signatures_fault",
]


def main() -> int:
    names = sys.argv[1:] or BENCHMARKS
    failed = 0
    for name in names:
        print(f"== bench/{name}.py", flush=True)
        env = dict(os.environ, PYTHONPATH=str(HERE.parent))
        rc = subprocess.call([sys.executable, str(HERE / f"{name}.py")], env=env)
        failed += rc != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
