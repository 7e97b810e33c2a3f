"""``filature build --dask``: the documents analysed on a Dask cluster (a real
``LocalCluster`` of worker processes) give the database of a local build, row for row; a
scheduler out of reach, a worker that dies or a missing extra is one line, and the previous
database is kept."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dbfactory import table_rows
from filature.build import build
from filature.errors import Problem
from reliability import ROOT

SEEDS = ROOT / "seeds"
FILATURE = Path(sys.executable).with_name("filature")

pytestmark = pytest.mark.slow


def _sorted_tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but meta, its rows sorted."""
    return {n: sorted(rows, key=repr) for n, rows in table_rows(db).items() if n != "meta"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip(
        "distributed", reason="Dask is not installed: pip install -e '.[dev,dask]'"
    )
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_builds_the_seeds_row_for_row_like_a_local_build(
    tmp_path: Path, seed_db: Path, cluster: Any
) -> None:
    from distributed import Client

    report = build(SEEDS, tmp_path / "filature.db", use_cache=False, dask=cluster.scheduler_address)
    assert report.cluster == cluster.scheduler_address
    assert report.analysed == 5
    assert not report.model_loaded  # the model was never loaded here: the workers analysed
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        loaded = client.run(
            eval, "__import__('filature.workers.cluster').workers.cluster._model.cache_info()"
        )
    assert len(loaded) == 2
    assert all(info.currsize == 1 for info in loaded.values()), loaded  # both analysed
    local, remote = _sorted_tables(seed_db), _sorted_tables(report.db_path)
    assert local.keys() == remote.keys()
    assert local["passages"] and local["entities"] and local["relations"]
    for name in local:
        assert remote[name] == local[name], f"table {name} differs"


def _previous(tmp_path: Path, seed_db: Path) -> tuple[Path, bytes]:
    db = tmp_path / "filature.db"
    shutil.copyfile(seed_db, db)
    return db, db.read_bytes()


def test_an_unreachable_scheduler_is_one_line_and_keeps_the_previous_database(
    tmp_path: Path, seed_db: Path
) -> None:
    pytest.importorskip("distributed", reason="Dask is not installed: pip install -e '.[dev,dask]'")
    db, before = _previous(tmp_path, seed_db)
    address = f"tcp://127.0.0.1:{_free_port()}"
    done = subprocess.run(
        [str(FILATURE), "build", str(SEEDS), "--db", str(db), "--dask", address],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: Could not reach the Dask scheduler at {address}")
    assert "the previous database is kept" in lines[0] and "dask worker" in lines[0]
    assert "Traceback" not in done.stdout + done.stderr
    assert db.read_bytes() == before


def test_without_the_extra_dask_names_what_to_install(tmp_path: Path, seed_db: Path) -> None:
    db, before = _previous(tmp_path, seed_db)
    code = (
        "import sys; sys.modules['distributed'] = None\n"  # as if Dask were not installed
        "from filature.cli import main\n"
        f"sys.argv = ['filature', 'build', {str(SEEDS)!r}, '--db', {str(db)!r},"
        " '--dask', 'tcp://127.0.0.1:8786']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "--dask needs the optional Dask extra" in lines[0]
    assert "pip install 'filature[dask]'" in lines[0]
    assert db.read_bytes() == before


def test_a_worker_that_dies_stops_the_build_and_keeps_the_previous_database(
    tmp_path: Path, seed_db: Path
) -> None:
    distributed = pytest.importorskip(
        "distributed", reason="Dask is not installed: pip install -e '.[dev,dask]'"
    )
    import dask

    db, before = _previous(tmp_path, seed_db)
    killer = (
        "import os, signal, filature.workers.cluster as c\n"
        "c.analyse_task = lambda *a, os=os, sig=signal.SIGKILL: os.kill(os.getpid(), sig)\n"
    )
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        client.run(exec, killer)  # the worker process dies on its first task
        with pytest.raises(Problem) as failed:
            build(SEEDS, db, use_cache=False, dask=local.scheduler_address)
    message = str(failed.value)
    assert message.startswith(f"The Dask cluster at {local.scheduler_address} failed")
    assert "KilledWorker" in message and "the previous database is kept" in message
    assert "\n" not in message
    assert db.read_bytes() == before


@pytest.mark.parametrize("address", ["foo", "127.0.0.1:8786", "http://127.0.0.1:8786"])
def test_an_address_that_is_not_a_scheduler_s_says_what_is_expected(
    tmp_path: Path, seed_db: Path, address: str
) -> None:
    pytest.importorskip("distributed", reason="Dask is not installed: pip install -e '.[dev,dask]'")
    db, before = _previous(tmp_path, seed_db)
    with pytest.raises(Problem) as failed:
        build(SEEDS, db, dask=address)
    assert str(failed.value).startswith("--dask expects a Dask scheduler's address like tcp://")
    assert db.read_bytes() == before
