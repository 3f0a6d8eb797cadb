"""``python -m di_plugins.upstream``: run the stand-in upstream (see :mod:`di_plugins.upstream.cli`)."""

from .cli import main

raise SystemExit(main())
