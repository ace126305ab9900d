"""The generated cases of the malformed-file corpus: too big or too binary to commit by hand.

`tests/test_corpus.py` writes them into a temporary folder next to the committed files of
``tests/corpus/bad/``; ``python tests/corpus/make_corpus.py OUT`` writes them into ``OUT`` to try
them by hand (``insatslogik validate OUT/brackets-20000.yaml``). Everything is generated from
fixed seeds, so the cases are the same on every run.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HEAD = "insatslogik: 1\ntitle: Trasig plan\n"
DEPTH = 20_000


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs": `levels` anchors, each aliasing the one before `width` times."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [
        f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]"
        for level in range(1, levels)
    ]
    return (
        HEAD
        + "\n".join(lines)
        + f"\nnodes:\n  - {{id: a, kind: actor, title: x, tags: *a{levels - 1}}}\n"
    )


def generated_cases() -> dict[str, bytes]:
    """File name → content of every generated case."""
    rng = random.Random(20_000)
    return {
        # 4 KB of noise: not UTF-8, not YAML; the seed gives a byte sequence that fails early.
        "random-bytes.yaml": rng.randbytes(4096),
        "random-bytes.json": rng.randbytes(4096),
        # 20 000 nested brackets, which libyaml and json would otherwise recurse into.
        "brackets-20000.yaml": (HEAD + "nodes: " + "[" * DEPTH + "]" * DEPTH + "\n").encode(),
        "brackets-20000.json": (
            '{"insatslogik": 1, "title": "x",\n "nodes": ' + "[" * DEPTH + "]" * DEPTH + "}\n"
        ).encode(),
        "braces-20000.yaml": (HEAD + "nodes:\n  - " + "{a: " * DEPTH + "}" * DEPTH + "\n").encode(),
        # Block sequences nested 20 000 deep on one line: no brackets at all.
        "dashes-20000.yaml": (HEAD + "nodes:\n  " + "- " * DEPTH + "x\n").encode(),
        # 9 × 9 aliases: 580 bytes standing for 387 million values.
        "alias-bomb.yaml": alias_bomb().encode(),
    }


def main(argv: list[str]) -> int:
    """Write every generated case into the folder named by the first argument."""
    if len(argv) != 1:
        print("usage: python tests/corpus/make_corpus.py OUT", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, data in generated_cases().items():
        (out / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
