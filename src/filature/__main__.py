"""``python -m filature`` runs the command line."""

import filature.starting  # noqa: F401  (first: Ctrl-C while starting is one line)
from filature.cli import main

main()
