"""Small filature databases written with the real schema, for query and app tests."""

from __future__ import annotations

import random
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docfactory import form_spans
from filature.store.schema import SCHEMA_VERSION, create_schema, write_entity_keys


@dataclass
class _Passage:
    id: int
    document_id: int
    seq: int
    zone: str
    text: str
    line_start: int
    line_end: int


@dataclass
class DbBuilder:
    """Collects documents, entities, mentions and relations, then writes a database."""

    documents: list[tuple[int, str, str]] = field(default_factory=list)
    passages: list[_Passage] = field(default_factory=list)
    entities: list[tuple[int, str, str]] = field(default_factory=list)
    aliases: list[tuple[int, str]] = field(default_factory=list)
    mentions: list[tuple[int, int, int, int, str]] = field(default_factory=list)
    relations: list[dict[str, object]] = field(default_factory=list)
    evidence: list[tuple[int, int, int, int]] = field(default_factory=list)
    keys: bool = True
    """Write ``entity_keys`` as a build does (False: leave it empty, as an older writer)."""

    def document(self, path: str, title: str, passages: list[tuple[str, str]]) -> list[int]:
        """Add a document made of ``(zone, text)`` passages; returns the passage ids."""
        doc_id = len(self.documents) + 1
        self.documents.append((doc_id, path, title))
        ids = []
        line = 1
        for seq, (zone, text) in enumerate(passages):
            pid = len(self.passages) + 1
            height = text.count("\n") + 1
            self.passages.append(_Passage(pid, doc_id, seq, zone, text, line, line + height - 1))
            line += height + 1
            ids.append(pid)
        return ids

    def entity(self, name: str, etype: str, aliases: tuple[str, ...] = ()) -> int:
        """Add an entity; every occurrence of its name and aliases in the passages is a mention."""
        eid = len(self.entities) + 1
        self.entities.append((eid, name, etype))
        forms = {name, *aliases}
        for form in forms:
            self.aliases.append((eid, form))
        for passage in self.passages:
            for start, end, form in form_spans(passage.text, forms):
                self.mentions.append((eid, passage.id, start, end, form))
        return eid

    def relation(
        self,
        source: int,
        target: int,
        rtype: str,
        *,
        evidence: tuple[tuple[int, str], ...] = (),
        role: str | None = None,
        date: str | None = None,
        weight: int = 1,
        amount: float | None = None,
        currency: str | None = None,
        period: str | None = None,
    ) -> int:
        """Add a relation; evidence is ``(passage id, quoted text)`` pairs found in the passage."""
        rid = len(self.relations) + 1
        self.relations.append(
            {
                "id": rid,
                "source": source,
                "target": target,
                "type": rtype,
                "role": role,
                "date": date,
                "weight": weight,
                "amount": amount,
                "currency": currency,
                "period": period,
            }
        )
        for pid, quote in evidence:
            text = self.passages[pid - 1].text
            start = text.index(quote)
            self.evidence.append((rid, pid, start, start + len(quote)))
        return rid

    def write(self, path: Path, schema_version: int = SCHEMA_VERSION) -> Path:
        """Write the database at ``path`` (replacing it) and return the path."""
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        create_schema(conn)
        with conn:
            for doc_id, dpath, title in self.documents:
                chars = sum(len(p.text) for p in self.passages if p.document_id == doc_id)
                conn.execute(
                    "INSERT INTO documents (id, path, title, sha256, encoding, chars)"
                    " VALUES (?, ?, ?, ?, 'utf-8', ?)",
                    (doc_id, dpath, title, f"sha{doc_id}", chars),
                )
            offset: dict[int, int] = {}
            for p in self.passages:
                start = offset.get(p.document_id, 0)
                offset[p.document_id] = start + len(p.text) + 2
                conn.execute(
                    'INSERT INTO passages (id, document_id, seq, start, "end", line_start,'
                    " line_end, zone, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        p.id,
                        p.document_id,
                        p.seq,
                        start,
                        start + len(p.text),
                        p.line_start,
                        p.line_end,
                        p.zone,
                        p.text,
                    ),
                )
            conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('rebuild')")
            zone = {p.id: p.zone for p in self.passages}
            doc = {p.id: p.document_id for p in self.passages}
            for eid, name, etype in self.entities:
                own = [m for m in self.mentions if m[0] == eid]
                docs = sorted({doc[m[1]] for m in own})
                conn.execute(
                    "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        eid,
                        name,
                        etype,
                        len(own),
                        sum(zone[m[1]] == "body" for m in own),
                        sum(zone[m[1]] == "footnote" for m in own),
                        docs[0] if docs else None,
                        docs[-1] if docs else None,
                    ),
                )
            conn.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?)", self.aliases)
            conn.executemany(
                'INSERT INTO mentions (entity_id, passage_id, start, "end", surface) '
                "VALUES (?, ?, ?, ?, ?)",
                self.mentions,
            )
            for r in self.relations:
                conn.execute(
                    "INSERT INTO relations (id, source_id, target_id, type, confidence, rule, "
                    "role, date, weight, amount, currency, period) "
                    "VALUES (?, ?, ?, ?, 0.9, 'test', ?, ?, ?, ?, ?, ?)",
                    (
                        r["id"],
                        r["source"],
                        r["target"],
                        r["type"],
                        r["role"],
                        r["date"],
                        r["weight"],
                        r["amount"],
                        r["currency"],
                        r["period"],
                    ),
                )
            conn.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?)", self.evidence)
            if self.keys:
                write_entity_keys(conn)
            conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(schema_version),))
        conn.close()
        return path


