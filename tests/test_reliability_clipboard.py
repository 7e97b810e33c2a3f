"""Item 9: a copy lands in tmux's buffer as exact UTF-8 without control characters; over 500 KB
is refused; the message says where the text went, and says so when no clipboard is reachable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dbfactory import DbBuilder
from filature.tui.app import FilatureApp, make_app
from filature.tui.clipboard import MAX_COPY_BYTES
from reliability import Tmux, app_command

TEXT = (
    "Le café 北京 🙂 שלום مرحبا e\u0301 \x1b]52;c;aGk=\x07 fin\x1b[2J "
    "\x9b31m \x00 tab\tici\r\nsuite."
)
CLEAN = "Le café 北京 🙂 שלום مرحبا e\u0301 ]52;c;aGk= fin[2J 31m tab ici suite."
TITLE = "Rapport \x1b]2;t\x07 北京"
PATH = "dossier/note é.txt"


def clipboard_db(path: Path) -> Path:
    b = DbBuilder()
    b.document(PATH, TITLE, [("body", TEXT)])
    b.entity("北京", "place")
    return b.write(path)


@pytest.mark.slow
def test_a_copy_lands_in_tmux_as_exact_utf8_without_controls(tmp_path: Path, tmux: Tmux) -> None:
    db = clipboard_db(tmp_path / "c.db")
    tmux.start(app_command(db), 160, 40)
    tmux.wait_for("Entities")
    assert tmux.buffers() == ""
    tmux.keys("C-c")
    tmux.wait(lambda: tmux.buffers() != "", "the copy to reach tmux")
    copied = tmux.run("show-buffer")
    assert copied == f"«{CLEAN}» — Rapport ]2;t 北京, {PATH}, lines 1–2"
    assert copied.encode("utf-8").decode("utf-8") == copied
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in copied)
    tmux.wait_for("OSC 52 only")  # no system clipboard here: the message says so


async def copy(app: FilatureApp, text: str) -> None:
    app.copy_text(text, "test text")
    await app.workers.wait_for_complete()


@pytest.mark.anyio
async def test_over_500_kb_is_refused_with_a_message(tmp_path: Path) -> None:
    app = make_app(clipboard_db(tmp_path / "c.db"), system_clipboard=False)
    async with app.run_test(notifications=True) as pilot:
        await copy(app, "é" * (MAX_COPY_BYTES // 2))  # exactly 500,000 bytes: copied
        assert len(app.clipboard) == MAX_COPY_BYTES // 2
        await copy(app, "x" * (MAX_COPY_BYTES + 1))
        await pilot.pause()
        assert len(app.clipboard) == MAX_COPY_BYTES // 2  # unchanged
        last = list(app._notifications)[-1]
        assert "Not copied" in last.message and "500 KB" in last.message
        assert last.severity == "error"


def fake_tool(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    tool.chmod(0o755)


@pytest.mark.anyio
async def test_no_clipboard_reachable_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    app = make_app(clipboard_db(tmp_path / "c.db"), system_clipboard=True)
    async with app.run_test(notifications=True) as pilot:
        await copy(app, TEXT)
        await pilot.pause()
        last = list(app._notifications)[-1]
        assert last.title == "Copy not confirmed" and last.severity == "warning"
        assert "OSC 52 only" in last.message and "no clipboard tool" in last.message
        kept = "Le café 北京 🙂 שלום مرحبا e\u0301 ]52;c;aGk= fin[2J 31m  tab\tici\nsuite."
        assert app.clipboard == kept  # newline and tab kept, every other control removed


@pytest.mark.anyio
async def test_a_system_tool_gets_the_exact_text_and_a_failing_one_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    received = tmp_path / "received"
    fake_tool(tools, "xclip", f'cat > "{received}"')
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app(clipboard_db(tmp_path / "c.db"), system_clipboard=True)
    async with app.run_test(notifications=True) as pilot:
        await copy(app, TEXT)
        await pilot.pause()
        assert received.read_bytes() == app.clipboard.encode("utf-8")
        assert b"\x1b" not in received.read_bytes()
        last = list(app._notifications)[-1]
        assert last.title == "Copied" and "with xclip" in last.message
        fake_tool(tools, "xclip", "cat > /dev/null; exit 1")
        await copy(app, "autre texte")
        await pilot.pause()
        last = list(app._notifications)[-1]
        assert last.title == "Copy not confirmed" and "tool failed" in last.message
