"""Issue 16 in the explorer: the network (F5), notes (ctrl+n, F6), the entity list's orders
and body filter (alt+s, alt+b), the frequency view (F7) and the dossier from the app; each
view's ``current_view`` exported to CSV and Markdown."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, OptionList

from dbfactory import DbBuilder, hostile_builder, sample_builder, write_sample
from filature.export.views import view_csv, view_markdown
from filature.notes.edit import append_note, new_note
from filature.notes.entries import load_notes
from filature.tui.app import FilatureApp
from filature.tui.screens.document import DocumentScreen
from filature.tui.screens.frequencies import FrequenciesScreen
from filature.tui.screens.main import MainScreen
from filature.tui.screens.network import NetworkScreen
from filature.tui.screens.notes import NotesScreen
from filature.tui.screens.prompts import ConfirmPrompt, TextPrompt
from filature.tui.widgets.entity_header import EntityHeader
from filature.tui.widgets.entity_list import EntityList
from filature.tui.widgets.entity_pane import EntityPane
from filature.tui.widgets.network_tree import FIRST_CAP, NetworkTree
from filature.tui.widgets.relations_tree import RelationsTree
from pilotkit import from_palette, jump, press, said, settle, started
from reliability import raw_controls, screen_text

pytestmark = pytest.mark.anyio


def curatable(db: Path) -> Path:
    """Make ``db`` name its place and a curation file beside it (notes go next to it)."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO meta VALUES ('db_path', ?)", (str(db.resolve()),))
        conn.execute(
            "INSERT INTO meta VALUES ('curation_path', ?)", (str(db.with_name("curation.toml")),)
        )
    conn.close()
    return db


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return curatable(write_sample(tmp_path / "sample.db"))


def hub_builder() -> DbBuilder:
    """The sample, plus a hub named with 30 others, a footnote-only author and dated documents."""
    b = sample_builder()
    names = [f"Délégué{n:02d} Martin" for n in range(30)]
    text = "Le Forum Hub réunit " + ", ".join(names) + "."
    b.document("hub.txt", "Le forum", [("body", text), ("footnote", "3. Jean Cité, Rapport.")])
    hub = b.entity("Forum Hub", "organization")
    for name in names:
        b.relation(hub, b.entity(name, "person"), "mentioned_with")
    b.entity("Jean Cité", "person")
    return b


def shown(app: FilatureApp) -> str:
    card = app.main.query_one(EntityHeader).card
    assert card is not None
    return card.name


def tree_lines(tree: NetworkTree) -> list[str]:
    return [str(tree.get_node_at_line(n).label) for n in range(tree.last_line + 1)]  # type: ignore[union-attr]


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- Network (F5) ---


async def test_network_groups_stated_relations_first_and_recentres(db: Path) -> None:
    async with started(db, showing="Meng Hongwei") as (app, pilot):
        await press(pilot, "f5")
        assert isinstance(app.screen, NetworkScreen)
        tree = app.screen.query_one(NetworkTree)
        lines = tree_lines(tree)
        headings = [line for line in lines if not line.startswith(("●", "■", "▲", "◆", "▶", "★"))]
        assert headings[-1].startswith("Mentioned with (co-occurrence)")
        assert all("co-occurrence" not in h for h in headings[:-1]) and len(headings) == 3
        assert any(line.startswith("■ Interpol") for line in lines)
        interpol = next(n for n in range(len(lines)) if lines[n].startswith("■ Interpol"))
        tree.cursor_line = interpol
        await press(pilot, "enter")
        assert app.screen.entity_id != app.main.entity_id  # recentred on Interpol
        assert "Meng Hongwei" in " ".join(tree_lines(tree))
        title = str(app.screen.query_one("#network-title").render())
        assert "Interpol" in title
        await press(pilot, "backspace")
        assert app.screen.entity_id == app.main.entity_id
        await press(pilot, "escape")
        assert isinstance(app.screen, MainScreen) and shown(app) == "Meng Hongwei"