ELECTION = (
    "La Chine a rejoint Interpol en 1984, mais elle ne s'y implique que depuis l'arrivée de "
    "Xi Jinping au pouvoir en 2012. Le 10 novembre 2016, Meng Hongwei, membre du parti "
    "communiste et vice-ministre de la Sécurité publique depuis le 10 avril 2004, est élu "
    "président d'Interpol."
)
ASSEMBLY = (
    "En septembre 2017, la Chine accueille la 86e Assemblée générale de l'institution à Pékin. "
    "C'est le président Xi Jinping lui-même qui fait le discours d'ouverture."
)
RAISI = (
    "Le salon Milipol Qatar accueille le président d'Interpol, Ahmed Naser Al-Raisi, "
    "et des délégations du ministère de la Sécurité publique."
)
FOOTNOTE = (
    "22. Meng Hongwei disparaît dans des conditions peu claires en septembre 2018. "
    "Il est probable que Meng Hongwei ait été victime d'une purge de la part de Xi Jinping."
)
HE = "Le professeur HE Bingsong enseigne à l'Université de Science politique et de Droit de Pékin."


def sample_builder() -> DbBuilder:
    """A small corpus shaped like the seeds: two documents, a footnote, a few relations."""
    b = DbBuilder()
    china = b.document(
        "001_chine_interpol.txt",
        "La Chine et la sécurité mondiale",
        [
            ("heading", "• ... et d'Interpol"),
            ("body", ELECTION),
            ("body", ASSEMBLY),
            ("body", RAISI),
            ("footnote", FOOTNOTE),
        ],
    )
    mcc = b.document("000_mcc.txt", "Coopération du MCC avec la Chine", [("body", HE)])
    meng = b.entity("Meng Hongwei", "person")
    xi = b.entity("Xi Jinping", "person", ("président Xi Jinping",))
    interpol = b.entity(
        "Interpol", "organization", ("INTERPOL", "Organisation internationale de police criminelle")
    )
    msp = b.entity("Ministère de la Sécurité publique", "organization", ("Sécurité publique",))
    pekin = b.entity("Pékin", "place", ("Beijing",))
    raisi = b.entity("Ahmed Naser Al-Raisi", "person", ("Al-Raisi",))
    b.entity("Chine", "place")
    b.entity("HE Bingsong", "person", ("professeur HE Bingsong",))
    b.entity("Assemblée générale d'Interpol", "event", ("86e Assemblée générale",))
    b.entity("Milipol Qatar", "event")
    b.relation(
        meng,
        interpol,
        "president_of",
        role="président",
        date="2016-11-10",
        evidence=(
            (
                china[1],
                "Meng Hongwei, membre du parti communiste et vice-ministre "
                "de la Sécurité publique depuis le 10 avril 2004, est élu président "
                "d'Interpol",
            ),
        ),
    )
    b.relation(
        meng,
        msp,
        "member_of",
        role="vice-ministre",
        date="2004-04-10",
        evidence=((china[1], "vice-ministre de la Sécurité publique"),),
    )
    b.relation(
        raisi,
        interpol,
        "president_of",
        role="président",
        evidence=((china[3], "le président d'Interpol, Ahmed Naser Al-Raisi"),),
    )
    b.relation(meng, xi, "mentioned_with", weight=2)
    b.relation(xi, pekin, "mentioned_with")
    b.relation(meng, pekin, "mentioned_with")
    del mcc
    return b


