"""`python -m insatslogik` runs the command line."""

import sys

from insatslogik.cli import main

sys.exit(main())
