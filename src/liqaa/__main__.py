"""``python -m liqaa`` runs the command line."""

from liqaa.cli import main

if __name__ == "__main__":
    main()
