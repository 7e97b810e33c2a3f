"""A document's result goes into the analysis cache and comes back whole.

The cache writes a result record by record (``DocumentResult.json_chunks``), so that a large
document's is never held as one string; a field it forgot was silently lost at the next
rebuild (``capitalised``, the words a document writes capitalised, once was).
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from docfactory import write_documents
from filature.extract.mentions import DocumentAnalysis
from filature.extract.result import DocumentResult
from filature.extract.stream import analyze_stream

TEXT = (
    "# RAPPORT D'INFORMATION\n\n"
    "Le 3 mars 2019, Europol et l'Office des Nations unies contre la drogue et le crime "
    "(ONUDC) ont signé un accord de coopération à Vienne. Eurojust finance le programme.\n\n"
    "Le ministre de l'Intérieur, Christophe Castaner, a rencontré le directeur d'Interpol.\n"
)


def test_the_cache_form_of_a_result_is_its_whole_dict(tmp_path: Path, nlp: Any) -> None:
    (document,) = write_documents(tmp_path, {"rapport.txt": TEXT})
    (result,) = analyze_stream([document], nlp)
    analysis = result.analysis
    for field in fields(DocumentAnalysis):  # each field holds something, or the test proves little
        assert getattr(analysis, field.name), field.name
    assert result.candidates
    written = json.loads("".join(result.json_chunks()))
    assert written == json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert DocumentResult.from_dict(written) == result
