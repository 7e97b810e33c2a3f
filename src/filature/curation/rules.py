"""What each decision does to a set of entities, independent of where they are stored.

The build applies it to the entity drafts of the pipeline, the app to the entities stored in
the database: both go through ``curate``, so a decision has the same effect in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar, cast

from filature.curation.entries import Entry, describe
from filature.models import EntityType
from filature.text import collapse, norm_key

M = TypeVar("M")


@dataclass
class Group(Generic[M]):
    """An entity being curated: name, type, aliases and its members (mentions)."""

    name: str
    type: EntityType
    aliases: set[str] = field(default_factory=set)
    members: list[M] = field(default_factory=list)
    key: int = 0
    origins: set[int] = field(default_factory=set)


def find(groups: Iterable[Group[M]], name: str, etype: str | None) -> list[Group[M]]:
    """The groups named ``name`` or having it as an alias, of type ``etype`` if given."""
    key = norm_key(name)
    return [
        g
        for g in groups
        if (etype is None or g.type == etype)
        and (norm_key(g.name) == key or any(norm_key(a) == key for a in g.aliases))
    ]


def curate(
    groups: Sequence[Group[M]],
    entries: Iterable[Entry],
    surface: Callable[[M], str],
    next_key: int = 0,
    skipped: list[str] | None = None,
) -> list[Group[M]]:
    """Apply ``entries`` in order; entries that match nothing are ignored.

    ``surface`` gives a member's text (split moves the members whose surface is the alias);
    entities split off are numbered from ``next_key`` on. An entry that matches something but
    cannot apply (a merge whose ``into`` matches no entity, a rename to a blank name) changes
    nothing and is described in ``skipped``, if given.
    """
    out = list(groups)
    for entry in entries:
        if entry.section == "merge":
            _merge(out, entry, skipped)
        elif entry.section == "rename":
            _rename(out, entry, skipped)
        elif entry.section == "split":
            for g in find(out, entry.target, entry.type):
                new = split(g, str(entry.get("alias")), entry.get("to"), surface, next_key)
                if new is not None:
                    out.append(new)
                    next_key += 1
        else:
            _edit(out, entry)
    return out


def _merge(out: list[Group[M]], entry: Entry, skipped: list[str] | None) -> None:
    """The groups named by a merge joined into the one its ``into`` names."""
    etype = entry.type
    names = [entry.target, *entry.get("names")]
    found = find(out, entry.target, etype)
    if not found:
        if skipped is not None and any(find(out, n, etype) for n in names[1:]):
            skipped.append(
                f"{describe(entry)}: {entry.target!r} matches no entity, nothing "
                "merged (a [[rename]] renames)"
            )
        return
    into = found[0]
    into.name = entry.target
    into.aliases.add(into.name)
    for name in names:
        for other in find(out, name, etype):
            if other is not into:
                into.aliases |= other.aliases
                into.members.extend(other.members)
                into.origins |= other.origins
                out.remove(other)


def _rename(out: list[Group[M]], entry: Entry, skipped: list[str] | None) -> None:
    """The groups a rename names given its new name (kept as an alias), unless it is blank."""
    if not collapse(str(entry.get("to"))):
        if skipped is not None and find(out, entry.target, entry.type):
            skipped.append(f"{describe(entry)}: a name cannot be blank, nothing renamed")
        return
    for g in find(out, entry.target, entry.type):
        g.name = str(entry.get("to"))
        g.aliases.add(g.name)


def _edit(out: list[Group[M]], entry: Entry) -> None:
    """A retype, drop or alias decision applied to every group it names."""
    for g in find(out, entry.target, entry.type):
        if entry.section == "retype":
            g.type = cast("EntityType", entry.get("to"))
        elif entry.section == "drop":
            out.remove(g)
        elif entry.section == "alias":
            g.aliases |= {str(a) for a in entry.get("aliases")}


def split(
    group: Group[M], alias: str, to: str | None, surface: Callable[[M], str], key: int
) -> Group[M] | None:
    """Move ``alias`` and the members whose surface is that alias into a new group."""
    wanted = norm_key(alias)
    if not wanted or norm_key(group.name) == wanted:
        return None
    moved = [m for m in group.members if norm_key(surface(m)) == wanted]
    group.members = [m for m in group.members if norm_key(surface(m)) != wanted]
    forms = {a for a in group.aliases if norm_key(a) == wanted}
    group.aliases -= forms
    etype = cast("EntityType", to) if to else group.type
    aliases = forms | {alias} | {collapse(surface(m)) for m in moved}
    return Group(alias, etype, aliases, moved, key)