def write_sample(path: Path) -> Path:
    """Write the sample corpus database at ``path``."""
    return sample_builder().write(path)


HOSTILE_TEXTS = (
    "[/]",
    "foo [/",
    "[@click=app.quit]x[/]",
    "[$accent]",
    "\x1b]52;c;aGFja2Vk\x07",
    "\x1b[2J",
)


def hostile_builder() -> DbBuilder:
    """A corpus whose text and names look like markup and terminal control sequences."""
    b = DbBuilder()
    passages = [
        ("body", f"Operation Hostile quoted {text!s} in the report of Agent Smith.")
        for text in HOSTILE_TEXTS
    ]
    passages.append(("footnote", "1. [bold red]Agent Smith[/bold red] \x9b31m end."))
    b.document("hostile[/].txt", "Report [@click=app.quit]title[/]", passages)
    smith = b.entity("Agent Smith", "person", ("[b]Smith[/b]",))
    op = b.entity("Operation Hostile", "operation", ("[@click=app.quit]op[/]",))
    b.relation(
        smith,
        op,
        "took_part_in",
        role="[/]",
        date="\x1b[2J",
        evidence=((1, "Operation Hostile quoted [/]"),),
    )
    return b


VARYING_META = {"built_at", "db_path"}
"""meta keys that name the moment or the place of a build, not what it holds."""


