"""``python -m hoguide`` is the same as the ``hoguide`` command."""

from hoguide.cli import main

main()
