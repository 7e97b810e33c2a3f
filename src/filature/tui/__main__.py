"""Run the explorer on a database: ``python -m filature.tui [DB]`` (the CLI adds building)."""

from __future__ import annotations

import sys
from pathlib import Path

from filature.store.connect import DEFAULT_DB, DatabaseProblem
from filature.tui.app import make_app


def main(argv: list[str] | None = None) -> int:
    """Open the database given (or db/filature.db); a clear message if it cannot be used."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_DB
    try:
        app = make_app(path)
    except DatabaseProblem as problem:
        print(f"filature: {problem.message} Fix: {problem.fix}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