async def test_network_second_degree_caps_and_more(tmp_path: Path) -> None:
    db = hub_builder().write(tmp_path / "hub.db")
    async with started(db, (80, 24)) as (app, pilot):
        await jump(pilot, "Forum Hub")
        await press(pilot, "f5")
        tree = app.screen.query_one(NetworkTree)
        lines = tree_lines(tree)
        assert lines[0] == "Mentioned with (co-occurrence)  30"
        assert lines[FIRST_CAP + 1].startswith("+ 10 more")
        assert sum(line.startswith("●") for line in lines) == FIRST_CAP
        tree.cursor_line = FIRST_CAP + 1
        await press(pilot, "enter")
        lines = tree_lines(tree)
        assert sum(line.startswith("●") for line in lines) == 30
        assert not any("more" in line for line in lines)
        rows = csv_rows(view_csv(app.screen.current_view()))
        assert len(rows) == 30 and {r["kind"] for r in rows} == {"co-occurrence"}
    async with started(db, showing="Meng Hongwei") as (app, pilot):
        await press(pilot, "f5")
        tree = app.screen.query_one(NetworkTree)
        lines = tree_lines(tree)
        interpol = next(n for n in range(len(lines)) if lines[n].startswith("■ Interpol"))
        tree.cursor_line = interpol
        await press(pilot, "right")
        second = tree_lines(tree)
        assert len(second) > len(lines)
        added = second[interpol + 1 : interpol + 1 + len(second) - len(lines)]
        assert any("Ahmed Naser Al-Raisi" in line for line in added)
        assert not any("Meng Hongwei" in line for line in added)  # the centre is left out
        view = app.screen.current_view()
        md = view_markdown(view)
        assert "| Interpol | president of | Ahmed Naser Al-Raisi | person | stated |" in md
        froms = {r["from"] for r in csv_rows(view_csv(view))}
        assert froms == {"Meng Hongwei", "Interpol"}


async def test_network_at_80x24_and_200x50(db: Path) -> None:
    for size in ((80, 24), (200, 50)):
        async with started(db, size) as (app, pilot):
            await press(pilot, "f5")
            tree = app.screen.query_one(NetworkTree)
            assert tree.region.width == size[0]
            assert tree.region.height >= size[1] - 4
            assert tree_lines(tree)[:3] == [
                "President of  2",
                "● Meng Hongwei  person · 1 relation",
                "● Ahmed Naser Al-Raisi  person · 1 relation",
            ]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
async def test_notes_and_frequencies_at_80x24_and_200x50(db: Path, size: tuple[int, int]) -> None:
    append_note(db.with_name("notes.toml"), new_note("entity", name="Pékin", note="capital"))
    async with started(db, size) as (app, pilot):
        await press(pilot, "f6")
        listing = app.screen.query_one("#notes-list")
        assert listing.region.width == size[0] and listing.region.height >= size[1] - 4
        assert "capital" in screen_text(app)
        await press(pilot, "f7")
        types = app.screen.query_one("#freq-types", DataTable)
        documents = app.screen.query_one("#freq-documents", DataTable)
        assert types.region.width == documents.region.width == size[0]
        text = screen_text(app)
        assert "People" in text and "La Chine et la sécurité mondiale" in text


# --- Notes (ctrl+n, F6) ---


async def test_ctrl_n_stars_the_entity_relation_and_excerpt_with_notes(db: Path) -> None:
    notes_file = db.with_name("notes.toml")
    async with started(db, showing="Meng Hongwei") as (app, pilot):
        app.main.query_one(EntityList).focus()
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "Elected [b]2016[/b] [@click=app.quit]x"
        await press(pilot, "enter")
        tree = app.main.query_one(RelationsTree)
        tree.focus()
        tree.cursor_line = 1
        await press(pilot, "ctrl+n")
        assert "→" in app.screen.title_text  # type: ignore[attr-defined]
        app.screen.query_one(Input).value = "the role"
        await press(pilot, "enter")
        app.main.query_one("#excerpts").focus()
        await press(pilot, "ctrl+n")
        assert "excerpt" in app.screen.title_text  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert app.is_running
    notes = load_notes(notes_file)
    assert [n.section for n in notes] == ["entity", "relation", "excerpt"]
    assert notes[0].text == "Elected [b]2016[/b] [@click=app.quit]x"
    assert notes[0].get("name") == "Meng Hongwei"
    assert notes[1].get("source") == "Meng Hongwei" and notes[1].text == "the role"
    assert notes[2].get("document") == "001_chine_interpol.txt" and notes[2].text == ""


async def test_editing_and_removing_are_confirmed_and_undone(db: Path) -> None:
    path = db.with_name("notes.toml")
    append_note(path, new_note("entity", name="Interpol", note="first", date="2026-01-01"))
    append_note(path, new_note("entity", name="Pékin", note="second", date="2026-01-02"))
    async with started(db) as (app, pilot):
        await press(pilot, "ctrl+n")  # on Interpol, already starred: the edit prompt
        prompt = app.screen
        assert isinstance(prompt, TextPrompt) and prompt.query_one(Input).value == "first"
        prompt.query_one(Input).value = "changed"
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmPrompt)
        await press(pilot, "enter")  # Enter alone never confirms
        assert isinstance(app.screen, ConfirmPrompt)
        await press(pilot, "y")
        assert [n.text for n in load_notes(path)] == ["changed", "second"]
        await press(pilot, "f6")
        assert isinstance(app.screen, NotesScreen)
        await press(pilot, "u")
        assert [n.text for n in load_notes(path)] == ["first", "second"]
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmPrompt)
        await press(pilot, "n")
        assert len(load_notes(path)) == 2
        await press(pilot, "d", "y")
        assert [n.text for n in load_notes(path)] == ["second"]
        assert [r.note for r in app.screen.records] == ["second"]  # type: ignore[attr-defined]
        await press(pilot, "u")
        assert [n.text for n in load_notes(path)] == ["first", "second"]  # back in place
        await press(pilot, "u")
        assert said(app, "No note to undo")


