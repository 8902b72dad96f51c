"""The short version of bench/abuse_trials.py (issue 13, items 5, 7 and 8) that CI runs: every trial holds (fails
fast with its one-line error, or succeeds within its bound) on a 2 MB article; the PostgreSQL escapes are tested in
tests/test_sql.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_abuse_trial_holds() -> None:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "abuse_trials.py"), "--megabytes", "2"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    rows = [line for line in completed.stdout.splitlines() if line.startswith("| ") and "| trial |" not in line]
    assert len(rows) == 13
    assert [row for row in rows if "| NO |" in row] == [], completed.stdout
    assert completed.returncode == 0, completed.stderr
