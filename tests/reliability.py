"""Helpers of the reliability suite: a private tmux server, the screen of a Pilot app, the CLI
run as a real process (as nobody when the suite runs as root), and the hostile corpus built
once per session with the real pipeline."""

from __future__ import annotations

import atexit
import codecs
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from textual.app import App

ROOT = Path(__file__).resolve().parents[1]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
RAW_CONTROL = frozenset(
    chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))
)

# The markup and action strings of issue 8, item 1.
MARKUP = (
    "[/]",
    "foo [/",
    "[type=x, v={'a[0]'}]",
    "[$accent]x",
    "[@click=app.quit]q[/]",
    "[@click=app.screenshot('x','.')]",
)
# Terminal control of item 2: OSC 52 (clipboard), OSC 2 (title), clear screen, an OSC 8 link,
# C1 controls (CSI, OSC as single characters).
OSC52 = "\x1b]52;c;aGFja2Vk\x1b\\"
OSC2 = "\x1b]2;pwned-title\x07"
CLEAR = "\x1b[2J\x1b[H"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"
C1 = "\x9b2J\x9d2;c1-title\x9c"
TERMINAL = (OSC52, OSC2, CLEAR, OSC8, C1)
HOSTILE_NAME = f"titre {OSC2}.txt"  # a file name that would set the terminal's title


def env_without_size() -> dict[str, str]:
    """The environment for a child process, without the COLUMNS/LINES pytest may set."""
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def as_nobody(command: list[str]) -> list[str]:
    """``command`` run as nobody when the suite runs as root (root ignores permissions); the
    checkout must be reachable by nobody (a clone in ``mktemp -d``'s private folder is not)."""
    if os.geteuid() != 0:
        return command
    private = [p for p in (ROOT, *ROOT.parents) if not p.stat().st_mode & 0o001]
    assert not private, (
        f"{private[-1]} is private (mode {private[-1].stat().st_mode & 0o777:o}): the tests that "
        f"run as nobody cannot reach the checkout; `chmod o+x {private[-1]}` or clone elsewhere"
    )
    return [*NOBODY, *command]


