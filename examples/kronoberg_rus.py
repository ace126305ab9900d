"""Region Kronoberg's steering chain from the RUS to a project and an organisation (seeds 001/002).

Run from the project root: `.venv/bin/python examples/kronoberg_rus.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("kronoberg_rus.yaml"))
