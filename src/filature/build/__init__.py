"""Build orchestration, the layers composed in order: ingest (discover, read, clean and split)
-> extract -> store (written atomically) -> curation (the curated tables derived).

``pipeline`` runs a build, ``report`` is what it reports, ``freshness`` says whether one is
needed, ``disk`` names a full disk.
"""

from filature.build.disk import DiskFull
from filature.build.freshness import CURATION_FILE, needs_build
from filature.build.pipeline import DEFAULT_MAX_BYTES, build
from filature.build.report import BuildReport, Progress

__all__ = [
    "CURATION_FILE",
    "DEFAULT_MAX_BYTES",
    "BuildReport",
    "DiskFull",
    "Progress",
    "build",
    "needs_build",
]
