"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a repository.

pre-commit installs this project into an environment of its own (from the working tree, as
`try-repo` does), which takes about 40 seconds on these machines; the test runs it once and
uses both hooks.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SMALL_PLAN

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_the_hooks_pass_a_good_plan_and_fail_a_bad_one(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "bra.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (repo / "plans" / "trasig.yaml").write_text(
        "insatslogik: 1\ntitle: Trasig\nnodes:\n  - {id: a, kind: goal}\n", encoding="utf-8"
    )
    # Other YAML in the repository is not a plan, and the hooks leave it alone.
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PRE_COMMIT_COLOR": "never",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    run = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "insatslogik validate" in out
    assert "insatslogik check" in out
    assert "plans/bra.yaml: valid (8 nodes, 9 links)" in out
    assert "plans/trasig.yaml:4:5: goal 'a': title is required" in out
    assert ".pre-commit-config.yaml" not in out.split("=" * 79)[-1]
    assert "Traceback" not in out

    (repo / "plans" / "trasig.yaml").unlink()
    _git(repo, "add", "-A")
    again = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.count("Passed") == 2
