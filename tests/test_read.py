"""Reading real files: every encoding, every bad-file case, and discovering a folder."""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from filature.ingest.discover import OUTSIDE, discover, discover_files
from filature.ingest.read import read_source
from filature.models import FileReport, SourceText
from reliability import as_nobody

TEXT = "Le café de l’École à Pékin coûte 3 €.\nDeuxième ligne : Interpol, Lyon.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _ok(tmp_path: Path, data: bytes, name: str = "doc.txt") -> SourceText:
    result = read_source(_write(tmp_path, name, data), tmp_path)
    assert isinstance(result, SourceText), result
    return result


def _skipped(tmp_path: Path, path: Path, max_bytes: int = 1024) -> FileReport:
    result = read_source(path, tmp_path, max_bytes=max_bytes)
    assert isinstance(result, FileReport), result
    assert result.status == "skipped"
    return result


def test_utf8_is_read_exactly_with_path_and_hash(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    source = _ok(tmp_path, data, "sub dir/Pékin note.txt")
    assert source.text == TEXT
    assert source.encoding == "utf-8"
    assert source.warnings == ()
    assert source.rel_path == "sub dir/Pékin note.txt"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("bom", "codec", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str, encoding: str) -> None:
    source = _ok(tmp_path, bom + TEXT.encode(codec))
    assert source.text == TEXT
    assert source.encoding == encoding


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(tmp_path: Path, codec: str) -> None:
    source = _ok(tmp_path, TEXT.encode(codec))
    assert source.text == TEXT
    assert source.encoding == codec
    assert source.warnings and "byte-order mark" in source.warnings[0]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_single_byte_cafe_is_cafe(tmp_path: Path, codec: str) -> None:
    source = _ok(tmp_path, "Un café à Genève, déjà.".encode(codec))
    assert source.text == "Un café à Genève, déjà."
    assert "ŕ" not in source.text
    assert source.encoding == "cp1252"
    assert source.warnings and "Windows-1252" in source.warnings[0]


def test_cp1252_quotes_and_undefined_bytes(tmp_path: Path) -> None:
    source = _ok(tmp_path, b"l\x92\xe9t\xe9 \x93oui\x94 \x81\x8d\x8f\x90\x9d fin")
    assert source.text.startswith("l’été “oui”")
    assert source.text.endswith("\x81\x8d\x8f\x90\x9d fin")


def test_one_byte_latin1_file(tmp_path: Path) -> None:
    source = _ok(tmp_path, b"\xe9")
    assert source.text == "é"


def test_mostly_utf8_with_one_bad_byte_loads_with_a_warning(tmp_path: Path) -> None:
    good = "Préfecture de Pékin, coopération policière, sécurité publique. " * 3
    data = good.encode("utf-8") + b"\xff" + " Fin du répertoire.".encode()
    source = _ok(tmp_path, data)
    assert source.encoding == "utf-8"
    assert source.text == good + "\ufffd Fin du répertoire."
    assert source.warnings == ("not valid UTF-8: 1 byte replaced by U+FFFD",)


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01\xff")
    assert "binary" in _skipped(tmp_path, path).reason


def test_control_character_soup_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "noise.txt", bytes(range(1, 9)) * 40)
    assert "binary" in _skipped(tmp_path, path).reason


def test_empty_and_blank_files_are_skipped(tmp_path: Path) -> None:
    assert _skipped(tmp_path, _write(tmp_path, "empty.txt", b"")).reason == "empty file"
    blank = _write(tmp_path, "blank.md", b" \n\t\n")
    assert "whitespace" in _skipped(tmp_path, blank).reason


def test_file_over_the_size_cap_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"a" * 2048)
    report = _skipped(tmp_path, path, max_bytes=1024)
    assert report.reason.startswith("too large")
    assert report.path == "big.txt"
    assert isinstance(read_source(path, tmp_path, max_bytes=4096), SourceText)


def test_directory_named_like_a_document_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "a.txt"
    folder.mkdir()
    assert "not a regular file" in _skipped(tmp_path, folder).reason


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _skipped(tmp_path, fifo).reason


def test_dangling_symlink_is_skipped(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    assert _skipped(tmp_path, link).reason == "broken symbolic link"


def test_unreadable_file_is_skipped() -> None:
    """chmod 000 blocks reads for any user but root: as root, the check runs as nobody."""
    folder = Path(tempfile.mkdtemp(prefix="filature-perm-"))
    try:
        folder.chmod(0o755)
        path = _write(folder, "secret.txt", b"text")
        path.chmod(0)
        code = (
            "import sys; from pathlib import Path; from filature.ingest.read import read_source;"
            f"r = read_source(Path({str(path)!r}), Path({str(folder)!r}));"
            "print(r.status, r.reason, sep='|')"
        )
        command = as_nobody([sys.executable, "-c", code])
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        assert result.stdout.strip() == "skipped|permission denied"
    finally:
        shutil.rmtree(folder)


def test_discover_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for name in [
        "b.txt",
        "a.md",
        "sub/c.TXT",
        "sub/deep/d é.txt",
        ".hidden/e.txt",
        ".f.txt",
        "g.pdf",
        "h.xlsx",
    ]:
        _write(tmp_path, name, b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a.md", "b.txt", "g.pdf", "sub/c.TXT", "sub/deep/d é.txt"]


def test_discover_survives_symlink_loops_and_reports_them(tmp_path: Path) -> None:
    _write(tmp_path, "sub/a.txt", b"x")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "again.txt").symlink_to(tmp_path / "sub" / "a.txt")
    files, reports = discover_files(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["again.txt"]
    reasons = {r.path: r.reason for r in reports}
    assert reasons["sub/loop"] == "symbolic link loop: folder already visited"
    assert reasons["self.txt"] == "symbolic link loop"
    assert reasons["dangling.md"] == "broken symbolic link"
    assert reasons["sub/a.txt"] == "same file as again.txt"
    assert all(r.status == "skipped" for r in reports)


def test_discover_follows_a_link_out_of_root_once_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    root = tmp_path / "root"
    _write(outside, "x.txt", b"x")
    root.mkdir()
    (root / "one").symlink_to(outside)
    (root / "two").symlink_to(outside)
    files, reports = discover_files(root, follow_links=True)
    assert [p.relative_to(root).as_posix() for p in files] == ["one/x.txt"]
    assert [r.path for r in reports] == ["two"]
    files, reports = discover_files(root)  # by default links out of the folder are not followed
    assert files == []
    assert [(r.path, r.reason) for r in reports] == [
        (n, OUTSIDE.format(what="a folder")) for n in ("one", "two")
    ]


def test_discover_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotADirectoryError):
        discover_files(tmp_path / "nope")
