"""Minimal but valid Word (.docx) and OpenDocument (.odt) packages, written with zipfile."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2"
 Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
 Target="docProps/core.xml"/>
</Relationships>"""

DOC_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{PKG}">
<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{REL}/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId3" Type="{REL}/endnotes" Target="endnotes.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/>
<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TM1"><w:name w:val="toc 1"/></w:style>
</w:styles>"""


def run(text: str) -> str:
    """A run of text (spaces kept)."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def note_ref(kind: str, ident: int) -> str:
    """A footnote or endnote call."""
    return f'<w:r><w:{kind}Reference w:id="{ident}"/></w:r>'


def para(*runs: str, style: str | None = None) -> str:
    """A paragraph of runs (plain strings become runs)."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{ppr}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    """A table of one-paragraph cells."""
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl>{cells}</w:tbl>"


def _notes(kind: str, notes: dict[int, str]) -> str:
    separators = (
        f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f"<w:continuationSeparator/></w:r></w:p></w:{kind}>"
    )
    body = "".join(
        f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r>{run(" " + text)}</w:p></w:{kind}>'
        for i, text in notes.items()
    )
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s xmlns:w="{W}">'
    return f"{head}{separators}{body}</w:{kind}s>"


def core(title: str | None, creator: str | None, created: str | None) -> str:
    """A ``docProps/core.xml``."""
    parts = []
    if title is not None:
        parts.append(f"<dc:title>{escape(title)}</dc:title>")
    if creator is not None:
        parts.append(f"<dc:creator>{escape(creator)}</dc:creator>")
    if created is not None:
        parts.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        + "".join(parts)
        + "</cp:coreProperties>"
    )


def docx(
    body: str,
    *,
    footnotes: dict[int, str] | None = None,
    endnotes: dict[int, str] | None = None,
    core_xml: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A .docx package around the body XML (paragraphs and tables)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/_rels/document.xml.rels": DOC_RELS,
        "word/document.xml": document,
        "word/styles.xml": STYLES,
        "word/footnotes.xml": _notes("footnote", footnotes or {}),
        "word/endnotes.xml": _notes("endnote", endnotes or {}),
    }
    if core_xml is not None:
        parts["docProps/core.xml"] = core_xml
    return _zip({k: v.encode() for k, v in parts.items()} | (extra or {}))


def _entry(name: str, compress_type: int) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so that one package built twice has the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = compress_type
    return info


def _zip(parts: dict[str, bytes], first: tuple[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        if first is not None:
            package.writestr(_entry(first[0], zipfile.ZIP_STORED), first[1])
        for name, data in parts.items():
            package.writestr(_entry(name, zipfile.ZIP_DEFLATED), data)
    return out.getvalue()


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
)
ODT_MIME = b"application/vnd.oasis.opendocument.text"


def odt_note(number: int, text: str, kind: str = "footnote") -> str:
    """An inline ``text:note``."""
    return (
        f'<text:note text:id="n{number}" text:note-class="{kind}">'
        f"<text:note-citation>{number}</text:note-citation>"
        f"<text:note-body><text:p>{escape(text)}</text:p></text:note-body></text:note>"
    )


def odt(
    body: str,
    *,
    meta: str | None = None,
    styles: str = "",
    mimetype: bytes = ODT_MIME,
    manifest: str | None = None,
) -> bytes:
    """An .odt package around the ``office:text`` XML."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    parts = {"content.xml": content.encode()}
    if meta is not None:
        parts["meta.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODT_NS}>'
            f"<office:meta>{meta}</office:meta></office:document-meta>"
        ).encode()
    if manifest is not None:
        parts["META-INF/manifest.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {ODT_NS}>'
            f"{manifest}</manifest:manifest>"
        ).encode()
    return _zip(parts, first=("mimetype", mimetype))
