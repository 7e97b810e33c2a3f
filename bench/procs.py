"""Child processes of the benchmark: run one, time it and read its peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _corpora() -> Path:
    for parent in ROOT.parents:
        if (parent / "shared" / "corpora").is_dir():
            return parent / "shared" / "corpora"
    return ROOT.parent / "shared" / "corpora"


CORPORA = _corpora()
"""The shared corpora (PDFs, saved pages) beside the checkout, never copied into it."""
PYTHON = sys.executable


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: exit code, wall time, peak RSS (MB) and its output."""

    returncode: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


def run_child(command: list[str], *, timeout: float = 7200, cwd: Path = ROOT) -> ChildRun:
    """Run ``command``, timing it from just before the spawn to its exit.

    The peak RSS comes from ``wait4``'s rusage, so it is the child's own high-water mark
    (the largest of it and its waited-for children), not the benchmark's.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            returncode=proc.returncode,
            seconds=seconds,
            peak_rss_mb=usage.ru_maxrss / 1024,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def run_python(module: str, *args: str, timeout: float = 7200) -> tuple[ChildRun, dict[str, Any]]:
    """Run ``python -m module args... --json FILE`` and return the run and the JSON it wrote."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        result_path = Path(tmp) / "result.json"
        run = run_child([PYTHON, "-m", module, *args, "--json", str(result_path)], timeout=timeout)
        if run.returncode != 0 or not result_path.exists():
            tail = (run.stderr or run.stdout).strip().splitlines()[-15:]
            raise RuntimeError(f"{module} exited with {run.returncode}: " + "\n".join(tail))
        data: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    return run, data


def status_kb(pid: int, field: str) -> int:
    """A ``kB`` field of ``/proc/PID/status`` (VmRSS, VmHWM...), 0 if the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def cpu_ticks(pid: int) -> int:
    """User + system clock ticks a process has used so far (0 if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def wait_idle(pid: int, quiet: float = 0.6, timeout: float = 120.0) -> float:
    """Wait until ``pid`` uses at most one clock tick in ``quiet`` seconds; returns the wait."""
    started = time.perf_counter()
    last = cpu_ticks(pid)
    while time.perf_counter() - started < timeout:
        time.sleep(quiet)
        ticks = cpu_ticks(pid)
        if ticks - last <= 1:
            break
        last = ticks
    return time.perf_counter() - started
