"""``python -m schedlib`` runs the command line."""

from ._warm import main

raise SystemExit(main())
