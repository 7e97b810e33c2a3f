"""One definition each (issue 15): the fold, the control-character policy, the citation
formatter, the relation vocabulary and the read model's records live in one module of
src/filature, and no other module defines a rival under their names or spells the vocabulary's
labels and co-occurrence type.

Checked on the source (every function, class and assignment, at any depth), so that a new
module that folds, cleans, cites or labels relations its own way fails here, not in review.
``tests/test_text_policy.py`` checks that the one definition is what every output applies.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from pathlib import Path

from filature.vocabulary import CO_OCCURRENCE, RELATION_TYPES

SRC = Path(__file__).resolve().parents[1] / "src" / "filature"

# name -> the one module (relative to src/filature) that defines it
HOMES = {
    **dict.fromkeys(("fold", "norm_key", "strip_accents", "APOSTROPHES"), "text.py"),
    **dict.fromkeys(
        ("CONTROL", "printable", "printable_line", "safe_text", "strip_controls"), "text.py"
    ),
    **dict.fromkeys(
        ("lines_label", "pages_label", "document_name", "reference_parts", "EN_DASH"),
        "cite.py",
    ),
    **dict.fromkeys(
        (
            "RelationType",
            "RELATION_TYPES",
            "CO_OCCURRENCE",
            "STATED_TYPES",
            "SYMMETRIC_TYPES",
            "SYMMETRIC",
            "RELATION_LABELS",
            "load_vocabulary",
            "relation_type",
            "relation_label",
        ),
        "vocabulary.py",
    ),
    # the read model's records (the extraction's Relation in models.py is the write side)
    **dict.fromkeys(
        (
            "EntityRow",
            "EntityCard",
            "RelationRow",
            "Excerpt",
            "Evidence",
            "EndPoint",
            "DocumentPassage",
            "DocumentView",
        ),
        "query/types.py",
    ),
}


def definitions(path: Path) -> Iterator[str]:
    """The names ``path`` defines: its functions and classes at any depth, and the names it
    assigns at module or class level (a function's local variables define nothing)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            yield node.name
        if isinstance(node, ast.Module | ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
                    targets = getattr(statement, "targets", [getattr(statement, "target", None)])
                    for target in targets:
                        yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))


def rivals(src: Path) -> list[str]:
    """Every definition of a name of ``HOMES`` outside its home module."""
    return [
        f"{path.relative_to(src)} defines {name} (the one definition is in {HOMES[name]})"
        for path in sorted(src.rglob("*.py"))
        for name in definitions(path)
        if name in HOMES and path.relative_to(src).as_posix() != HOMES[name]
    ]


def spelled_vocabulary(src: Path) -> list[str]:
    """String literals outside vocabulary.py that spell a relation label (one that is not also
    a type's name, as "funds" is) or the co-occurrence type."""
    words = {w for t in RELATION_TYPES.values() for w in (t.label, t.inverse)} - set(RELATION_TYPES)
    words.add(CO_OCCURRENCE)
    return [
        f"{path.relative_to(src)}:{node.lineno} spells {node.value!r}"
        for path in sorted(src.rglob("*.py"))
        if path.relative_to(src).as_posix() != "vocabulary.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in words
    ]


def toml_keys(value: object) -> Iterator[str]:
    """Every key of a parsed TOML document, in tables and arrays of tables at any depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from toml_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from toml_keys(inner)


def test_fold_policy_citations_vocabulary_and_records_are_defined_once() -> None:
    for name, home in HOMES.items():
        if name not in {"SYMMETRIC", "RELATION_LABELS"}:  # the old rivals: defined nowhere now
            assert name in set(definitions(SRC / home)), (name, home)
    assert rivals(SRC) == []


def test_no_module_spells_the_vocabulary_itself() -> None:
    assert spelled_vocabulary(SRC) == []
    for path in sorted(SRC.rglob("*.toml")):
        if path.name == "vocabulary.toml":
            continue
        keys = set(toml_keys(tomllib.loads(path.read_text(encoding="utf-8"))))
        assert not keys & {"symmetric", "inverse"}, path


def test_the_checks_find_a_rival(tmp_path: Path) -> None:
    """The scans above can fail: a module that folds, cleans or labels its own way is found."""
    (tmp_path / "text.py").write_text("def fold(t):\n    return t\n", encoding="utf-8")
    (tmp_path / "rival.py").write_text(
        "import re\n\nCONTROL = re.compile('x')\nSYMMETRIC = {'agreement_with'}\n\n"
        "def fold(t):\n    return t.lower()\n\nLABEL = 'holds a role at'\n",
        encoding="utf-8",
    )
    assert [r.split(" defines ")[1].split()[0] for r in rivals(tmp_path)] == [
        "CONTROL",
        "SYMMETRIC",
        "fold",
    ]
    assert spelled_vocabulary(tmp_path) == ["rival.py:9 spells 'holds a role at'"]
