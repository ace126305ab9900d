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


def merge_deep(levels: int = 249) -> str:
    """Mappings nested `levels` deep, each with a merge key: PyYAML's constructor recursed."""
    return HEAD + "x: " + "{<<: {a: 1}, b: " * levels + "1" + "}" * levels + "\nnodes: []\n"


def escaped_quotes(error: str) -> str:
    """A JSON plan of about 100 KB whose title is escaped quotes, then `error` in its node list."""
    title = 'a\\"' * 33_000
    node = '{"id": "a", "kind": "actor", "title": "x"}'
    return '{"insatslogik": 1, "title": "' + title + '",\n "nodes": [' + node + error + "]}\n"


def alias_text(size: int = 100_000, uses: int = 40_000) -> str:
    """A text of `size` characters aliased `uses` times: small on disk, 4 GB written out."""
    aliases = ", ".join(["*s"] * uses)
    return (
        HEAD
        + f"s: &s {'x' * size}\nnodes:\n  - id: a\n    kind: actor\n    title: x\n"
        + f"    tags: [{aliases}]\n"
    )


def unknown_keys(count: int = 20_000) -> str:
    """One node with `count` unknown keys: each used to cost a look through all the others."""
    keys = "".join(f"    k{i}: 1\n" for i in range(count))
    return HEAD + "nodes:\n  - id: a\n    kind: actor\n    title: x\n" + keys


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
        # A merge key at each of 249 levels, in few enough brackets not to look hostile.
        "merge-deep.yaml": merge_deep().encode(),
        # 100 KB of escaped quotes before a problem: locating it was quadratic.
        "json-escaped-quotes.json": escaped_quotes(', {"id": "b", "kind": "aktor"}').encode(),
        "json-escaped-quotes-syntax.json": escaped_quotes(",").encode(),
        # NaN, then a title of escaped quotes never closed: finding the value took minutes.
        "json-escaped-quotes-unclosed.json": (
            '{"insatslogik": 1, "x": NaN, "title": "' + 'a\\"' * 33_000 + "\n"
        ).encode(),
        # 100 KB of text aliased 40 000 times.
        "alias-text.yaml": alias_text().encode(),
        "unknown-keys-20000.yaml": unknown_keys().encode(),
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
