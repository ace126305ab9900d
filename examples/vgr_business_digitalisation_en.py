"""Area 1 of Västra Götaland's digitalisation plan in English (seed 000).

Run from the project root: `.venv/bin/python examples/vgr_business_digitalisation_en.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("vgr_business_digitalisation_en.yaml"))
