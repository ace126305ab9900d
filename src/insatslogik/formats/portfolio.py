"""Portfolios: many plan files, one model, every node's id qualified by its plan (``PLAN:id``).

:func:`load_portfolio` loads plan files, or every plan file in a folder and the folders in it,
with the plans they use, into one :class:`~insatslogik.Model` whose node ids are qualified by
plan; each node keeps its file and line (:meth:`Model.location`). A plan that cannot be loaded
does not stop the others: its problems are in ``model.warnings`` (``strict=True`` raises them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from insatslogik.errors import ModelError, Problem, UsageError
from insatslogik.formats.native._plans import PlanReader, loaded_plans
from insatslogik.i18n import resolve_lang, word
from insatslogik.model.model import Model, collector_paused
from insatslogik.model.plans import SEPARATOR, split_reference
from insatslogik.model.validation import validate_header

__all__ = [
    "PASSED_OVER",
    "load_portfolio",
    "passed_over",
    "plan_files",
    "plan_problems",
    "refuse_plans",
    "refuse_qualified_ids",
]

#: The words that start the note of a file passed over (``model.warnings``).
PASSED_OVER: Final = "passed over"
#: The suffixes of plan files looked for in a folder.
PLAN_SUFFIXES: Final = (".yaml", ".yml", ".json")


def plan_files(folder: str | os.PathLike[str]) -> tuple[list[str], list[Problem]]:
    """The plan files in a folder and the folders in it, sorted, and notes on what was passed over.

    Hidden files and folders (``.git``) are passed over silently; files of other types, and
    folders met again through a link (a loop), with a note. Folders behind links are followed.

    Args:
        folder: the folder.

    Returns:
        The paths of the files with a plan's suffix (``.yaml``, ``.yml``, ``.json``), sorted
        by path, and a note for each thing passed over.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("b.yaml", "a/c.json", "notes.txt"):
    ...     (root / name).parent.mkdir(exist_ok=True)
    ...     _ = (root / name).write_text("{}")
    >>> files, notes = plan_files(root)
    >>> [pathlib.Path(f).relative_to(root).as_posix() for f in files]
    ['a/c.json', 'b.yaml']
    >>> [note.message for note in notes]
    ['passed over: not a plan file (.yaml, .yml or .json)']
    """
    files: list[str] = []
    notes: list[Problem] = []
    seen: set[str] = set()
    stack = [os.fspath(folder)]
    while stack:
        current = stack.pop()
        real = os.path.realpath(current)
        if real in seen:
            notes.append(
                Problem(
                    current,
                    None,
                    None,
                    f"{PASSED_OVER}: a link back to a folder already read (a loop)",
                )
            )
            continue
        seen.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError as error:
            notes.append(Problem(current, None, None, f"{PASSED_OVER}: {error.strerror or error}"))
            continue
        below: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as error:  # a link in a loop: ELOOP
                notes.append(
                    Problem(entry.path, None, None, f"{PASSED_OVER}: {error.strerror or error}")
                )
                continue
            # As Path writes it (no leading ./), as a used plan's path is written.
            path = os.fspath(Path(entry.path))
            if is_dir:
                below.append(path)
            elif entry.name.lower().endswith(PLAN_SUFFIXES):
                files.append(path)
            else:
                message = f"{PASSED_OVER}: not a plan file (.yaml, .yml or .json)"
                notes.append(Problem(entry.path, None, None, message))
        stack.extend(reversed(below))
    return sorted(files), notes


def load_portfolio(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    strict: bool = False,
    title: str | None = None,
) -> Model:
    r"""Load many plans into one model: every node's id qualified by its plan, ``PLAN:id``.

    Each plan's id is its header's ``id``, or its file's name made id-safe; the plans each one
    ``uses`` are loaded too, once however many use them. All the plans given (or found in
    the folder) are at home: analyses report on them all; a plan only used by them, outside
    what was given, is context (``model.plans[id].home`` is False).

    Args:
        paths: a folder (every plan file in it and in the folders in it), a file, or several
            files and folders.
        strict: raise :class:`ModelError` when any plan cannot be loaded, rather than leave
            it out.
        title: the portfolio's title; by default the folder's name, or "Portfölj"
            ("Portfolio") in the first plan's language.

    Returns:
        The model. ``model.warnings`` lists, located, each problem of a plan left out (and
        of the plans that use it, left out too) and each file passed over: a file of
        another type, or a ``.yaml``/``.json`` file that is no plan (no ``insatslogik:``).

    Raises:
        ModelError: when no plan could be loaded, or with `strict`, listing every problem.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp(), "planer")
    >>> folder.mkdir()
    >>> _ = (folder / "rus.yaml").write_text(
    ...     "insatslogik: 1\ntitle: RUS\nnodes:\n  - {id: mal, kind: goal, title: Mål}\n")
    >>> _ = (folder / "proj.yaml").write_text(
    ...     "insatslogik: 1\ntitle: Projekt\nuses: {rus: rus.yaml}\nnodes:\n"
    ...     "  - {id: akt, kind: activity, title: Gör, contributes_to: [rus:mal]}\n")
    >>> model = load_portfolio(folder)
    >>> model.title, sorted(node.id for node in model)
    ('planer', ['proj:akt', 'rus:mal'])
    >>> model.plan_of("proj:akt"), model.location("proj:akt").line
    ('proj', 5)
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files: list[str] = []
    notes: list[Problem] = []
    from_folder: set[str] = set()
    for path in given:
        name = os.fspath(path)
        if Path(name).is_dir():
            found, passed = plan_files(name)
            files.extend(found)
            notes.extend(passed)
            from_folder.update(found)
        else:
            files.append(name)
    reader = PlanReader(home=files)
    problems: list[Problem] = []
    with collector_paused():
        reader.discover(files)
        for name in files:
            result = reader.read(name, skip_non_plans=name in from_folder)
            if result is None:
                notes.append(Problem(name, 1, 1, f"{PASSED_OVER}: {reader.skipped[name]}"))
        failed = reader.problems()
        for problem in failed:
            if problem not in problems:
                problems.append(problem)
        parts = loaded_plans(reader)
        if (strict and problems) or not parts:
            if not problems:
                problems = notes or [Problem(None, None, None, "no plan files were given")]
            raise ModelError(problems)
        if title is None:
            single = len(given) == 1 and Path(given[0]).is_dir()
            title = (
                Path(given[0]).resolve().name
                if single
                else word("portfolio.title", resolve_lang(None, parts[0][1].language))
            )
        header, _ = validate_header(
            {"insatslogik": 1, "title": title, "language": parts[0][1].language}
        )
        source = os.fspath(given[0]) if len(given) == 1 else None
        model = Model.combined(parts, plain=None, header=header, source=source)
    model.warnings = (*problems, *notes)
    return model


