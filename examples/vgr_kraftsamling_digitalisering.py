"""Västra Götaland's plan for kraftsamling digitalisering (seed 000): check, coverage, diagram.

Run from the project root: `.venv/bin/python examples/vgr_kraftsamling_digitalisering.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("vgr_kraftsamling_digitalisering.yaml"))
