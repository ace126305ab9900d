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
from collections.abc import Iterable
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
from insatslogik.model.plans import plan_id_of

__all__ = ["PlanReader", "load_with_uses", "loaded_plans"]

_ID: Final = re.compile(r"[A-Za-z0-9_.-]+")
#: The deepest chain of plans using plans: far past any real steering chain (RUS → program →
#: project is three), short of Python's recursion limit.
MAX_USES_DEPTH: Final = 100


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


def _uses_of(raw: dict[str, Any]) -> dict[str, str]:
    # Only well-formed entries are followed; the header's validation reports the others.
    uses = raw.get("uses")
    if not isinstance(uses, dict):
        return {}
    return {
        alias: path
        for alias, path in uses.items()
        if isinstance(alias, str) and _ID.fullmatch(alias) and isinstance(path, str) and path
    }


def _plan_id(plan: _Parsed) -> str:
    written = plan.raw.get("id")
    if isinstance(written, str) and _ID.fullmatch(written):
        return written
    return plan_id_of(plan.name)


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
        #: Why each file given with `skip_non_plans` was passed over, by its name.
        self.skipped: dict[str, str] = {}

    def real_path(self, name: str) -> str:
        """The file's real path (links resolved), as the reader keys the plans it read."""
        real = self._real.get(name)
        if real is None:
            real = self._real[name] = os.path.realpath(name)
        return real

    def discover(self, names: Iterable[str], *, given: _Parsed | None = None) -> None:
        """Parse the files and those their ``uses`` name, transitively, and note their plans' ids.

        Args:
            names: the files.
            given: a plan already parsed, whose uses are followed too.

        A file that cannot be parsed is left for :meth:`read` to report.
        """
        stack = list(names)
        if given is not None:
            self._found_ids.setdefault(_plan_id(given), (self.real_path(given.name), given.name))
            folder = Path(given.name).parent
            stack.extend(os.fspath(folder / path) for path in _uses_of(given.raw).values())
        while stack:
            name = stack.pop()
            key = self.real_path(name)
            if key in self._parsed or key in self._done:
                continue
            try:
                plan = _parse_file(name)
            except (_LoadError, ModelError, OSError, UsageError):
                continue
            self._parsed[key] = plan
            self._found_ids.setdefault(_plan_id(plan), (key, name))
            folder = Path(name).parent
            stack.extend(os.fspath(folder / path) for path in _uses_of(plan.raw).values())

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
        except UsageError as error:  # a folder, or a file of another type, where a plan belongs
            words = (
                "a folder, not a plan file (.yaml, .yml or .json)"
                if Path(name).is_dir()
                else str(error).removeprefix(f"{name}: ")
            )
            return self._finish(key, _Failed([Problem(name, None, None, words)]))
        self._stack.append(key)
        try:
            return self._finish(key, self._load(key, plan))
        finally:
            self._stack.pop()

    def _finish(self, key: str, result: _Loaded | _Failed) -> _Loaded | _Failed:
        self._done[key] = result
        return result

    def _load(self, key: str, plan: _Parsed) -> _Loaded | _Failed:
        problems: list[Problem] = []
        plan_id = _plan_id(plan)
        other = self._by_id.get(plan_id)
        if other is not None and other[0] != key:
            at = ("id",) if "id" in plan.raw else ()
            problems.append(
                located(
                    plan,
                    at,
                    f"two plans have the id {plan_id!r}: this one and {other[1]}; give one of "
                    "them another `id:`",
                )
            )
        else:
            self._by_id[plan_id] = (key, plan.name)
        used: dict[str, dict[str, str]] = {}
        names: dict[str, str] = {}
        aliases: dict[str, str] = {}
        closure = [plan_id]
        unread: list[str] = []
        folder = Path(plan.name).parent
        for alias, path in _uses_of(plan.raw).items():
            child = self._use(plan, plan_id, alias, path, folder)
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
                problems.append(located(plan, ("uses", alias), message))
                unread.append(alias)  # its links are not reported again
                continue
            used[alias] = child.kinds
            names[alias] = f"{alias} ({path})"
            aliases[alias] = child.info.id
            closure.extend(step for step in child.closure if step not in closure)
        try:
            model = assembled(plan, used=used, used_names=names, unread=unread)
        except _LoadError as failed:
            return _Failed([*problems, *failed.problems])
        if problems:
            return _Failed(problems)
        home = self._home is None or key in self._home
        info = PlanInfo(plan_id, model.title, plan.name, aliases, home=home)
        kinds: dict[str, str] = {node.id: str(node.kind) for node in model}
        return _Loaded(info, model, kinds, closure)

    def _use(
        self, plan: _Parsed, plan_id: str, alias: str, path: str, folder: Path
    ) -> _Loaded | list[Problem]:
        """The plan that `plan` uses as `alias`, read if need be; or the problems of the use."""
        target = os.fspath(folder / path)

        def at_use(message: str) -> list[Problem]:
            return [located(plan, ("uses", alias), message)]

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
        child = self.read(target)
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


def _no_plan(problems: tuple[Problem, ...]) -> str | None:
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
    reader = PlanReader(home=[plan.name])
    with collector_paused():
        reader.discover((), given=plan)
        result = reader.read(plan.name, plan)
        if not isinstance(result, _Loaded):
            raise ModelError(result.problems if result is not None else ())
        parts = [(step.info, step.model) for step in map(reader.loaded, result.closure)]
        return Model.combined(parts, plain=result.info.id)