def refuse_plans(model: Model, written: str) -> None:
    """Refuse to write a portfolio to a format that holds one plan.

    Node-link data, IATI files and workbooks read back hold one plan's nodes and links. A
    plan loaded with the plans it uses (:func:`insatslogik.load`) is written as its own plan,
    as :func:`insatslogik.save` writes it; a portfolio has no plan of its own, and its
    qualified ids would be written as ids no reader takes back.

    Args:
        model: the model to write.
        written: the format's name, for the message.

    Raises:
        UsageError: when the model is a portfolio (:attr:`Model.is_portfolio`), even of one
            plan.

    >>> import insatslogik as il
    >>> refuse_plans(il.Model([], title="T"), "node-link data")
    """
    if model.is_portfolio:
        plans = model.plans
        count = f"{len(plans)} plan" + ("" if len(plans) == 1 else "s")
        raise UsageError(
            f"{written} holds one plan, but the model is a portfolio of {count} "
            f"({', '.join(sorted(plans))}): a portfolio has no plan of its own; load each plan "
            "with insatslogik.load and write it on its own, its links to the plans it uses "
            "kept as references"
        )


def refuse_qualified_ids(ids: Sequence[object], *, held_in: str, name: str | None = None) -> None:
    """Refuse data of one plan whose node ids are qualified by plan (``PLAN:id``).

    :func:`insatslogik.to_networkx` keeps the whole model, the nodes of the plans a plan uses
    and every node of a portfolio with their qualified ids; such a graph (or networkx's
    node-link data of it) cannot be read back as one plan, whose ids hold no ``:``. Rather
    than a problem for each such id, one problem says what the data is and what to do.

    Args:
        ids: the data's node ids, in its order (anything that is not text is passed over).
        held_in: what holds them, for the message ("the graph", "node-link data").
        name: what error messages call the data, e.g. its file name.

    Raises:
        ModelError: one problem, at the first qualified id, when any id is qualified.

    >>> refuse_qualified_ids(["akt", "mal"], held_in="the graph")
    >>> try:
    ...     refuse_qualified_ids(["akt", "rus:mal"], held_in="the graph")
    ... except ModelError as error:
    ...     print(error.problems[0].message[:72])
    nodes[1].id: the graph holds 1 node of another plan, its id qualified by
    """
    held = [
        (index, node_id)
        for index, node_id in enumerate(ids)
        if isinstance(node_id, str) and SEPARATOR in node_id
    ]
    if not held:
        return
    plans = sorted({str(split_reference(node_id)[0]) for _, node_id in held})
    first, example = held[0]
    nodes = "1 node of another plan, its id" if len(held) == 1 else f"{len(held)} nodes of other "
    if len(held) > 1:
        nodes += "plans, their ids"
    message = (
        f"nodes[{first}].id: {held_in} holds {nodes} qualified by plan ({example!r}, of the "
        f"plan{'s' if len(plans) > 1 else ''} {', '.join(plans)}): it is the whole of a plan "
        "with the plans it uses, or of a portfolio, as insatslogik.to_networkx gives it, and "
        "is read back as one plan, whose ids hold no ':'; load the plan files instead, with "
        "insatslogik.load (a plan and the plans it uses) or insatslogik.load_portfolio"
    )
    raise ModelError([Problem(name, None, None, message)])


def passed_over(model: Model) -> list[Problem]:
    """The notes of a portfolio's ``warnings`` about files passed over (not plans, or a loop).

    Args:
        model: a model from :func:`load_portfolio`.

    Returns:
        Those warnings, in order; :func:`plan_problems` gives the others.

    >>> import insatslogik as il
    >>> passed_over(il.Model([], title="T"))
    []
    """
    return [w for w in model.warnings if w.message.startswith(PASSED_OVER)]


def plan_problems(model: Model) -> list[Problem]:
    """The problems of the plans a portfolio left out, from its ``warnings``.

    Args:
        model: a model from :func:`load_portfolio`.

    Returns:
        Those warnings, in order: each located in the file that holds it.

    >>> import insatslogik as il
    >>> plan_problems(il.Model([], title="T"))
    []
    """
    return [w for w in model.warnings if not w.message.startswith(PASSED_OVER)]
