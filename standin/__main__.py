"""``python -m standin``: run the stand-in upstream (see :mod:`standin.cli`)."""

from .cli import main

raise SystemExit(main())
