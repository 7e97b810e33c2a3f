"""The analyst's curation file: merge, rename, retype, drop and alias survive a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from filature.extract.curation import CurationError, apply_curation, load_curation
from filature.extract.merge import Draft

ROOT = Path(__file__).resolve().parents[1]


def drafts() -> list[Draft]:
    return [
        Draft("Pékin", "place", {"Pékin"}),
        Draft("Beijing", "place", {"Beijing"}),
        Draft("Francois Haut", "person", {"Francois Haut", "Frangois Haut"}),
        Draft("Forum régional de l’ASEAN", "event", {"Forum régional de l’ASEAN"}),
        Draft("Sécurité globale", "organization", {"Sécurité globale"}),
        Draft("Interpol", "organization", {"Interpol", "INTERPOL"}),
    ]


CURATION = """
[[merge]]
into = "Beijing"
names = ["Pekin"]

[[rename]]
name = "Frangois Haut"
to = "François Haut"

[[retype]]
name = "Forum regional de l'ASEAN"
to = "organization"

[[drop]]
name = "Sécurité globale"

[[alias]]
name = "interpol"
aliases = ["OIPC"]
"""


def test_every_operation(tmp_path: Path) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(CURATION, encoding="utf-8")
    out = {d.name: d for d in apply_curation(drafts(), load_curation(path))}
    assert "Pékin" not in out and {"Pékin", "Beijing"} <= out["Beijing"].aliases
    assert "François Haut" in out and "Frangois Haut" in out["François Haut"].aliases
    assert out["Forum régional de l’ASEAN"].type == "organization"
    assert "Sécurité globale" not in out
    assert "OIPC" in out["Interpol"].aliases


def test_missing_file_is_empty(tmp_path: Path) -> None:
    assert load_curation(tmp_path / "none.toml").size == 0


@pytest.mark.parametrize(
    "text",
    ["[[merge]]\nnames = ['x']\n", "[[retype]]\nname = 'x'\nto = 'thing'\n", "[[oops]]\n", "a ="],
)
def test_bad_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError):
        load_curation(path)


def test_shipped_file_is_valid() -> None:
    assert load_curation(ROOT / "seeds" / "curation.toml").size >= 5
