"""Plan files that use other plan files: follow ``uses``, load each plan once, combine them.

A plan's header may name other plans, ``uses: {rus: ../rus.yaml}``, each path relative to the
file. :class:`PlanReader` reads a plan and, before it, every plan it uses (transitively),
each file once however many plans use it; it checks a plan's links ``ALIAS:id`` against the
plans it uses, and reports every problem in the file that wrote it: a cycle of uses, a used
file that is missing, an alias that is not used, an id a used plan does not have, an alias
that shadows a plan's id, two plans with the same id.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from insatslogik.errors import ModelError, Problem, UsageError
from insatslogik.formats.files import read_input, read_regular
from insatslogik.formats.native._loading import (
    _EMPTY,
    NO_VERSION,
    _LoadError,
    _Parsed,
    assembled,
    format_of,
    located,
    parsed,
)
from insatslogik.model.model import Model, PlanInfo, collector_paused
from insatslogik.model.plans import plan_id_of, uses_folder

__all__ = ["At", "Build", "PlanReader", "built_with_uses", "load_with_uses", "loaded_plans"]

#: The problem at a path of a plan's header, located in its medium (file line, cell, …).
At = Callable[[tuple[str | int, ...], str], Problem]
#: A plan's model from the used plans' ids and kinds by alias, their names for messages and
#: the aliases that could not be read; raises ModelError with the plan's problems.
Build = Callable[[Mapping[str, Mapping[str, str]], Mapping[str, str], list[str]], Model]

_ID: Final = re.compile(r"[A-Za-z0-9_.-]+")
#: The deepest chain of plans using plans: far past any real steering chain (RUS → program →
#: project is three), short of Python's recursion limit.
MAX_USES_DEPTH: Final = 100
#: The suffixes of plan files, the only files a plan's `uses` may name.
PLAN_FILES: Final = frozenset({".yaml", ".yml", ".json"})


@dataclass
class _Failed:
    """A plan that could not be loaded: its problems, located in the files that hold them."""

    problems: list[Problem]


@dataclass
class _Loaded:
    info: PlanInfo
    model: Model
    kinds: dict[str, str]
    #: Every plan this one needs, itself first, then those it uses (transitively), each once.
    closure: list[str] = field(default_factory=list)


def _uses_of(raw: Mapping[str, Any]) -> dict[str, str]:
    # Only well-formed entries are followed; the header's validation reports the others.
    uses = raw.get("uses")
    if not isinstance(uses, dict):
        return {}
    return {
        alias: path
        for alias, path in uses.items()
        if isinstance(alias, str) and _ID.fullmatch(alias) and isinstance(path, str) and path
    }


def _plan_id(raw: Mapping[str, Any], name: str) -> str:
    written = raw.get("id")
    if isinstance(written, str) and _ID.fullmatch(written):
        return written
    return plan_id_of(name)


class PlanReader:
    """Reads plan files and the plans they use, each once; remembers what it read.

    Args:
        home: the files of the plans analyses report on; the others read are context.
    """

    def __init__(self, home: Iterable[str] | None = None) -> None:
        # Each file's real path, asked once: a folder's projects all name the same used plans.
        self._real: dict[str, str] = {}
        self._home = None if home is None else {self.real_path(name) for name in home}
        self._done: dict[str, _Loaded | _Failed] = {}
        self._by_id: dict[str, tuple[str, str]] = {}  # plan id → (real path, name)
        self._stack: list[str] = []
        # Files parsed ahead by `discover`, and the ids of every plan found there, so that
        # whether an alias shadows a plan's id does not depend on the order plans are read.
        self._parsed: dict[str, _Parsed] = {}
        self._found_ids: dict[str, tuple[str, str]] = {}
        # The real paths other plans' `uses` name: of two files with one plan id, the one used
        # is the plan, the other (an old copy, say) the one refused, whichever is read first.
        self._used: set[str] = set()
        #: Why each file given with `skip_non_plans` was passed over, by its name.
        self.skipped: dict[str, str] = {}

    def real_path(self, name: str) -> str:
        """The file's real path (links resolved), as the reader keys the plans it read."""
        real = self._real.get(name)
        if real is None:
            real = self._real[name] = os.path.realpath(name)
        return real

    def discover(
        self, names: Iterable[str], *, given: tuple[str, Mapping[str, Any]] | None = None
    ) -> None:
        """Parse the files and those their ``uses`` name, transitively, and note their plans' ids.

        Args:
            names: the files.
            given: a plan already read, its file and header, whose uses are followed too.

        A file that cannot be parsed is left for :meth:`read` to report.
        """
        # Breadth first, the files given first: each is parsed under the name it was given,
        # not under a path another plan's `uses` reaches it by (`projects/../program.yaml`).
        queue = deque(names)
        found: list[tuple[str, str, str]] = []  # (plan id, real path, name) as parsed
        if given is not None:
            name, raw = given
            found.append((_plan_id(raw, name), self.real_path(name), name))
            queue.extend(self._used_files(name, raw))
        while queue:
            name = queue.popleft()
            key = self.real_path(name)
            if key in self._parsed or key in self._done:
                continue
            try:
                plan = _parse_file(name)
            except (_LoadError, ModelError, OSError, UsageError):
                continue
            self._parsed[key] = plan
            found.append((_plan_id(plan.raw, name), key, name))
            queue.extend(self._used_files(name, plan.raw))
        # Sorted by path, a used file first: which file holds a plan id does not depend on the
        # order they were found in.
        for plan_id, key, name in sorted(found, key=lambda f: (f[1] not in self._used, f[1])):
            self._found_ids.setdefault(plan_id, (key, name))

    def _used_files(self, name: str, raw: Mapping[str, Any]) -> list[str]:
        """The files a plan's header uses, each noted as used."""
        folder = uses_folder(name)
        files = [os.fspath(folder / path) for path in _uses_of(raw).values()]
        self._used.update(self.real_path(file) for file in files)
        return files

    def plans(self) -> dict[str, _Loaded | _Failed]:
        """What was read, by real path, in the order it was finished."""
        return self._done

    def read(
        self, name: str, parsed_plan: _Parsed | None = None, *, skip_non_plans: bool = False
    ) -> _Loaded | _Failed | None:
        """The plan in file `name` (already parsed, if given) and the plans it uses, each loaded once.

        Args:
            name: the file.
            parsed_plan: the file already parsed.
            skip_non_plans: give None for a file that is no plan (no ``insatslogik:``).

        Returns:
            The plan loaded, or why not: every problem, in the files that hold them; None
            for a file skipped.
        """
        key = self.real_path(name)
        done = self._done.get(key)
        if done is not None:
            return done
        try:
            plan = parsed_plan or self._parsed.pop(key, None) or _parse_file(name)
        except _LoadError as failed:
            reason = _no_plan(failed.problems)
            if skip_non_plans and reason is not None:
                self.skipped[name] = reason
                return None
            return self._finish(key, _Failed(list(failed.problems)))
        except ModelError as error:
            return self._finish(key, _Failed(list(error.problems)))
        except OSError as error:
            return self._finish(key, _Failed([Problem(name, None, None, _os_words(error))]))
        except UsageError as error:  # a file of another type given where a plan belongs
            words = str(error).removeprefix(f"{name}: ")
            return self._finish(key, _Failed([Problem(name, None, None, words)]))
        self._stack.append(key)
        try:
            return self._finish(key, self._load(key, plan))
        finally:
            self._stack.pop()

    def _finish(self, key: str, result: _Loaded | _Failed) -> _Loaded | _Failed:
        self._done[key] = result
        return result

    def read_built(
        self, name: str, raw: Mapping[str, Any], at: At, build: Build
    ) -> _Loaded | _Failed:
        """A plan read from another format (node-link data, a workbook), and the plans it uses.

        Args:
            name: the plan's file; its ``uses`` are relative to its folder.
            raw: the plan's header as read (its ``id`` and ``uses`` are what is looked at).
            at: the problem at a path of the header (``("uses", "rus")``), located in its medium.
            build: the plan's model, given the used plans' ids and kinds by alias, their
                names for messages and the aliases that could not be read; it raises
                ModelError with the plan's problems.

        Returns:
            The plan loaded, or why not.
        """
        key = self.real_path(name)
        self._stack.append(key)
        try:
            return self._finish(key, self._plan(key, name, raw, at, build))
        finally:
            self._stack.pop()

    def _load(self, key: str, plan: _Parsed) -> _Loaded | _Failed:
        def at(path: tuple[str | int, ...], message: str) -> Problem:
            return located(plan, path, message)

        def build(
            used: Mapping[str, Mapping[str, str]], names: Mapping[str, str], unread: list[str]
        ) -> Model:
            try:
                return assembled(plan, used=used, used_names=names, unread=unread)
            except _LoadError as failed:
                raise ModelError(failed.problems) from None

        return self._plan(key, plan.name, plan.raw, at, build)

    def _plan(
        self, key: str, name: str, raw: Mapping[str, Any], at: At, build: Build
    ) -> _Loaded | _Failed:
        problems: list[Problem] = []
        plan_id = _plan_id(raw, name)
        other = self._by_id.get(plan_id)
        owner = self._found_ids.get(plan_id)
        if owner is not None and owner[0] != key:
            other = owner  # the file that holds this id, read yet or not
        if other is not None and other[0] != key:
            problems.append(
                at(
                    ("id",) if "id" in raw else (),
                    f"two plans have the id {plan_id!r}: this one and {other[1]}; give one of "
                    "them another `id:`",
                )
            )
        else:
            self._by_id[plan_id] = (key, name)
        used: dict[str, dict[str, str]] = {}
        names: dict[str, str] = {}
        aliases: dict[str, str] = {}
        closure = [plan_id]
        unread: list[str] = []
        folder = uses_folder(name)
        for alias, path in _uses_of(raw).items():
            child = self._use(plan_id, alias, path, folder, at)
            if isinstance(child, list):
                problems.extend(p for p in child if p not in problems)
                unread.append(alias)
                continue
            twin = next((other for other, named in aliases.items() if named == child.info.id), None)
            if twin is not None:
                # Both aliases would give each link into that plan twice over, under two names.
                message = (
                    f"the aliases {twin!r} and {alias!r} both name the plan {child.info.id!r} "
                    f"({path}): keep one of them and write every link into that plan with it"
                )
                problems.append(at(("uses", alias), message))
                unread.append(alias)  # its links are not reported again
                continue
            used[alias] = child.kinds
            names[alias] = f"{alias} ({path})"
            aliases[alias] = child.info.id
            closure.extend(step for step in child.closure if step not in closure)
        try:
            model = build(used, names, unread)
        except ModelError as error:
            return _Failed([*problems, *error.problems])
        if problems:
            return _Failed(problems)
        home = self._home is None or key in self._home
        info = PlanInfo(plan_id, model.title, name, aliases, home=home)
        kinds: dict[str, str] = {node.id: str(node.kind) for node in model}
        return _Loaded(info, model, kinds, closure)

    def _use(
        self, plan_id: str, alias: str, path: str, folder: Path, at: At
    ) -> _Loaded | list[Problem]:
        """The plan that a plan uses as `alias`, read if need be; or the problems of the use."""
        target = os.fspath(folder / path)

        def at_use(message: str) -> list[Problem]:
            return [at(("uses", alias), message)]

        if alias == plan_id:
            return at_use(
                f"the alias {alias!r} is this plan's own id: `{alias}:id` would name "
                "both; choose another alias"
            )
        child_key = self.real_path(target)
        if child_key in self._stack:
            chain = [*self._stack[self._stack.index(child_key) :], child_key]
            return at_use(f"uses forms a cycle: {' → '.join(Path(step).name for step in chain)}")
        if len(self._stack) > MAX_USES_DEPTH:
            return at_use(f"plans use plans more than {MAX_USES_DEPTH} levels deep")
        if not os.path.lexists(target):
            return at_use(f"uses {alias}: {path!r}, which does not exist ({target})")
        if Path(target).is_dir():
            return at_use(f"uses {alias}: {path!r}, which is a folder, not a plan file")
        node_link = target.lower().endswith(".nodelink.json")
        if node_link or Path(target).suffix.lower() not in PLAN_FILES:
            # Node-link data, a workbook or an IATI file holds a plan, but not as a plan
            # file: a used plan is read by the loader of plan files.
            other = Path(target).suffix or "no suffix"
            what = "node-link data" if node_link else f"a file of another type ({other})"
            return at_use(_not_a_plan_file(alias, path, what))
        child = self.read(target)
        reason = None if child is None or isinstance(child, _Loaded) else _no_plan(child.problems)
        if reason is not None:
            return at_use(_not_a_plan_file(alias, path, f"no plan ({reason})"))
        if not isinstance(child, _Loaded):
            problems = at_use(
                f"uses {alias}: {path!r}, which could not be loaded (its problems are listed)"
            )
            return [*problems, *(child.problems if child is not None else ())]
        shadowed = self._by_id.get(alias) or self._found_ids.get(alias)
        if alias != child.info.id and shadowed is not None:
            return at_use(
                f"the alias {alias!r} names the plan {child.info.id!r} ({path}), but "
                f"{alias!r} is the id of another plan ({shadowed[1]}): use the alias "
                f"{child.info.id!r} or another that is no plan's id"
            )
        return child

    def problems(self) -> list[Problem]:
        """The problems of every plan that could not be loaded, each once, in the order read."""
        found: dict[Problem, None] = {}
        for result in self._done.values():
            if isinstance(result, _Failed):
                found.update(dict.fromkeys(result.problems))
        return list(found)

    def loaded(self, plan_id: str) -> _Loaded:
        """The plan loaded with this id."""
        result = self._done[self._by_id[plan_id][0]]
        if not isinstance(result, _Loaded):  # not reached: a closure holds loaded plans only
            raise KeyError(plan_id)
        return result