def filature(
    *args: str, cwd: Path | None = None, nobody: bool = False, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the real ``filature`` command line in a process."""
    command = [sys.executable, "-m", "filature", *args]
    env = env_without_size()
    env["COLUMNS"] = "250"  # rich wraps tables at 80 columns when not on a terminal
    env["PYTHONPATH"] = str(ROOT / "src")
    command = as_nobody(command) if nobody else command
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env, check=False
    )


def start_build(db: Path) -> subprocess.Popen[bytes]:
    """``filature build seeds --db DB`` as a real process (stderr kept for the assertions)."""
    return subprocess.Popen(
        [sys.executable, "-m", "filature", "build", str(ROOT / "seeds"), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@contextmanager
def small_tmpfs(point: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size`` (mount's ``-o size=``) mounted at the new folder ``point``,
    unmounted afterwards; the test is skipped where mounting is not permitted."""
    import pytest

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    point.mkdir()
    name = f"filature-{os.urandom(3).hex()}"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", name, str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def open_folder(prefix: str) -> Path:
    """A fresh folder anyone may read and write (pytest's are private to root), removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o777)
    atexit.register(remove_tree, folder)
    return folder


def remove_tree(folder: Path) -> None:
    """Remove a folder even where a test took permissions away."""
    if not folder.exists():
        return
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o777)
    shutil.rmtree(folder, ignore_errors=True)


def screen_text(app: App[None]) -> str:
    """What the app draws now (notifications included), as plain text, one line a row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def raw_controls(app: App[None]) -> set[str]:
    """Control characters the app would write to the terminal as part of its text."""
    found: set[str] = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            found |= RAW_CONTROL & set(segment.text)
    return found


TMUX_MISSING = "tmux is not installed: the terminal tests need tmux 3.x (apt-get install tmux)"


def require_tmux() -> None:
    """Skip the calling test when tmux is missing; under CI (``CI=true``) that is a failure."""
    if shutil.which("tmux") is not None:
        return
    import pytest

    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        pytest.fail(f"{TMUX_MISSING}; under CI=true it is required", pytrace=False)
    pytest.skip(TMUX_MISSING)


class Tmux:
    """A private tmux server (``-L``, no configuration) with one pane; kill it in a finally.

    Creating one skips the test when tmux is missing (fails it under CI), see ``require_tmux``.
    """

    def __init__(self) -> None:
        require_tmux()
        self.name = f"filature-rel-{os.getpid()}-{time.monotonic_ns()}"

    def run(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return done.stdout

    def start(self, command: list[str], width: int = 160, height: int = 45) -> None:
        """Start the server with ``command`` in its pane (kept when it exits)."""
        self.run("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height))
        self.run("resize-window", "-t", "main", "-x", str(width), "-y", str(height))
        self.run("set", "-s", "set-clipboard", "on")
        self.run("set", "-g", "remain-on-exit", "on")
        self.run("set", "-g", "history-limit", "5000")
        self.run("select-pane", "-t", "main", "-T", "filature-test-title")
        self.respawn(command)

    def respawn(self, command: list[str], target: str = "main") -> None:
        import shlex

        self.run("respawn-pane", "-k", "-t", target, shlex.join(command))

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)

    def screen(self, target: str = "main") -> str:
        return self.run("capture-pane", "-p", "-t", target)

    def history(self) -> str:
        """The pane's whole history and screen."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", "main")

    def title(self, target: str = "main") -> str:
        return self.run("display-message", "-p", "-t", target, "#{pane_title}").strip()

    def buffers(self) -> str:
        return self.run("list-buffers")

    def dead(self) -> bool:
        """Whether the pane's program has closed the terminal (it may not have ended yet)."""
        return self.run("display-message", "-p", "-t", "main", "#{pane_dead}").strip() == "1"

    def exit_status(self) -> str | None:
        """How the pane's program ended: its exit status ("2") or the name of the signal that
        ended it ("SIGKILL"); None while it runs or before tmux has collected its status.

        tmux before 3.6 can lose that status for good (tmux issue 4559): when a pane's
        terminal closes, tmux runs libutempter's helper with SIGCHLD set to its default, which
        discards the signal, and a program that ends during those milliseconds stays a zombie
        tmux never waits for, the pane dead without a status. A SIGCHLD sent to the server
        makes it wait for its children again, as tmux 3.6 does itself after the helper."""
        if not self.dead():
            return None
        format_ = "#{pane_dead_status}:#{pane_dead_signal}"
        code, _, killer = (
            self.run("display-message", "-p", "-t", "main", format_).strip().partition(":")
        )
        if code:
            return code
        if killer:  # a number where the C library has no signal names (glibc)
            return signal.Signals(int(killer)).name if killer.isdigit() else killer
        pid = self.run("display-message", "-p", "#{pid}").strip()
        if pid.isdigit():
            os.kill(int(pid), signal.SIGCHLD)
        return None

    def wait_exit(self, what: str, timeout: float = 30) -> str:
        """Wait for the pane's program to end; its ``exit_status``."""
        self.wait(lambda: self.exit_status() is not None, what, timeout)
        return self.exit_status() or ""

    def wait(self, check: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{self.screen()}")

    def wait_for(self, text: str, timeout: float = 30) -> None:
        self.wait(lambda: text in self.screen(), repr(text), timeout)

    def kill(self) -> None:
        self.run("kill-server")


def app_command(db: Path) -> list[str]:
    """The explorer on ``db`` as a process (sized by its terminal, not by COLUMNS/LINES)."""
    return ["env", "-u", "COLUMNS", "-u", "LINES", sys.executable, "-m", "filature.tui", str(db)]


# The hostile corpus: every file case of item 4 and the terminal control of item 2.
LATIN1 = "Le café de Genève reçoit Interpol à Lyon."
CP1252 = "L’été “oui” : le café de Pékin coûte 3 €."
UTF16 = "Meng Hongwei est élu président d’Interpol à Lyon."
BOM8 = "La préfecture de Pékin coopère avec Interpol."
MOSTLY = "Sécurité publique, coopération policière, Pékin et Genève. " * 3
NAMED = "Le ministère de la Sécurité publique reçoit la délégation à Genève."
FILLER = "La coopération policière continue entre Pékin et Lyon sans autre détail. "


def corpus_files() -> dict[str, bytes]:
    """Relative path -> bytes of every document written as such."""
    hostile = (
        "Rapport de l’agent Dupont sur Interpol.\n\n"
        f"Le titre {OSC2} puis le presse-papiers {OSC52} et l’écran {CLEAR} ici.\n\n"
        f"Un lien {OSC8} et des C1 {C1} fin.\n\n"
        + "".join(f"Le balisage {m} cité par Interpol.\n\n" for m in MARKUP)
    )
    late_nul = (FILLER * 120) + "\n\nAvant le nul \x00 après le nul à Lyon.\n"
    return {
        "latin1.txt": LATIN1.encode("latin-1"),
        "cp1252.txt": CP1252.encode("cp1252"),
        "one byte.txt": b"\xe9",
        "utf16 bom.txt": codecs.BOM_UTF16_LE + UTF16.encode("utf-16-le"),
        "utf16 nobom.txt": UTF16.encode("utf-16-le"),
        "utf8 bom.md": codecs.BOM_UTF8 + BOM8.encode(),
        "mostly utf8.txt": MOSTLY.encode() + b"\xff" + " Fin du répertoire.".encode(),
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\xff" * 20,
        "empty.txt": b"",
        "big.txt": ("Un très long document. " * 4000).encode(),
        "secret.txt": b"Texte secret sur Interpol.",
        "noms/Pékin et Genève.txt": NAMED.encode(),
        "hostile terminal.txt": hostile.encode(),
        "nul tardif.txt": late_nul.encode(),
        HOSTILE_NAME: "Note de Lyon sur la coopération avec Interpol.".encode(),
    }


MAX_MB = "0.05"  # big.txt (92 KB) is over it, every other file under it


@dataclass(frozen=True)
class Corpus:
    """The hostile corpus folder, the database the real ``filature build`` made of it, and
    what the build printed."""

    source: Path
    db: Path
    result: subprocess.CompletedProcess[str]


@functools.cache
def hostile_corpus() -> Corpus:
    """Write the hostile corpus and build it once per session with the real CLI, as nobody
    when the suite runs as root so that the unreadable file really is unreadable."""
    top = open_folder("filature-corpus-")
    source = top / "corpus"
    for rel, data in corpus_files().items():
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in [source, *source.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (source / "secret.txt").chmod(0)
    (source / "loop").symlink_to(source)
    (source / "self.txt").symlink_to(source / "self.txt")
    out = top / "db"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    db = out / "filature.db"
    result = filature("build", str(source), "--db", str(db), "--max-mb", MAX_MB, nobody=True)
    return Corpus(source, db, result)
