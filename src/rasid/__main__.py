"""``python -m rasid`` runs the command-line interface."""

import sys

from rasid.cli import main

sys.exit(main())