def loaded_plans(reader: PlanReader) -> list[tuple[PlanInfo, Model]]:
    """Every plan the reader loaded, each with its model, in the order they were finished."""
    return [
        (result.info, result.model)
        for result in reader.plans().values()
        if isinstance(result, _Loaded)
    ]


def _not_a_plan_file(alias: str, path: str, what: str) -> str:
    return (
        f"uses {alias}: {path!r}, which is {what}: a used plan must be a YAML or JSON plan "
        "file (.yaml, .yml or .json, starting `insatslogik: 1`); convert the plan into one "
        "with `insatslogik convert`"
    )


def _no_plan(problems: tuple[Problem, ...] | list[Problem]) -> str | None:
    # A YAML or JSON file that is not a plan: empty, a mapping without `insatslogik:`, or no
    # mapping. Why, in words for the note that passes it over; None for a plan with problems.
    if len(problems) != 1:
        return None
    message = problems[0].message
    if message == _EMPTY:
        return "the file is empty"
    if message.startswith((NO_VERSION, "the file must be a mapping")):
        return f"{NO_VERSION}, so it is no plan"
    return None


def _parse_file(name: str) -> _Parsed:
    fmt = format_of(name)
    return parsed(read_input(name), name, fmt, lambda: read_regular(name))


def _os_words(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"the file could not be read: {reason}"


def load_with_uses(plan: _Parsed) -> Model:
    """The model of a parsed plan with the plans it uses: its ids plain, theirs qualified.

    Raises:
        ModelError: with every problem of the plan and of the plans it uses.
    """
    return _combined(plan.name, plan.raw, lambda reader: reader.read(plan.name, plan))


def built_with_uses(name: str, raw: Mapping[str, Any], at: At, build: Build) -> Model:
    """The model of a plan read from another format whose header ``uses`` plans, with them.

    What :func:`insatslogik.load` does for a YAML or JSON plan, for node-link data and
    workbooks: the used plans are loaded (relative to the folder of `name`), the plan's links
    ``ALIAS:id`` checked against them, and the plans combined, the plan's ids plain.

    Args:
        name: the plan's file; its ``uses`` are relative to its folder.
        raw: the plan's header as read.
        at: the problem at a path of the header, located in the plan's medium.
        build: the plan's model, as :meth:`PlanReader.read_built` takes it.

    Returns:
        The model, with the plan's `warnings` (a lenient read's).

    Raises:
        ModelError: with every problem of the plan and of the plans it uses.

    >>> from insatslogik.model.assembly import assemble
    >>> def build(used, names, unread):  # a reader's own assembly, given the used plans
    ...     return assemble({"title": "T"}, [{"id": "mal", "kind": "goal", "title": "Mål"}],
    ...                     used=used, used_names=names, unread=unread)
    >>> built_with_uses("plan.xlsx", {"title": "T"}, lambda path, message: Problem(
    ...     "plan.xlsx", None, None, message), build)
    <Model 'T': 1 nodes, 0 links>
    """
    return _combined(name, raw, lambda reader: reader.read_built(name, raw, at, build))


def _combined(
    name: str, raw: Mapping[str, Any], read: Callable[[PlanReader], _Loaded | _Failed | None]
) -> Model:
    reader = PlanReader(home=[name])
    with collector_paused():
        # Every plan it uses is parsed first, so that an alias is checked against them all.
        reader.discover((), given=(name, raw))
        result = read(reader)
        if not isinstance(result, _Loaded):
            raise ModelError(result.problems if result is not None else ())
        parts = [(step.info, step.model) for step in map(reader.loaded, result.closure)]
        model = Model.combined(parts, plain=result.info.id)
        model.warnings = result.model.warnings
        return model
