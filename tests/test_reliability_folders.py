"""Issue 12, sections 3 and 4: what a folder holds cannot break a build or reach outside it.
A folder 1,100 levels deep, hidden files, symbolic links out of the folder (skipped unless
``--follow-links``) and in it (followed), file names holding terminal control, a curation folder
that disappeared. Every build is the real command line on real files."""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from filature.curation.session import CurationSession
from filature.store.connect import open_readonly
from reliability import RAW_CONTROL, filature, open_folder

DEPTH = 1100
CONTROL_NAME = "note \x1b]2;pwned-title\x07 \u202etxt.exe.txt"
BIDI = "\u202e"
SECRET = "motdepassesecret"


@dataclass(frozen=True)
class Built:
    """A folder, the folder outside it that links point to, and the build of it."""

    source: Path
    outside: Path
    db: Path
    result: subprocess.CompletedProcess[str]


def files_table(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT path, status, reason FROM files").fetchall()
    finally:
        conn.close()
    return {path: (status, reason) for path, status, reason in rows}


def no_raw_control(text: str) -> None:
    assert not RAW_CONTROL & set(text), sorted(RAW_CONTROL & set(text))
    assert BIDI not in text


@functools.cache
def linked_folder() -> Built:
    """Documents, hidden files, a file named with terminal control, and links in and out."""
    top = open_folder("filature-links-")
    source, outside = top / "corpus", top / "outside"
    (source / ".store").mkdir(parents=True)
    (source / ".git").mkdir()
    (outside / "dossier").mkdir(parents=True)
    (source / "rapport.txt").write_text("Interpol coopère avec la police de Lyon.\n")
    (source / CONTROL_NAME).write_text("La délégation d'Interpol arrive à Genève.\n")
    (source / ".notes.txt").write_text("Des notes cachées sur Interpol.\n")
    (source / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n")
    (source / ".store" / "gardé.txt").write_text("Le ministère reçoit Interpol à Paris.\n")
    (source / "lien.txt").symlink_to(source / ".store" / "gardé.txt")  # stays inside
    (outside / "passwd").write_text(f"root:x:0:0:{SECRET}:/root:/bin/sh\n")
    (outside / "dossier" / "fuite.txt").write_text(f"Le {SECRET} de Lyon.\n")
    (source / "passwd.txt").symlink_to(outside / "passwd")
    (source / "dehors").symlink_to(outside / "dossier")
    db = top / "filature.db"
    return Built(source, outside, db, filature("build", str(source), "--db", str(db)))


def test_links_out_of_the_folder_are_skipped_with_the_reason() -> None:
    built = linked_folder()
    assert built.result.returncode == 0, built.result.stderr
    fates = files_table(built.db)
    assert fates["passwd.txt"][0] == "skipped" and "outside the folder" in fates["passwd.txt"][1]
    assert fates["dehors"][0] == "skipped" and "a folder outside" in fates["dehors"][1]
    assert "--follow-links" in fates["passwd.txt"][1]
    summary = {line.split()[0]: line for line in built.result.stdout.splitlines() if line}
    assert "outside the folder" in summary["passwd.txt"] and "skipped" in summary["dehors"]
    conn = open_readonly(built.db)
    paths = [r[0] for r in conn.execute("SELECT path FROM documents ORDER BY path")]
    conn.close()
    assert not any(p.startswith(("passwd", "dehors")) for p in paths), paths
    found = filature("find", SECRET, "--db", str(built.db))
    assert found.returncode == 1 and SECRET not in found.stdout


def test_links_that_stay_inside_the_folder_are_read() -> None:
    built = linked_folder()
    assert files_table(built.db)["lien.txt"][0] == "ok"
    found = filature("find", "Paris", "--db", str(built.db))
    assert found.returncode == 0 and "lien.txt" in found.stdout, found.stdout + found.stderr


def test_hidden_files_and_folders_appear_in_the_summary_as_skipped() -> None:
    built = linked_folder()
    fates = files_table(built.db)
    assert fates[".notes.txt"] == ("skipped", "hidden file (its name starts with a dot)")
    assert fates[".git"][0] == "skipped" and "hidden folder" in fates[".git"][1]
    assert fates[".store"][0] == "skipped"
    lines = built.result.stdout.splitlines()
    assert any(line.startswith(".notes.txt") and "hidden file" in line for line in lines)


def test_file_names_are_printed_with_control_characters_visible(tmp_path: Path) -> None:
    built = linked_folder()
    no_raw_control(built.result.stdout)
    assert any(
        line.startswith("note ␛]2;pwned-title␇") for line in built.result.stdout.splitlines()
    )
    found = filature("find", "délégation", "--db", str(built.db))
    assert found.returncode == 0 and "pwned-title" in found.stdout, found.stderr
    no_raw_control(found.stdout)
    shown = filature("show", "Interpol", "--db", str(built.db))
    assert shown.returncode == 0 and "pwned-title" in shown.stdout, shown.stderr
    no_raw_control(shown.stdout)
    out = tmp_path / "export \x1b]2;pwned-title\x07.json"
    exported = filature("export", "--format", "json", "--out", str(out), "--db", str(built.db))
    assert exported.returncode == 0 and out.exists(), exported.stderr
    assert "pwned-title" in exported.stdout
    no_raw_control(exported.stdout)


def test_follow_links_reads_what_links_out_of_the_folder_point_to(tmp_path: Path) -> None:
    source, outside = tmp_path / "corpus", tmp_path / "outside"
    (outside / "dossier").mkdir(parents=True)
    source.mkdir()
    (outside / "vide").write_bytes(b"")  # empty files: read and skipped, no analysis needed
    (outside / "dossier" / "vide.txt").write_bytes(b"")
    (source / "passwd.txt").symlink_to(outside / "vide")
    (source / "dehors").symlink_to(outside / "dossier")
    db = tmp_path / "filature.db"
    done = filature("build", str(source), "--db", str(db), "--follow-links")
    assert done.returncode == 0, done.stderr
    fates = files_table(db)
    assert fates["passwd.txt"] == ("skipped", "empty file")  # followed and read
    assert fates["dehors/vide.txt"] == ("skipped", "empty file")


def test_a_folder_1100_levels_deep_is_walked(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    levels = [source]
    for _ in range(DEPTH):  # one by one: Path.mkdir(parents=True) recurses too
        levels.append(levels[-1] / "d")
    for level in levels:
        level.mkdir()
    (levels[-1] / "fond.txt").write_bytes(b"")
    db = tmp_path / "filature.db"
    try:
        done = filature("build", str(source), "--db", str(db))
    finally:
        (levels[-1] / "fond.txt").unlink()
        for level in reversed(levels):  # shutil.rmtree would recurse as deep
            level.rmdir()
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr[-2000:]
    assert files_table(db) == {"d/" * DEPTH + "fond.txt": ("skipped", "empty file")}


def test_a_missing_curation_folder_is_reported_as_missing(tmp_path: Path) -> None:
    built = linked_folder()
    db = tmp_path / "filature.db"
    shutil.copyfile(built.db, db)
    gone = tmp_path / "moved away"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'curation_path'", (str(gone / "c.toml"),))
    conn.commit()
    conn.close()
    conn = open_readonly(db)
    problem = CurationSession(db, conn).problem()
    conn.close()
    assert problem is not None and "missing" in problem and "read-only" not in problem, problem
    assert os.access(tmp_path, os.W_OK)


def test_a_build_writes_nothing_into_a_folder_without_curation(tmp_path: Path) -> None:
    source = tmp_path / "corpus"
    source.mkdir()
    (source / "vide.txt").write_bytes(b"")
    done = filature("build", str(source), "--db", str(tmp_path / "filature.db"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in source.iterdir()) == ["vide.txt"]
