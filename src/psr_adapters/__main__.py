"""``python -m psr_adapters``: the psr command."""

from .cli import main

main()
