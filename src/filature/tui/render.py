"""Turning query results into safe visuals: document text is always data, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from filature import cite, vocabulary
from filature.query import TYPE_LABELS, EntityCard, Excerpt, RelationRow
from filature.query.text import one_line, printable, strip_controls

TYPE_SINGULAR = {
    "person": "person",
    "organization": "organisation",
    "place": "place",
    "agreement": "agreement",
    "operation": "operation",
    "event": "event",
}
TYPE_ICON = {
    "person": "●",
    "organization": "■",
    "place": "▲",
    "agreement": "◆",
    "operation": "▶",
    "event": "★",
}
TYPE_STYLE = {
    "person": "$text-accent",
    "organization": "$text-primary",
    "place": "$text-success",
    "agreement": "$text-warning",
    "operation": "$text-error",
    "event": "$text-secondary",
}
MARK_STYLE = "bold reverse $accent"
EXCERPT_WINDOW = 700


def flat(text: str) -> str:
    """Display form on one line, same length as ``text`` (offsets stay valid)."""
    return printable(text).replace("\n", " ").replace("\t", " ")


def type_name(etype: str) -> str:
    """The singular, British label of an entity type."""
    return TYPE_SINGULAR.get(etype, etype)


def type_badge(etype: str) -> Content:
    """An icon and the type name, coloured by type."""
    return Content(f"{TYPE_ICON.get(etype, '•')} {type_name(etype)}").stylize(
        TYPE_STYLE.get(etype, "")
    )


def type_filter_label(etype: str | None, count: int) -> str:
    """The label of an entry of the type filter (plain text, no markup)."""
    return f"{TYPE_LABELS.get(etype, 'All') if etype else 'All'} ({count:,})"


def marked(text: str, spans: Iterable[tuple[int, int]], style: str = MARK_STYLE) -> Content:
    """``text`` as Content with ``spans`` highlighted; offsets must index ``text``."""
    content = Content(flat(text))
    for start, end in spans:
        content = content.stylize(style, start, end)
    return content


def window(
    text: str, spans: tuple[tuple[int, int], ...], size: int = EXCERPT_WINDOW
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Cut a long passage to about ``size`` characters around its first span."""
    if len(text) <= size:
        return text, spans
    first = spans[0][0] if spans else 0
    start = max(0, min(first - size // 3, len(text) - size))
    end = start + size
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if b > start and a < end
    )
    return prefix + text[start:end] + suffix, kept


def source_line(excerpt: Excerpt) -> Content:
    """The citation line shown above an excerpt: the citation ``filature.cite`` writes for
    it (the document's label or title in bold, then where the passage is)."""
    name, where = cite.reference_parts_of(
        excerpt,
        flat(excerpt.document_title),
        flat(excerpt.document_path),
        flat(excerpt.document_label or ""),
    )
    parts = [
        Content(name).stylize("bold"),
        Content(f", {where}").stylize("$text-muted"),
    ]
    if excerpt.zone != "body":
        parts.append(Content(f"  {excerpt.zone}").stylize("italic $text-warning"))
    return Content.assemble(*parts)


def document_heading(title: str, path: str, label: str | None, passages: int) -> Content:
    """The document view's heading: the document named as ``filature.cite`` names it (its
    label, else its title) in bold, then its title when a label stands for it, its path and
    its number of passages."""
    name = cite.document_name(flat(title), flat(label or ""))
    details = [flat(path), f"{passages:,} passages"]
    if name != flat(title):
        details.insert(0, flat(title))
    return Content.assemble(
        Content(name).stylize("bold"),
        Content("  " + " · ".join(details)).stylize("$text-muted"),
    )


def excerpt_content(excerpt: Excerpt) -> Content:
    """An excerpt as shown in a list: its citation line, then the text with its marks."""
    text, spans = window(excerpt.text, excerpt.spans)
    return Content.assemble(source_line(excerpt), "\n", marked(text, spans))


def citation(excerpt: Excerpt) -> str:
    """The excerpt with its citation, as copied into a report (no control characters)."""
    text = one_line(strip_controls(excerpt.text))
    where = excerpt.reference(
        one_line(strip_controls(excerpt.document_title)),
        strip_controls(excerpt.document_path),
        one_line(strip_controls(excerpt.document_label or "")),
    )
    return f"«{text}» — {where}"


def relation_detail(row: RelationRow) -> str:
    """Role, date and support of a relation as one line of plain text."""
    bits = [type_name(row.counterpart_type)]
    if row.role:
        bits.append(one_line(printable(row.role)))
    if row.date:
        bits.append(one_line(printable(row.date)))
    n = row.evidence_count if row.evidence_count else row.weight
    bits.append(f"{n} passage{'s' if n != 1 else ''}")
    return " · ".join(bits)


def relation_heading(row: RelationRow) -> str:
    """The heading of a relation seen from the entity, from the vocabulary ('Member of',
    'Has as member'; an unknown 'president_of' -> 'President of')."""
    return one_line(printable(vocabulary.relation_heading(row.type, row.direction)))


def entity_card_text(card: EntityCard, relations: list[RelationRow]) -> str:
    """The entity card copied by ``C``: name, type, aliases, relations with counts."""
    lines = [f"{card.name} ({type_name(card.type)}) — {card.mention_count} mentions"]
    if card.aliases:
        lines.append("Also: " + "; ".join(card.aliases))
    stated = [r for r in relations if not r.is_co_occurrence]
    co = [r for r in relations if r.is_co_occurrence]
    for row in stated:
        arrow = "→" if row.direction == "out" else "←"
        lines.append(
            f"  {relation_heading(row)} {arrow} {row.counterpart_name} ({relation_detail(row)})"
        )
    if co:
        names = ", ".join(f"{r.counterpart_name} ({r.weight})" for r in co[:30])
        more = f", and {len(co) - 30} more" if len(co) > 30 else ""
        lines.append(f"  Mentioned with: {names}{more}")
    return strip_controls(
        "\n".join(one_line(line) if i == 0 else line for i, line in enumerate(lines))
    )
