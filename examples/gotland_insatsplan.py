"""Region Gotland's strategy, programme plan and insatsplan with its results chain (seed 001).

Run from the project root: `.venv/bin/python examples/gotland_insatsplan.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("gotland_insatsplan.yaml"))
