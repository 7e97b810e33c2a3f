"""``python -m filature`` runs the command line."""

from filature.cli import main

main()
