"""Every code block in README.md and docs/ runs, so the documentation cannot rot.

Each page runs as one session, in a temporary folder that holds a copy of `examples/`, a
`plan.yaml` (the Västra Götaland plan, standing in for the reader's own plan, with `vgr/rus.yaml`, the RUS it uses) and a
`plan-med-fel.yaml` (the plan with errors that docs/errors.md shows). In order:

- ```` ```python ```` blocks with `>>>` prompts run as doctests (output compared); other Python
  blocks are executed. All blocks of a page share one namespace, as a reader's session would.
- ```` ```bash ```` blocks run line by line in a shell, with the `insatslogik` command on the
  `PATH`. Every line must start with `insatslogik`; the exit code must be 0 or 1 (1 means
  "problems found" for `validate` and `check`; 2 is a usage error, such as a misspelt option or a
  missing file) and nothing may end in a traceback. A line whose comment says `# exit N` must
  exit with N.
- ```` ```yaml ```` and ```` ```json ```` blocks that are a whole model file (a mapping with the
  `insatslogik` key) must load. A block with a file name (```` ```yaml title="min-plan.yaml" ````,
  which the site shows above the block) is written to that file first, for the blocks after it;
  such a block may be a plan with problems, for the page to check and then fix.

A shell block that cannot run (`pip install`, setting up a machine) is preceded by the marker
`<!-- not-run: reason -->` on the line before its opening fence; Python blocks always run.
"""

