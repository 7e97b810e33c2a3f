"""Turning query results into safe visuals: document text is always data, never markup."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from textual.content import Content

from filature import cite, vocabulary
from filature.query import TYPE_LABELS, EntityCard, Excerpt, Relation, RelationRow
from filature.query.text import one_line, printable, strip_controls
from filature.text import counted

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
MARK_STYLE = "bold reverse $text-accent"
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
    """Cut a long passage to about ``size`` characters around its first span, starting and
    ending on word boundaries (a word longer than ``WORD_REACH`` may still be cut)."""
    if len(text) <= size:
        return text, spans
    first, first_end = spans[0] if spans else (0, 0)
    start = max(0, min(first - size // 3, len(text) - size))
    start = _word_start(text, start, first)
    end = _word_end(text, max(start + 1, start + size, first_end), max(start, first_end))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple(
        (max(a, start) + shift, min(b, end) + shift) for a, b in spans if b > start and a < end
    )
    return prefix + text[start:end] + suffix, kept


WORD_REACH = 40
"""How far a window's edge moves to reach a word boundary."""


def _word_start(text: str, start: int, limit: int) -> int:
    """``start`` moved to the start of a word: forward (not past ``limit``) if it can, else
    back; then past any space."""
    if 0 < start < len(text) and not text[start - 1].isspace() and not text[start].isspace():
        ahead = next(
            (i + 1 for i in range(start, min(limit, start + WORD_REACH)) if text[i].isspace()),
            None,
        )
        back = next(
            (i + 1 for i in range(start - 1, max(-1, start - WORD_REACH), -1) if text[i].isspace()),
            0 if start < WORD_REACH else None,
        )
        start = ahead if ahead is not None else back if back is not None else start
    while start < limit and text[start].isspace():
        start += 1
    return start


def _word_end(text: str, end: int, limit: int) -> int:
    """``end`` moved to the end of a word: back (not before ``limit``) if it can, else
    forward; then before any space."""
    end = min(end, len(text))
    if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
        back = next(
            (i for i in range(end - 1, max(limit, end - WORD_REACH) - 1, -1) if text[i].isspace()),
            None,
        )
        ahead = next(
            (i for i in range(end, min(len(text), end + WORD_REACH)) if text[i].isspace()),
            len(text) if len(text) - end < WORD_REACH else None,
        )
        end = back if back is not None else ahead if ahead is not None else end
    while end > limit and text[end - 1].isspace():
        end -= 1
    return end


def source_line(excerpt: Excerpt) -> Content:
    """The citation line shown above an excerpt: the citation ``filature.cite`` writes for
    it (the document's label or title in bold, then where the passage is)."""
    name, where = excerpt.cited_parts(
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
    details = [flat(path), counted(passages, "passage")]
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
    """Role, date, amount, period and support of a relation as one line of plain text."""
    bits = [type_name(row.counterpart_type)]
    if row.role:
        bits.append(one_line(printable(row.role)))
    if row.date:
        bits.append(one_line(printable(row.date)))
    if row.amount is not None:
        bits.append(amount_text(row.amount, row.currency))
    if row.period:
        bits.append(one_line(printable(row.period)))
    bits.append(counted(row.evidence_count or row.weight, "passage"))
    return " · ".join(bits)


def amount_text(amount: float, currency: str | None) -> str:
    """An amount as read ("1,200,000 EUR", "2.5 USD")."""
    shown = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return " ".join(part for part in (shown, one_line(printable(currency or ""))) if part)


def relation_facts(row: RelationRow, relation: Relation | None) -> Content:
    """Everything known of a relation, for its detail line: heading, direction and
    counterpart, then role, date, amount, period, agreement, rule, confidence and the number
    of passages, each labelled (plain data: no markup is read in any of them)."""
    arrow = "~" if row.is_co_occurrence else "→" if row.direction == "out" else "←"
    facts: list[tuple[str, str]] = [("", type_name(row.counterpart_type))]
    if row.role:
        facts.append(("role", one_line(printable(row.role))))
    if row.date:
        facts.append(("date", one_line(printable(row.date))))
    if row.amount is not None:
        facts.append(("amount", amount_text(row.amount, row.currency)))
    if row.period:
        facts.append(("period", one_line(printable(row.period))))
    if relation is not None:
        if relation.agreement is not None:
            facts.append(("under", flat(relation.agreement.name)))
        facts.append(("rule", one_line(printable(relation.rule))))
    facts.append(("confidence", f"{row.confidence:.2f}"))
    facts.append(("", counted(row.evidence_count or row.weight, "passage")))
    parts: list[Content | str] = [
        Content(f"{relation_heading(row)} {arrow} ").stylize("bold"),
        Content(flat(row.counterpart_name)).stylize("bold"),
    ]
    for label, value in facts:
        parts.append(Content(" · ").stylize("$text-muted"))
        if label:
            parts.append(Content(f"{label} ").stylize("$text-muted"))
        parts.append(Content(value))
    return Content.assemble(*parts)


def relation_heading(row: RelationRow) -> str:
    """The heading of a relation seen from the entity, from the vocabulary ('Member of',
    'Has as member'; an unknown 'president_of' -> 'President of')."""
    return _heading(row.type, row.direction)


@lru_cache(maxsize=1024)
def _heading(rtype: str, direction: vocabulary.Side) -> str:
    """One heading per type and direction (a big entity's 2,000 relations share a few)."""
    return one_line(printable(vocabulary.relation_heading(rtype, direction)))


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
