"""A private tmux server with one pane: the honest view of a terminal app."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class Tmux:
    """One tmux server (its own socket) running one pane of a given size."""

    def __init__(self, width: int = 160, height: int = 45) -> None:
        self.socket = f"filature-bench-{os.getpid()}"
        self.width = width
        self.height = height

    def run(self, *args: str) -> str:
        """Run a tmux command on this server; its stdout."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return done.stdout

    def open(self, cwd: Path) -> None:
        """Start the server with an idle shell pane of the right size."""
        w, h = str(self.width), str(self.height)
        self.run("new-session", "-d", "-s", "main", "-x", w, "-y", h, "-c", str(cwd), "sleep 600")
        self.run("resize-window", "-t", "main", "-x", w, "-y", h)
        self.run("set", "-g", "remain-on-exit", "on")

    def respawn(self, command: str) -> None:
        """Replace the pane's process with ``command`` (run with exec, so it is the pane pid)."""
        self.run("respawn-pane", "-k", "-t", "main", f"exec {command}")

    def pid(self) -> int:
        """The pid of the process in the pane."""
        return int(self.run("display", "-p", "-t", "main", "#{pane_pid}").strip() or 0)

    def screen(self) -> str:
        """The pane's text."""
        return self.run("capture-pane", "-p", "-t", "main")

    def keys(self, *keys: str) -> None:
        """Send keys (tmux key names)."""
        self.run("send-keys", "-t", "main", *keys)

    def wait_for(self, check: Callable[[str], bool], timeout: float = 60.0) -> float:
        """Poll the screen until ``check(screen)``; the perf_counter time it first held."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if check(self.screen()):
                return time.perf_counter()
            time.sleep(0.002)
        raise TimeoutError(f"screen never matched; last screen:\n{self.screen()}")

    def close(self) -> None:
        """Stop the server and everything in it."""
        self.run("kill-server")
