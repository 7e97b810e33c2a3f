"""Long regular expressions compiled once and read back from the user's cache folder
(``extract.compiled``, ``store.patternfiles``): the same pattern object's behaviour, the store
hit on a second compile, damaged entries compiled again, Python's compiler given back after
the block, a folder that cannot be written."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest

from filature.extract.compiled import MIN_LENGTH, pattern_key, remembered_patterns, scope
from filature.store.patternfiles import PatternFiles, user_cache_folder

compiler = importlib.import_module("re._compiler")

WORDS = [f"mot{n}" for n in range(400)]
PATTERN = (
    r"(?P<head>[A-ZÀ-Ý][a-zà-ÿ\-]+)\s+(?:"
    + "|".join(WORDS)
    + r")(?:-(?P<tail>[\wʼ']+))?|(\d{1,3}(?:[ .]\d{3})*)"
)
SAMPLES = ["Pékin mot17-ouest", "Élysée mot399", "12 345", "rien", "Paris mot5-lʼÉtat", "ab mot1"]


class Counting:
    """A store in memory that counts its reads and writes."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}
        self.reads = 0
        self.writes = 0

    def get_pattern(self, key: str, scope: str) -> bytes | None:
        self.reads += 1
        return self.kept.get(key)

    def put_pattern(self, key: str, data: bytes, scope: str) -> None:
        self.writes += 1
        self.kept[key] = data


def behaviour(p: re.Pattern[str]) -> list[object]:
    found = [(m.span(), m.groups(), m.groupdict()) if m else None for m in map(p.match, SAMPLES)]
    return [p.pattern, p.flags, p.groups, dict(p.groupindex), found]


def compiled(store: Counting | PatternFiles, flags: int = 0) -> re.Pattern[str]:
    re.purge()  # re's own cache would answer before the compiler is asked
    with remembered_patterns(store):
        return re.compile(PATTERN, flags)


def test_the_pattern_is_long_enough_to_be_remembered() -> None:
    assert len(PATTERN) >= MIN_LENGTH


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_a_program_read_back_behaves_as_the_compiled_one(flags: int) -> None:
    re.purge()
    plain = re.compile(PATTERN, flags)
    store = Counting()
    first = compiled(store, flags)
    assert store.writes == 1
    again = compiled(store, flags)
    assert (store.reads, store.writes) == (2, 1)
    assert again is not first
    assert behaviour(first) == behaviour(plain) == behaviour(again)


def test_the_compiler_is_given_back_after_the_block() -> None:
    before = compiler.compile
    with pytest.raises(RuntimeError), remembered_patterns(Counting()):
        assert compiler.compile is not before
        raise RuntimeError
    assert compiler.compile is before


def test_short_patterns_and_no_store_compile_as_usual() -> None:
    store = Counting()
    re.purge()
    with remembered_patterns(store):
        re.compile(r"(\w+)-(\d+)")
    assert (store.reads, store.writes) == (0, 0)
    re.purge()
    with remembered_patterns(None):
        assert behaviour(re.compile(PATTERN)) == behaviour(compiled(Counting()))


@pytest.mark.parametrize(
    "damage",
    [b"not zlib at all", "zlib of bad json", "a program _sre refuses"],
)
def test_a_damaged_entry_is_compiled_again(damage: bytes | str) -> None:
    import json
    import zlib

    store = Counting()
    expected = behaviour(compiled(store))
    key = pattern_key(PATTERN, 0)
    if damage == "zlib of bad json":
        store.kept[key] = zlib.compress(b"{not json")
    elif damage == "a program _sre refuses":
        program = json.loads(zlib.decompress(store.kept[key]))
        program["code"] = program["code"][: len(program["code"]) // 2]
        store.kept[key] = zlib.compress(json.dumps(program).encode())
    else:
        assert isinstance(damage, bytes)
        store.kept[key] = damage
    assert behaviour(compiled(store)) == expected
    assert store.writes == 2  # compiled again, and kept again


def test_the_files_keep_programs_of_this_interpreter_only(tmp_path: Path) -> None:
    other = PatternFiles(tmp_path)
    other.put_pattern("re:old", b"old", "another-interpreter")
    files = PatternFiles(tmp_path)
    expected = behaviour(compiled(files))
    assert other.get_pattern("re:old", "another-interpreter") is None
    assert files.get_pattern(pattern_key(PATTERN, 0), scope()) is not None
    assert behaviour(compiled(PatternFiles(tmp_path))) == expected
    assert not list(tmp_path.rglob(".tmp-*"))


def test_a_folder_that_cannot_be_written_only_costs_the_compile(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    files = PatternFiles(blocked)
    assert behaviour(compiled(files)) == behaviour(compiled(Counting()))
    assert files.get_pattern(pattern_key(PATTERN, 0), scope()) is None


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_folder() == tmp_path / "filature"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_folder() == tmp_path / "home" / ".cache" / "filature"


def test_no_home_folder_only_costs_the_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert user_cache_folder() is None
    files = PatternFiles()
    assert behaviour(compiled(files)) == behaviour(compiled(Counting()))
    assert files.get_pattern(pattern_key(PATTERN, 0), scope()) is None


LOAD_AND_TOKENIZE = """
import json, sys
from pathlib import Path
from filature.extract.compiled import remembered_patterns
from filature.extract.nlp import load_nlp
from filature.store.patternfiles import PatternFiles

folder = Path(sys.argv[1])
stored = len([p for p in folder.rglob("*") if p.is_file()])
with remembered_patterns(PatternFiles(folder)):
    nlp = load_nlp()
doc = nlp.tokenizer(sys.argv[2])
print(json.dumps({"stored": stored, "tokens": [t.text for t in doc]}))
"""


def test_the_models_tokenizer_is_the_same_from_kept_programs(tmp_path: Path, nlp: Any) -> None:
    """The French model loaded twice in fresh processes: the first keeps its tokenizer's
    programs, the second reads them back; both tokenize as the model loaded without them."""
    import json
    import subprocess
    import sys

    text = (
        "Aujourd'hui-même, l'ex-ministre de l'Intérieur a rencontré M. Wang à Pékin : "
        "c'est-à-dire qu'Interpol, l'OIPC-Interpol et peut-être l'ONUDC (Vienne) y étaient "
        "— quelques-uns d'entre eux s'y trouvaient-ils ? 3,5 % du PIB, 12-15 ans."
    )
    cache = tmp_path / "user-cache"
    runs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", LOAD_AND_TOKENIZE, str(cache), text],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    expected = [t.text for t in nlp.tokenizer(text)]
    assert runs[0]["stored"] == 0 and runs[1]["stored"] > 0
    assert runs[0]["tokens"] == runs[1]["tokens"] == expected


def test_a_build_keeps_the_models_programs_in_the_user_cache(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("Le ministre a rencontré M. Wang à Pékin en 2019.\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user")}
    command = [sys.executable, "-m", "filature", "build", str(folder), "--db"]
    subprocess.run(
        [*command, str(tmp_path / "d.db")], env=env, capture_output=True, check=True, timeout=300
    )
    assert list((tmp_path / "user" / "filature" / "patterns").rglob("re:*"))