from __future__ import annotations

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import insatslogik as il

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>[^`]*)$")
TITLE = re.compile(r'title="(?P<title>[^"]+)"')
EXIT = re.compile(r"#\s*exit (?P<code>\d+)\b")
NOT_RUN = re.compile(r"<!--\s*not-run:\s*(?P<reason>\S.*?)\s*-->")
SHELL = {"bash", "sh", "shell"}
RUN_LANGUAGES = {"python", "py", "yaml", "yml", "json", *SHELL}


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # of the opening fence, counted from 1
    language: str
    code: str
    not_run: str | None  # the reason, when the block is marked as not run
    title: str | None = None  # the file name of ```yaml title="plan.yaml"

    @property
    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page
        return f"{page}:{self.line}"


def blocks_of(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, in order, dedented to their fence."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        language = (opening["info"].strip().split() or [""])[0].lower()
        previous = next((text for text in reversed(lines[:index]) if text.strip()), "")
        marker = NOT_RUN.search(previous)
        title = TITLE.search(opening["info"])
        body: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip() != fence:
            text = lines[index]
            body.append(text[len(indent) :] if text.startswith(indent) else text.lstrip())
            index += 1
        found.append(
            Block(
                page=page,
                line=index - len(body),
                language=language,
                code="\n".join(body) + "\n",
                not_run=marker["reason"] if marker else None,
                title=title["title"] if title else None,
            )
        )
        index += 1
    return found


def run_python(block: Block, namespace: dict[str, Any]) -> None:
    if ">>>" in block.code:
        parser = doctest.DocTestParser()
        test = parser.get_doctest(block.code, namespace, block.where, str(block.page), block.line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        output: list[str] = []
        runner.run(test, out=output.append, clear_globs=False)
        namespace.update(test.globs)  # the DocTest works on a copy; later blocks see its names
        assert runner.failures == 0, f"{block.where}: doctest failed\n" + "".join(output)
    else:
        exec(compile(block.code, block.where, "exec"), namespace)


def run_shell(block: Block, folder: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for offset, line in enumerate(block.code.splitlines(), start=1):
        words = shlex.split(line, comments=True)
        if not words:
            continue
        where = f"{block.where} (line {offset} of the block)"
        assert words[0] == "insatslogik", (
            f"{where}: only `insatslogik` commands run in the docs' tests (got {line!r}); "
            "mark a block that cannot run with <!-- not-run: reason -->"
        )
        # shell=True: the line is the documentation's own shell example, redirections and all
        done = subprocess.run(
            line, shell=True, cwd=folder, env=env, capture_output=True, text=True, check=False
        )
        shown = f"{where}: {line}\nexit {done.returncode}\n{done.stdout}\n{done.stderr}"
        promised = EXIT.search(line)
        assert done.returncode in ((int(promised["code"]),) if promised else (0, 1)), shown
        assert "Traceback" not in done.stderr, shown


def load_whole_file(block: Block, folder: Path) -> None:
    if block.title is not None:
        (folder / block.title).write_text(block.code, encoding="utf-8")
        return
    data = yaml.safe_load(block.code)
    if isinstance(data, dict) and "insatslogik" in data:
        try:
            il.loads(block.code, format="json" if block.language == "json" else "yaml")
        except il.ModelError as error:
            pytest.fail(f"{block.where}: the example file does not load:\n{error}")


def plan_with_errors() -> str:
    """The plan with errors that docs/errors.md shows (README's tour loads it too)."""
    page = ROOT / "docs" / "errors.md"
    return next(block.code for block in blocks_of(page) if block.title == "plan-med-fel.yaml")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("out"))
    shutil.copy(ROOT / "examples" / "vgr_kraftsamling_digitalisering.yaml", tmp_path / "plan.yaml")
    # The plan uses the RUS (`uses: {rus: vgr/rus.yaml}`): it stands beside it, as in examples/.
    shutil.copytree(ROOT / "examples" / "vgr", tmp_path / "vgr")
    (tmp_path / "plan-med-fel.yaml").write_text(plan_with_errors(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_code_block_of_the_page_runs(page: Path, workdir: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks_of(page):
        if block.not_run is not None or block.language not in RUN_LANGUAGES:
            continue
        if block.language in {"python", "py"}:
            run_python(block, namespace)
        elif block.language in SHELL:
            run_shell(block, workdir)
        else:
            load_whole_file(block, workdir)


def test_only_shell_blocks_are_marked_as_not_run() -> None:
    marked = [block for page in PAGES for block in blocks_of(page) if block.not_run is not None]
    assert marked, "README.md's install block is marked; has the marker changed?"
    assert [block.where for block in marked if block.language not in SHELL] == []


def test_the_plan_with_errors_has_the_problems_the_errors_page_shows(workdir: Path) -> None:
    with pytest.raises(il.ModelError) as caught:
        il.load(workdir / "plan-med-fel.yaml")
    messages = [problem.message for problem in caught.value.problems]
    assert len(messages) == 3
    assert "measured_by names 'mal2', which is not defined (did you mean 'mal'?)" in messages[0]
    assert "unknown key 'basline' (did you mean 'baseline'?)" in messages[1]
    assert "duplicate id 'mal'" in messages[2]


def test_blocks_are_found_with_their_language_line_and_marker(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n```python\nx = 1\n```\n\n<!-- not-run: installs things -->\n"
        '```bash\npip install insatslogik\n```\n\n- item\n\n  ```yaml title="a.yaml"\n  a: 1\n  ```\n',
        encoding="utf-8",
    )
    found = [(b.line, b.language, b.code, b.not_run, b.title) for b in blocks_of(page)]
    assert found == [
        (3, "python", "x = 1\n", None, None),
        (8, "bash", "pip install insatslogik\n", "installs things", None),
        (14, "yaml", "a: 1\n", None, "a.yaml"),
    ]


def test_a_failing_block_fails_with_its_page_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\n>>> 1 + 1\n3\n```\n", encoding="utf-8")
    (block,) = blocks_of(page)
    with pytest.raises(AssertionError, match=r"page\.md:1: doctest failed"):
        run_python(block, {})


def test_a_shell_line_that_is_not_insatslogik_must_be_marked(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```bash\nrm -rf build\n```\n", encoding="utf-8")
    (block,) = blocks_of(page)
    with pytest.raises(AssertionError, match="only `insatslogik` commands run"):
        run_shell(block, tmp_path)


def test_a_shell_line_exits_as_its_comment_says(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```bash\ninsatslogik schema   # exit 1: wrong\n```\n", encoding="utf-8")
    (block,) = blocks_of(page)
    with pytest.raises(AssertionError, match="exit 0"):
        run_shell(block, tmp_path)


def test_a_usage_error_in_a_shell_line_fails(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```bash\ninsatslogik check missing.yaml\n```\n", encoding="utf-8")
    (block,) = blocks_of(page)
    with pytest.raises(AssertionError, match="exit 2"):
        run_shell(block, tmp_path)