def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of ``db``, in rowid order (meta without the time and place):
    what two builds that should agree are compared by."""
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = {n: conn.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    finally:
        conn.close()
    rows["meta"] = [r for r in rows["meta"] if r[0] not in VARYING_META]
    return rows


FUNDING_2017 = (
    "En septembre 2017, le Fonds Alpha finance le Programme Sécurité pour EUR 2 047 000, "
    "et le Fonds [/] Bêta y ajoute 1 000 EUR."
)
FUNDING_2015 = "En 2015, le Fonds Alpha finance le Programme Frontières pour 500 000 $."
ELECTED = "Meng Hongwei est élu président d'Interpol le 10 novembre 2016."
HOSTED = "L'Assemblée générale d'Interpol se tient à Pékin en 2017."


def workbench_builder() -> DbBuilder:
    """A small corpus for the workbench's views: funding with amounts and partial dates
    ("2015", "2017-09"), a dated role, an event, an undated relation, a name holding markup."""
    b = DbBuilder()
    doc = b.document(
        "010_financement.txt",
        "Financements de la coopération",
        [("body", FUNDING_2017), ("body", FUNDING_2015), ("body", ELECTED), ("body", HOSTED)],
    )
    alpha = b.entity("Fonds Alpha", "organization")
    beta = b.entity("Fonds [/] Bêta", "organization")
    security = b.entity("Programme Sécurité", "organization")
    borders = b.entity("Programme Frontières", "organization")
    meng = b.entity("Meng Hongwei", "person")
    interpol = b.entity("Interpol", "organization")
    assembly = b.entity("Assemblée générale d'Interpol", "event")
    pekin = b.entity("Pékin", "place")
    b.relation(
        alpha, security, "funds", date="2017-09", amount=2_047_000, currency="EUR",
        evidence=((doc[0], "le Fonds Alpha finance le Programme Sécurité pour EUR 2 047 000"),),
    )  # fmt: skip
    b.relation(
        beta, security, "funds", date="2017", amount=1000, currency="EUR",
        evidence=((doc[0], "le Fonds [/] Bêta y ajoute 1 000 EUR"),),
    )  # fmt: skip
    b.relation(
        alpha, borders, "funds", date="2015", amount=500_000, currency="USD",
        evidence=((doc[1], "le Fonds Alpha finance le Programme Frontières pour 500 000 $"),),
    )  # fmt: skip
    b.relation(
        meng, interpol, "holds_role", role="président", date="2016-11-10",
        evidence=((doc[2], "Meng Hongwei est élu président d'Interpol le 10 novembre 2016"),),
    )  # fmt: skip
    b.relation(
        pekin, assembly, "hosts", date="2017",
        evidence=((doc[3], "L'Assemblée générale d'Interpol se tient à Pékin en 2017"),),
    )  # fmt: skip
    b.relation(meng, interpol, "member_of", evidence=((doc[2], "Meng Hongwei est élu président"),))
    b.relation(meng, pekin, "mentioned_with")
    return b


NAMES = (
    "État islamique", "etat-major", "Zurich", "école", "Ecole nationale", "ÉCOLE NATIONALE",
    "d'Artagnan", "D’Artagnan", "Œuvre d'Orient", "Ministère de la Sécurité publique",
    "ministere de la securite publique", "Interpol", "INTERPOL", "Fonds [/] Bêta", "Åland",
    "Zoé Martin", "Abel", "abel", "Évian", "Ève", "Meng Hongwei", "Xi Jinping", "Pékin",
    "Banque mondiale", "Union européenne", "Yémen", "Ürümqi", "Ça va", "Cachan", "Lætitia",
)  # fmt: skip
DATES = (None, None, "2015", "2017-09", "2016-11-10", "2016-2018", "2015/2016", "vers 2010",
         "2017-13", "2017-09-31", "2017-09-32", "1999", " 2001-02 ", "\u00a02016-03",
         "２０１５-02", "2014-06-1x")  # fmt: skip
ROLES = (None, None, None, "président", "Président", "vice-président", "membre", "", "élu")
QUOTES = ("EUR 2 047 000", "500 000 $", "1 000 EUR", "12 euros", "un accord", "300 CNY")
TYPES = ("funds", "holds_role", "member_of", "hosts", "mentioned_with")
PAGING_ROWS = 420


def paging_builder(keys: bool = True) -> DbBuilder:
    """More relations than a page of the relations table (420), between names that sort
    differently folded and raw, with partial and odd dates, roles, amounts of their own and
    quoted by their evidence, over four documents (two with the same title)."""
    rng = random.Random(17)
    b = DbBuilder(keys=keys)
    docs = []
    for n, title in enumerate(("Rapport annuel", "Note de l'École", "Dépêche", "Rapport annuel")):
        text = " · ".join(QUOTES) + f" — pièce {n}"
        docs += b.document(f"{n:03d}_doc.txt", title, [("body", text), ("footnote", text)])
    ids = [b.entity(name, rng.choice(("person", "organization", "place"))) for name in NAMES]
    for _ in range(PAGING_ROWS):
        source, target = rng.sample(ids, 2)
        amount = rng.choice((None, None, None, 1000.0, 2_500_000.0, 12.5))
        b.relation(
            source,
            target,
            rng.choice(TYPES),
            evidence=tuple(
                {(rng.choice(docs), rng.choice(QUOTES)) for _ in range(rng.randint(0, 3))}
            ),
            role=rng.choice(ROLES),
            date=rng.choice(DATES),
            period=rng.choice(DATES),
            amount=amount,
            currency=rng.choice(("EUR", "USD", "€", None)) if amount else None,
        )
    return b


def with_cache(seed_db: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the seeds and an empty database folder holding the seed database's analysis
    cache (a rebuild then analyses only what changed)."""
    from filature.store.cache import cache_path

    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parents[1] / "seeds", seeds)
    db = tmp_path / "db" / "filature.db"
    db.parent.mkdir()
    shutil.copyfile(cache_path(seed_db), cache_path(db))
    return seeds, db