async def test_a_note_written_elsewhere_meanwhile_is_kept(db: Path) -> None:
    path = db.with_name("notes.toml")
    append_note(path, new_note("entity", name="Interpol", note="mine"))
    async with started(db) as (app, pilot):
        await press(pilot, "f6")
        append_note(path, new_note("entity", name="Pékin", note="another process"))
        await press(pilot, "e")
        app.screen.query_one(Input).value = "edited"
        await press(pilot, "enter", "y")
        assert [n.text for n in load_notes(path)] == ["edited", "another process"]
        assert [r.note for r in app.screen.records] == ["edited", "another process"]  # type: ignore[attr-defined]


async def test_notes_view_lists_and_goes_to_each_item(db: Path) -> None:
    path = db.with_name("notes.toml")
    append_note(path, new_note("entity", name="Pékin", note="capital"))
    quote = "est élu président d'Interpol"
    append_note(path, new_note("excerpt", document="001_chine_interpol.txt", quote=quote))
    append_note(path, new_note("entity", name="Nobody At All", note="gone"))
    async with started(db, (80, 24)) as (app, pilot):
        await press(pilot, "f6")
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert [r.found for r in screen.records] == [True, True, False]
        view = screen.current_view()
        rows = csv_rows(view_csv(view))
        assert rows[2]["status"] == "not found in this database"
        assert quote in rows[1]["quotes"] and "001_chine_interpol.txt" in rows[1]["quotes"]
        assert "## Quotes" in view_markdown(view)
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen) and shown(app) == "Pékin"
        await press(pilot, "f6", "down", "enter")
        assert isinstance(app.screen, DocumentScreen)
        await press(pilot, "f6", "down", "down", "enter")
        assert isinstance(app.screen, NotesScreen) and said(app, "is not in this database")
        assert app.screen.query_one(OptionList).region.width == 80


async def test_notes_without_a_curation_file_say_why(tmp_path: Path) -> None:
    db = write_sample(tmp_path / "plain.db")
    async with started(db) as (app, pilot):
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, MainScreen)
        assert said(app, "curation file")


# --- Entity list: orders, body filter ---


async def test_alt_s_cycles_the_order_and_the_heading_says_it(tmp_path: Path) -> None:
    db = hub_builder().write(tmp_path / "hub.db")
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE documents SET date = '2001-05' WHERE path = 'hub.txt'")
    conn.close()
    async with started(db) as (app, pilot):
        pane = app.main.query_one(EntityPane)
        entities = app.main.query_one(EntityList)
        assert entities.rows[0].mention_count == max(r.mention_count for r in entities.rows)
        await press(pilot, "alt+s")
        assert pane.border_title == "Entities · by name"
        names = [r.name for r in entities.rows]
        assert names[:2] == ["Ahmed Naser Al-Raisi", "Assemblée générale d'Interpol"]
        await press(pilot, "alt+s")
        assert pane.border_title == "Entities · by documents"
        assert entities.rows[0].name == "Pékin"  # named in both sample documents
        await press(pilot, "alt+s")
        assert pane.border_title == "Entities · by first date"
        names = [r.name for r in entities.rows]
        # hub.txt is dated 2001-05 (its 32 entities, ties by mentions then name), then Meng's
        # membership of 2004-04-10, Interpol's president in 2016, the undated last.
        assert names[0] == "Délégué00 Martin" and entities._figure(entities.rows[0]) == "2001-05"
        assert names.index("Meng Hongwei") < names.index("Interpol")
        assert names.index("Interpol") < names.index("Ahmed Naser Al-Raisi")
        assert entities._figure(entities.rows[-1]) == "undated"
        await press(pilot, "alt+s")
        assert pane.border_title == "Entities"
        assert app.main.query_one("#entity-filter", Input).value == ""


