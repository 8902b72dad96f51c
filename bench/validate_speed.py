"""Time the seeds schema check alone: every YAML file of a seeds directory read first, then validated (best of 3).

Usage:
    python bench/generate.py --events 100000 --seeds /tmp/seeds100k
    python bench/validate_speed.py /tmp/seeds100k
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztimeline.curation.validate import schema_errors  # noqa: E402
from kztimeline.curation.yaml_source import read_seed_file  # noqa: E402


def main() -> None:
    files = [read_seed_file(path, str(path))[0].content for path in sorted(Path(sys.argv[1]).glob("*.yaml"))]
    best = float("inf")
    problems = 0
    for _ in range(3):
        start = time.perf_counter()
        problems = sum(1 for content in files for _ in schema_errors(content))
        best = min(best, time.perf_counter() - start)
    print(f"schema check: {best:.2f} s (best of 3), {problems} problems")


if __name__ == "__main__":
    main()
