"""``python -m filature`` runs the command line."""

import filature.starting  # noqa: F401  (first: Ctrl-C while starting is one line)
from filature.cli import main
from filature.interrupts import forget_unhandled_mark

try:
    main()
finally:
    forget_unhandled_mark()  # else an interrupt the command handled may still end it by SIGINT