async def test_alt_b_separates_body_actors_from_footnote_only_ones(tmp_path: Path) -> None:
    db = hub_builder().write(tmp_path / "hub.db")
    async with started(db) as (app, pilot):
        entities = app.main.query_one(EntityList)
        everyone = len(entities.rows)
        await press(pilot, "alt+b")
        assert app.main.query_one(EntityPane).border_title == "Entities · named in the body"
        assert "Jean Cité" not in {r.name for r in entities.rows}
        assert len(entities.rows) == everyone - 1
        await press(pilot, "alt+b")
        assert app.main.query_one(EntityPane).border_title == "Entities · footnotes only"
        assert [r.name for r in entities.rows] == ["Jean Cité"]
        await press(pilot, "alt+b")
        assert len(entities.rows) == everyone


# --- Frequencies (F7) ---


async def test_frequencies_by_type_and_document(db: Path) -> None:
    async with started(db, (80, 24)) as (app, pilot):
        await press(pilot, "f7")
        screen = app.screen
        assert isinstance(screen, FrequenciesScreen)
        types = screen.query_one("#freq-types", DataTable)
        documents = screen.query_one("#freq-documents", DataTable)
        assert types.row_count == 4 and documents.row_count == 2
        rows = csv_rows(view_csv(screen.current_view()))
        by_type = {r["value"]: r for r in rows if r["by"] == "type"}
        assert by_type["People"]["entities"] == "4" and by_type["People"]["share"] == "40.0 %"
        assert sum(int(r["entities"]) for r in by_type.values()) == 10
        assert "| document |" in view_markdown(screen.current_view())
        types.move_cursor(row=[r["value"] for r in rows].index("Places"))
        await press(pilot, "enter")
        assert isinstance(app.screen, MainScreen)
        assert {r.type for r in app.main.query_one(EntityList).rows} == {"place"}
        await press(pilot, "f7", "tab", "enter")
        assert isinstance(app.screen, DocumentScreen)


# --- Palette, help, dossier ---


@pytest.mark.parametrize(
    ("name", "screen"),
    [("Network", NetworkScreen), ("Notes", NotesScreen), ("Frequencies", FrequenciesScreen)],
)
async def test_each_view_is_in_the_palette_by_name(db: Path, name: str, screen: type) -> None:
    async with started(db) as (app, pilot):
        await from_palette(pilot, name.lower())
        assert isinstance(app.screen, screen)


async def test_dossier_from_the_menu_says_where_with_timeline_and_notes(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    append_note(db.with_name("notes.toml"), new_note("entity", name="Meng Hongwei", note="key"))
    async with started(db, showing="Meng Hongwei") as (app, pilot):
        await press(pilot, "ctrl+e", "d")
        html_path = (tmp_path / "exports/dossiers/meng-hongwei.html").resolve()
        assert said(app, str(html_path))
    html = html_path.read_text(encoding="utf-8")
    assert "<h2>Timeline</h2>" in html and "<h3>2016</h3>" in html
    assert html.index("<h3>2004</h3>") < html.index("<h3>2016</h3>")
    assert "<h2>Notes</h2>" in html and "key" in html
    md = html_path.with_suffix(".md").read_text(encoding="utf-8")
    assert "## Timeline" in md and "2016-11-10" in md


async def test_views_show_hostile_names_and_notes_as_data(tmp_path: Path) -> None:
    db = curatable(hostile_builder().write(tmp_path / "hostile.db"))
    append_note(
        db.with_name("notes.toml"),
        new_note("entity", name="Agent Smith", note="[@click=app.quit]x[/] \x1b[2J"),
    )
    async with started(db, (80, 24)) as (app, pilot):
        for key in ("f5", "right", "f6", "f7"):
            await press(pilot, key)
            assert app.is_running
            assert not raw_controls(app), key
        await press(pilot, "f6")
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await press(pilot, "f7")
        assert "Report [@click=app.quit]title[/]" in screen_text(app)
        await press(pilot, "f5")
        assert f"Network of {shown(app)}" in screen_text(app)


async def test_alt_keys_as_a_terminal_sends_them_are_commands_not_typing(tmp_path: Path) -> None:
    db = hub_builder().write(tmp_path / "hub.db")
    async with started(db) as (app, pilot):
        # A terminal's ESC s arrives as the key alt+s with the character "s"; ESC b as
        # ctrl+left (Textual reads it as readline's word left).
        app.post_message(events.Key("alt+s", "s"))
        await settle(pilot)
        pane = app.main.query_one(EntityPane)
        assert pane.border_title == "Entities · by name"
        assert app.main.query_one("#entity-filter", Input).value == ""
        app.post_message(events.Key("ctrl+left", None))
        await settle(pilot)
        assert pane.border_title == "Entities · by name · named in the body"
        app.post_message(events.Key("alt+t", "t"))
        await settle(pilot)
        assert app.main.query_one("#entity-filter", Input).value == ""
        await press(pilot, "s")  # plain typing still filters
        assert app.main.query_one("#entity-filter", Input).value == "s"
