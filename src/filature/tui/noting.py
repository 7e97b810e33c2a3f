"""The analyst's notes from the app: star an entity, a relation or an excerpt with a note
(ctrl+n), edit or remove one (confirmed), undo this session's last note step.

Every write goes through ``filature.notes.edit`` (the curation file's lock, a temporary file
and ``os.replace``), so notes made here and by ``filature notes`` in another process are all
kept. The notary tells its screen what changed with ``Notary.Changed``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from filature.curation.state import read_meta
from filature.notes.edit import append_note, change_note, new_note, notes_home
from filature.notes.entries import Note, load_notes
from filature.notes.match import Target, match_notes
from filature.problems import CurationError
from filature.query import EntityCard, Excerpt, RelationRow
from filature.query.text import one_line
from filature.tui.catalog import Catalog
from filature.tui.render import flat
from filature.tui.screens.prompts import ConfirmPrompt, TextPrompt

QUOTE_CHARS = 240


@dataclass(frozen=True)
class Step:
    """One change to the notes file: ``before`` became ``after`` (None: absent), at
    ``index`` in the file."""

    index: int
    before: Note | None
    after: Note | None


@dataclass(frozen=True)
class Starred:
    """What a note is about: its section, the note's keys naming it, how the app shows it, and
    where it points in this database (to find the note already written on it)."""

    section: str
    keys: dict[str, object]
    label: str
    target: Target


def entity_item(card: EntityCard) -> Starred:
    """A star on an entity (named by its name and type)."""
    return Starred(
        "entity", {"name": card.name, "type": card.type}, flat(card.name), Target(entity_id=card.id)
    )


def relation_item(entity: EntityCard, row: RelationRow) -> Starred:
    """A star on a relation of ``entity`` (named by its type and the names of its ends)."""
    ends = (entity.name, row.counterpart_name)
    source, target = ends if row.direction == "out" else ends[::-1]
    label = f"{flat(source)} → {row.type} → {flat(target)}"
    return Starred(
        "relation",
        {"type": row.type, "source": source, "target": target},
        label,
        Target(relation_id=row.id),
    )


def excerpt_quote(excerpt: Excerpt) -> str:
    """The words of the passage a note on ``excerpt`` quotes: the passage if short, else
    about ``QUOTE_CHARS`` characters from the start of the sentence holding its first mark,
    cut at a word boundary (found again after a rebuild as long as the passage says it)."""
    text = excerpt.text
    if len(text) <= QUOTE_CHARS:
        return text.strip()
    mark = excerpt.spans[0][0] if excerpt.spans else 0
    dot = text.rfind(". ", 0, mark)
    start = dot + 2 if dot >= 0 else 0
    if mark - start > QUOTE_CHARS // 2:  # a long sentence: start a few words before the mark
        start = text.rfind(" ", 0, mark - QUOTE_CHARS // 4) + 1
    end = min(len(text), start + QUOTE_CHARS)
    space = text.rfind(" ", start, end)
    if end < len(text) and space > start:
        end = space
    return text[start:end].strip()


def excerpt_item(excerpt: Excerpt) -> Starred:
    """A star on an excerpt (named by its document's path, a quote of it and its line)."""
    quote = excerpt_quote(excerpt)
    short = one_line(flat(quote))
    label = f"« {short[:60]}{'…' if len(short) > 60 else ''} »"
    return Starred(
        "excerpt",
        {"document": excerpt.document_path, "quote": quote, "line": excerpt.line_start},
        label,
        Target(passage_id=excerpt.passage_id),
    )


class Notary:
    """Writes the notes the app makes, asks before changing or removing one, undoes."""

    @dataclass
    class Changed(Message):
        """The notes file changed (a note added, edited, removed or undone)."""

        note: Note | None

    def __init__(self, screen: Screen[None], catalog: Catalog) -> None:
        """Notes from ``screen`` (notified, and sent ``Changed``) over ``catalog``."""
        self.screen = screen
        self.catalog = catalog
        self.steps: list[Step] = []

    def _say(self, message: str, severity: SeverityLevel = "information") -> None:
        self.screen.notify(message, title="Notes", severity=severity, markup=False)

    def _changed(self, message: Changed) -> None:
        """Tell the screen shown now (the main screen or the Notes view) and ours."""
        shown = self.screen.app.screen
        shown.post_message(message)
        if shown is not self.screen:
            self.screen.post_message(self.Changed(message.note))

    def path(self) -> Path:
        """The notes file of this database (``CurationError`` if it has none)."""
        return notes_home(self.catalog.path, read_meta(self.catalog.conn))

    def existing(self, item: Starred) -> tuple[int, Note] | None:
        """The first note of the file on ``item`` (its index and note), if any."""
        notes = load_notes(self.path())
        for index, (note, target) in enumerate(
            zip(notes, match_notes(self.catalog.conn, notes), strict=True)
        ):
            if note.section != item.section:
                continue
            same_passage = item.target.passage_id is not None and (
                target.passage_id == item.target.passage_id
            )
            if same_passage or (target.found and target == item.target):
                return index, note
        return None

    def note(self, item: Starred) -> None:
        """Ask for the note on ``item``: a new star, or the one already written to edit
        (an empty note on an existing star asks to remove it)."""
        try:
            found = self.existing(item)
        except CurationError as exc:
            self._say(flat(str(exc)), "error")
            return
        current = found[1].text if found else ""

        def written(text: str | None) -> None:
            if text is None:
                return
            text = " ".join(text.split())
            if found is None:
                self._add(item, text)
            elif text != current:
                self.ask_change(found[0], found[1], text or None)

        what = {"entity": "entity", "relation": "relation", "excerpt": "excerpt"}[item.section]
        verb = "Edit the note on" if found else "Star"
        hint = (
            "Enter saves (asks first) · empty removes the note · Esc cancels"
            if found
            else "Enter stars it with this note (may be empty) · Esc cancels"
        )
        title = f"{verb} the {what} {item.label}"
        self.screen.app.push_screen(TextPrompt(title, current, hint), written)

    def ask_change(self, index: int, note: Note, text: str | None) -> None:
        """Ask, then set note ``index`` (``note``) to ``text``, or remove it when None."""
        if text is None:
            question = f"Remove the note on {flat(note.label)}?\n\n“{flat(note.text)}”"
            title, yes = "Remove note", "remove"
            after = None
        else:
            question = (
                f"Replace the note on {flat(note.label)}?\n\nwas: “{flat(note.text)}”\n"
                f"now: “{flat(text)}”"
            )
            title, yes = "Edit note", "replace"
            after = restamped(note, text)

        def confirmed(sure: bool | None) -> None:
            if sure:
                self._change(Step(index, note, after))

        question += "\n\n(undo: u in the Notes view, F6)"
        self.screen.app.push_screen(ConfirmPrompt(title, question, yes=yes), confirmed)

    def _add(self, item: Starred, text: str) -> None:
        try:
            note = new_note(item.section, **item.keys, note=text or None)
            notes = append_note(self.path(), note)
        except CurationError as exc:
            self._say(flat(str(exc)), "error")
            return
        self.steps.append(Step(len(notes) - 1, None, note))
        self._say(f"Starred {item.label}" + (f": {flat(text)}" if text else ""))
        self._changed(self.Changed(note))

    def _change(self, step: Step, *, undoing: bool = False) -> bool:
        assert step.before is not None
        try:
            change_note(self.path(), step.index, step.before, step.after)
        except CurationError as exc:
            self._say(flat(str(exc)), "error")
            return False
        if not undoing:
            self.steps.append(step)
            done = "Removed" if step.after is None else "Edited"
            self._say(f"{done} the note on {flat(step.before.label)}")
        self._changed(self.Changed(step.after))
        return True

    def undo(self) -> None:
        """Undo this session's last note step (an added note is removed, an edited one
        written back, a removed one put back where it was)."""
        if not self.steps:
            self._say("No note to undo in this session.")
            return
        step = self.steps[-1]
        try:
            if step.before is None:
                assert step.after is not None
                index = self._index_of(step.after)
                change_note(self.path(), index, step.after, None)
            elif step.after is None:
                change_note(self.path(), step.index, step.before, insert=True)
            else:
                index = self._index_of(step.after)
                change_note(self.path(), index, step.after, step.before)
        except CurationError as exc:
            self._say(flat(str(exc)), "error")
            return
        self.steps.pop()
        shown = step.after if step.before is None else step.before
        assert shown is not None
        self._say(f"Undone: the note on {flat(shown.label)}")
        self._changed(self.Changed(step.before))

    def _index_of(self, note: Note) -> int:
        notes = load_notes(self.path())
        for index in range(len(notes) - 1, -1, -1):
            if notes[index] == note:
                return index
        raise CurationError("the note is no longer in the notes file", path=self.path())


def restamped(note: Note, text: str) -> Note:
    """``note`` with ``text`` as its note, dated now."""
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    return replace(note, data={**note.data, "note": text, "date": stamp})
