"""The followthemoney export checked with the followthemoney library itself (``filature[ftm]``).

The export writes its JSON lines without the library; these tests prove that the library reads
every line back unchanged, that ``ftm validate`` keeps every value, and that ids, value cleaning
and country codes are what the library would give. Skipped when the library is not installed.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ftm = pytest.importorskip(
    "followthemoney",
    reason="followthemoney is not installed: pip install -e '.[dev,ftm]' (or make test-ftm) "
    "to validate the ftm export with it",
)

from followthemoney import model  # noqa: E402
from followthemoney.util import make_entity_id  # noqa: E402

from filature.export import export_database  # noqa: E402
from filature.export.ftm_values import (  # noqa: E402
    MIME_TYPES,
    PROPERTIES,
    clean_value,
    make_id,
    place_country,
    territory_key,
)
from filature.store.connect import open_readonly  # noqa: E402
from ftmkit import (  # noqa: E402
    TABLE,
    by_unique_id,
    derive_table,
    read_lines,
    render,
    rigour_names,
    rigour_place_country,
)

FTM = Path(sys.executable).with_name("ftm")
# A schema holding each property, to clean values through the library.
HOLDER = {
    **dict.fromkeys(("name", "alias", "description", "proof"), "Person"),
    **dict.fromkeys(("title", "fileName", "encoding", "publisher", "mimeType"), "Document"),
    **dict.fromkeys(("full", "country", "summary"), "Address"),
    **dict.fromkeys(("role", "startDate", "director", "organization"), "Directorship"),
    **dict.fromkeys(("employee", "employer"), "Employment"),
    "member": "Membership",
    **dict.fromkeys(("participant", "project"), "ProjectParticipant"),
    **dict.fromkeys(("amount", "currency", "date", "payer", "beneficiary"), "Payment"),
    **dict.fromkeys(("subject", "object"), "UnknownLink"),
}
TRICKY = " \t\n\r\"'\u00a0\u200b\u2028\u2003\x00\x1b\x85\ufeff\u00ad;,.<BR>ESQ-aZé\u0301日"


def _validate(entities: list[dict[str, Any]]) -> None:
    by_id = by_unique_id(entities)
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        schema.validate(data)
        proxy = model.get_proxy(data, cleaned=False)
        for prop in schema.required:
            assert proxy.has(prop), (data["schema"], prop)
        assert proxy.to_dict() == data
        for prop in proxy.iterprops():
            if prop.type.name != "entity":
                continue
            for ref in proxy.get(prop):
                assert ref in by_id, (data["schema"], prop.name, ref)
                assert prop.range is not None
                assert model[by_id[ref]["schema"]].is_a(prop.range), (prop.name, ref)


def _library_value(prop_name: str, value: str) -> str | None:
    """What the library stores when the export used ``proxy.add`` after a validity check."""
    proxy = model.make_entity(HOLDER[prop_name])
    prop = proxy.schema.properties[prop_name]
    assert (prop.type.name, prop.max_length) == PROPERTIES[prop_name], prop_name
    value = value[: prop.max_length]
    if not prop.type.validate(value):
        return None
    proxy.add(prop, value)
    values = proxy.get(prop)
    return values[0] if values else None


@pytest.mark.parametrize("cooccurrence", [False, True])
def test_every_line_reads_back_unchanged(
    conn: sqlite3.Connection, tmp_path: Path, cooccurrence: bool
) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.jsonl", cooccurrence=cooccurrence).paths[0]
    _validate(read_lines(path))


def test_ftm_validate_keeps_every_value(conn: sqlite3.Connection, tmp_path: Path) -> None:
    path = export_database(conn, "ftm", tmp_path / "f.ftm.jsonl").paths[0]
    out = tmp_path / "validated.jsonl"
    subprocess.run([str(FTM), "validate", "-i", str(path), "-o", str(out)], check=True, timeout=60)
    ours = {e["id"]: e for e in read_lines(path)}
    theirs = {e["id"]: e for e in read_lines(out)}
    assert ours.keys() == theirs.keys()
    for key, entity in ours.items():
        assert entity["schema"] == theirs[key]["schema"]
        assert {k: sorted(v) for k, v in entity["properties"].items()} == {
            k: sorted(v) for k, v in theirs[key]["properties"].items()
        }


@given(st.lists(st.one_of(st.none(), st.text(max_size=30)), min_size=1, max_size=6))
def test_ids_are_the_library_ids(parts: list[str | None]) -> None:
    assume_id = make_entity_id(*parts)
    if assume_id is not None:
        assert make_id(*parts) == assume_id


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(set(PROPERTIES) - {"mimeType"})),
    st.one_of(
        st.text(alphabet=st.sampled_from(TRICKY), max_size=40),
        st.text(max_size=40),
        st.from_regex(r"\s?[0-9]{4}(-[0-9]{1,3}(-[0-9]{1,3})?)?\s?", fullmatch=True),
        st.sampled_from(["cn", "FR", "xx", "text/plain", "text/markdown", "text/html", "a.b-c"]),
        st.integers(1, 70_000).map(lambda n: ("ab \n" * n)[:n]),
    ),
)
def test_values_are_cleaned_as_the_library_cleans_them(prop: str, value: str) -> None:
    assert clean_value(prop, value) == _library_value(prop, value)


SAMPLES = [
    "cn", "FR", " cn ", "xx", "France", "2016-02-30", "2016-1-5", " 2016 ", "0999", "2016-00-05",
    "ab\ncd", '"Quoted"', "'x'", "", " ", "\x00", "a;b", "x,,y", "Meng\u00a0Hongwei", "e\u0301",
    "1,000", "2000000.0", "deadbeef", "-abc", "a" * 400, "a " * 600, "<BR>rue\tx",
]  # fmt: skip


@pytest.mark.parametrize("prop", sorted(set(PROPERTIES) - {"mimeType"}))
def test_sample_values_are_cleaned_as_the_library_cleans_them(prop: str) -> None:
    assert [clean_value(prop, v) for v in SAMPLES] == [_library_value(prop, v) for v in SAMPLES]


def test_the_media_types_written_are_the_library_ones() -> None:
    for value in sorted(MIME_TYPES):
        assert clean_value("mimeType", value) == _library_value("mimeType", value) == value


def test_the_territory_table_is_derived_from_rigour() -> None:
    assert TABLE.read_text(encoding="utf-8") == render(derive_table())


def test_every_latin_territory_name_gets_the_library_country() -> None:
    names = sorted({n for n in rigour_names() if territory_key(n).isascii()})
    wrong = [n for n in names if place_country(n) != rigour_place_country(n)]
    assert len(names) > 10_000 and wrong == []


@pytest.mark.slow
def test_the_seed_corpus_exports_valid_entities(seed_db: Path, tmp_path: Path) -> None:
    conn = open_readonly(seed_db)
    entities = read_lines(export_database(conn, "ftm", tmp_path / "seed.jsonl").paths[0])
    conn.close()
    _validate(entities)
