"""Digg's follow-up of state agencies' digitalisation with four composite indices (seed 003).

Run from the project root: `.venv/bin/python examples/digg_index.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("digg_index.yaml"))
