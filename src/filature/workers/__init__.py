"""Analysing documents in several processes: ``pool`` (the build's side: tasks planned, workers
started and replaced, results merged in order), ``child`` (what a worker process runs),
``ahead`` (the build's stream, which can start a small analysis before the model loads) and
``warm`` (the worker of the analysis ahead, started while the build reads its files)."""

from filature.workers.ahead import LocalStream
from filature.workers.pool import analyse_in_workers, default_workers, plan_tasks

__all__ = ["LocalStream", "analyse_in_workers", "default_workers", "plan_tasks"]
