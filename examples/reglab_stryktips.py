"""Reglab's "stryktips" exercise (seed 001): Vinnova's answer sheet as one results chain.

Run from the project root: `.venv/bin/python examples/reglab_stryktips.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("reglab_stryktips.yaml"))
