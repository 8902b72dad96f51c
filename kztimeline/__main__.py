"""Allow ``python -m kztimeline``."""

from kztimeline.cli import main

main()
