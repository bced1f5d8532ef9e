"""Running the real `missive` command in a child process, as a user would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

COMMAND = (sys.executable, "-c", "from missive.cli import run; run()")


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str

    def line_about(self, path: Path | str) -> str:
        """The one stderr line naming `path` (fails the test if there is not exactly one)."""
        lines = [line for line in self.stderr.splitlines() if f" {path}: " in line]
        assert len(lines) == 1, f"expected one line about {path}:\n{self.stderr}"
        return lines[0]


def missive(*args: str | Path, timeout: float = 120, cwd: Path | None = None) -> Outcome:
    proc = subprocess.run(
        [*COMMAND, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
    )
    return Outcome(proc.returncode, proc.stdout, proc.stderr)
