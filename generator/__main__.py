"""`python -m generator`: the command line (see `generator.cli`)."""

from generator.cli import main

main()
