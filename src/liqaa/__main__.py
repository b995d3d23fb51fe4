"""``python -m liqaa`` runs the command line."""

from liqaa.cli import main

main()
