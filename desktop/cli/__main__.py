"""``python -m desktop.cli``: the same as the ``tdkt`` command."""

from desktop.cli import main

raise SystemExit(main())
