"""Smart industri i regionerna 2.0: the programme chain and Oxford Research's evaluation (seed 004).

The plan is `examples/smart_industri/program.yaml`: Tillväxtverket's programme as the evaluation
reads it, the evaluation's judgements as assessments, the assumptions it tested and its four
recommendations. Run from the project root:
`.venv/bin/python examples/smart_industri.py [--out DIR]`.
"""

import sys

from run_example import main

if __name__ == "__main__":
    sys.exit(main("smart_industri/program.yaml"))
