"""The scale benchmark: every step at several portfolio sizes, against a floor and a naive peer.

Each step runs in a fresh Python process, so its peak memory (``ru_maxrss``) is its own and
not a leftover of an earlier step; steps that need a model load it first, untimed (its memory
is part of the step's peak, as it is for a user). In the same run, at each scale:

* the **floor**: parse the same JSON with the standard library and build a networkx
  `MultiDiGraph` of its nodes and links, the least any loader of the format must do;
* the **naive peer**: the floor, then orphan activities and goal coverage with one
  ``nx.ancestors`` call per goal (stopped after ``--naive-limit`` seconds, and then not run
  at larger scales).

It prints a table (seconds, ratio to the floor, microseconds per node, peak MB) and writes it,
with the machine it ran on and the targets met or missed, as JSON::

    .venv/bin/python -m benchmarks.run --scales 10000 100000 1000000 --out benchmarks/results.json

The **folder** run measures a portfolio of plan files instead: 21 RUS files and ``--folder``
project files of 10 to 30 nodes each (`benchmarks.portfolio.folder`), written as JSON to a
temporary folder. ``il.load_portfolio`` of the folder with ``il.check`` and
``il.goal_coverage`` is timed against parsing the same files with the standard library's
``json`` in the same run; each in fresh processes, the fastest of ``--repeat`` runs, with the
peak memory (``ru_maxrss``) of each::

    .venv/bin/python -m benchmarks.run --folder 5000 --out benchmarks/folder-results.json
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from benchmarks.report import markdown

ROOT: Final = Path(__file__).resolve().parent.parent

#: The steps, in the order they run and are shown; YAML last, as it needs the most memory.
STEPS: Final = (
    "floor",
    "load+check+coverage",
    "naive-peer",
    "load-json",
    "check",
    "goal-coverage",
    "indicator-status",
    "dot-focus",
    "save-json",
    "load-yaml",
    "save-yaml",
)

#: What the library's steps are compared with; the growth targets are for the library's steps.
_REFERENCES: Final = frozenset({"floor", "naive-peer"})

#: Steps that start from a loaded model (loaded untimed, before the clock starts).
_NEEDS_MODEL: Final = frozenset(
    {"check", "goal-coverage", "indicator-status", "save-json", "save-yaml", "dot-focus"}
)

#: The goal whose chain `dot-focus` draws: a substrategy's first goal, the same size at every scale.
FOCUS: Final = "r00-s0-g0"

MB: Final = 1024 * 1024

#: Where the results go unless --out says otherwise (the folder run: folder-results.json).
_DEFAULT_OUT: Final = ROOT / "benchmarks" / "results.json"

#: The size of the portfolio each step first runs on, untimed.
_WARM_UP_NODES: Final = 300


# --- the child: one step, measured --------------------------------------------------------


def _peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / MB


def _floor(json_path: Path) -> Any:
    import networkx as nx

    data = json.loads(json_path.read_bytes())
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((node["id"], {"kind": node["kind"]}) for node in data["nodes"])
    edges = []
    for node in data["nodes"]:
        source = node["id"]
        for key in ("part_of",):
            if key in node:
                edges.append((source, node[key], key))
        for key in ("measured_by", "performed_by", "addresses", "influences"):
            edges.extend((source, target, key) for target in node.get(key, ()))
        for link in node.get("contributes_to", ()):
            target = link if isinstance(link, str) else link["to"]
            edges.append((source, target, "contributes_to"))
    graph.add_edges_from(edges)
    return graph


def _naive_peer(json_path: Path) -> Any:
    """Orphans and coverage as a user without the library would write them."""
    import networkx as nx

    graph = _floor(json_path)
    chain = nx.DiGraph()
    chain.add_nodes_from(graph.nodes)
    chain.add_edges_from((u, v) for u, v, key in graph.edges(keys=True) if key == "contributes_to")
    kinds = graph.nodes(data="kind")
    activities = {n for n, kind in kinds if kind == "activity"}
    coverage = {}
    leading = set()
    for goal in (n for n, kind in kinds if kind == "goal"):
        ancestors = nx.ancestors(chain, goal)
        leading |= ancestors
        coverage[goal] = sorted(activities & ancestors)
    orphans = sorted(activities - leading)
    return orphans, coverage


def _actions(
    json_path: Path, yaml_path: Path, out_dir: Path
) -> Callable[[str], Callable[[], object]]:
    import insatslogik as il

    def run(step: str) -> Callable[[], object]:
        model = _loaded(json_path) if step in _NEEDS_MODEL else None
        actions: dict[str, Callable[[], object]] = {
            "floor": lambda: _floor(json_path),
            "load-json": lambda: il.load(json_path),
            "load-yaml": lambda: il.load(yaml_path),
            "check": lambda: il.check(model),  # type: ignore[arg-type]
            "goal-coverage": lambda: il.goal_coverage(model),  # type: ignore[arg-type]
            "indicator-status": lambda: il.indicator_status(model),  # type: ignore[arg-type]
            "save-json": lambda: il.save(model, out_dir / "saved.json"),  # type: ignore[arg-type]
            "save-yaml": lambda: il.save(model, out_dir / "saved.yaml"),  # type: ignore[arg-type]
            "dot-focus": lambda: il.render_chain(model, focus=FOCUS).source,  # type: ignore[arg-type]
            "load+check+coverage": lambda: _pipeline(json_path),
            "naive-peer": lambda: _naive_peer(json_path),
        }
        return actions[step]

    return run


def _loaded(json_path: Path) -> Any:
    import insatslogik as il

    return il.load(json_path)


def _measure(step: str, json_path: Path, yaml_path: Path, out_dir: Path) -> dict[str, Any]:
    # The step first runs once on a small portfolio: what happens once per process (pydantic
    # building its validators, modules imported on first use) is not a cost per node.
    from benchmarks.portfolio import portfolio, write

    small = portfolio(_WARM_UP_NODES, seed=1)
    small_json, small_yaml = out_dir / "small.json", out_dir / "small.yaml"
    write(small, small_json)
    write(small, small_yaml)
    warm_up = _actions(small_json, small_yaml, out_dir)(step)
    start = time.perf_counter()
    warm_up()
    first_use = time.perf_counter() - start

    action = _actions(json_path, yaml_path, out_dir)(step)
    gc.collect()
    before = _peak_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": _peak_mb(),
        "setup_mb": before,
        "warm_up_seconds": first_use,
    }


def _pipeline(json_path: Path) -> object:
    import insatslogik as il

    model = il.load(json_path)
    return il.check(model), il.goal_coverage(model)


# A first load of a one-node plan: what a script pays before its first real model, the
# schema's import and validator building included, which `import insatslogik` leaves for it.
_ONE_NODE: Final = json.dumps(
    {"insatslogik": 1, "title": "Plan", "nodes": [{"id": "mal", "kind": "goal", "title": "Mål"}]}
)
_FIRST_LOAD: Final = f"import insatslogik; insatslogik.loads({_ONE_NODE!r}, format='json')"


def _seconds_of(statements: str) -> float:
    """Seconds that `statements` take in a fresh interpreter, imports included."""
    code = f"import time; s = time.perf_counter(); {statements}; print(time.perf_counter() - s)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout)


# --- the parent: data, processes, table ---------------------------------------------------


def _data(nodes: int, seed: int, data_dir: Path) -> tuple[Path, Path, int]:
    from benchmarks.portfolio import portfolio, write

    json_path = data_dir / f"portfolio-{nodes}-{seed}.json"
    yaml_path = json_path.with_suffix(".yaml")
    count_path = json_path.with_suffix(".count")
    if not (json_path.exists() and yaml_path.exists() and count_path.exists()):
        print(f"generating a portfolio of about {nodes} nodes …", file=sys.stderr, flush=True)
        document = portfolio(nodes, seed=seed)
        write(document, json_path)
        write(document, yaml_path)
        count_path.write_text(str(len(document["nodes"])))
    return json_path, yaml_path, int(count_path.read_text())


def _finished(runs: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The runs that finished: not stopped at the time limit, not failed for memory."""
    return [run for run in runs if run is not None and "error" not in run]


def _total_seconds(runs: list[dict[str, Any] | None]) -> float:
    return float(sum(run["seconds"] for run in _finished(runs)))


def _run_child(
    step: str, json_path: Path, yaml_path: Path, timeout: float | None, memory_limit_gb: float
) -> dict[str, Any] | None:
    with tempfile.TemporaryDirectory() as out_dir:
        command = [sys.executable, "-m", "benchmarks.run", "--child", step, str(json_path)]
        command += [str(yaml_path), out_dir, "--memory-limit-gb", str(memory_limit_gb)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, cwd=ROOT, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return None
    if done.returncode != 0:
        raise RuntimeError(f"step {step} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def _machine() -> dict[str, Any]:
    import networkx
    import pydantic
    import yaml

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "system": platform.platform(),
        "python": platform.python_version(),
        "networkx": networkx.__version__,
        "pydantic": pydantic.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": bool(yaml.__with_libyaml__),
    }


def _targets(rows: list[dict[str, Any]], imports: dict[str, float] | None) -> list[dict[str, Any]]:
    by = {(row["scale"], row["step"]): row for row in rows if row["seconds"] is not None}
    scales = sorted({row["scale"] for row in rows})
    found = []

    def target(name: str, value: float | None, limit: float, unit: str) -> None:
        met = value is not None and value <= limit
        found.append({"target": name, "value": value, "limit": limit, "unit": unit, "met": met})

    for scale, limit_mb in ((100_000, 1536), (1_000_000, 8192)):
        row = by.get((scale, "load+check+coverage"))
        if row is None:
            continue
        target(f"{scale:,} nodes: load+check+coverage / floor", row["ratio"], 3.0, "×")
        target(f"{scale:,} nodes: load+check+coverage peak", row["peak_mb"], limit_mb, "MB")
    row = by.get((100_000, "load-yaml"))
    if row is not None:
        target("100,000 nodes: load YAML", row["seconds"], 15.0, "s")
    if len(scales) > 1:
        low, high = scales[0], scales[-1]
        for step in STEPS:
            # The floor and the naive peer are references, not steps of the library.
            if step in _REFERENCES or (low, step) not in by or (high, step) not in by:
                continue
            growth = by[(high, step)]["us_per_node"] / by[(low, step)]["us_per_node"]
            target(f"{step}: time per node at {high:,} / at {low:,}", growth, 1.5, "×")
    if imports is not None:
        target("import insatslogik / import networkx, pydantic", imports["ratio"], 1.5, "×")
    return found


def _imports(repeat: int) -> dict[str, float]:
    # Installed packages (networkx, pydantic) are imported from compiled bytecode; so must the
    # library be, even where PYTHONDONTWRITEBYTECODE kept the import system from writing it.
    compileall.compile_dir(ROOT / "src" / "insatslogik", quiet=1)
    library, peers, first_loads = [], [], []
    for _ in range(repeat):
        # Alternate, so that a busy moment on a shared machine hits all alike.
        peers.append(_seconds_of("import networkx, pydantic"))
        library.append(_seconds_of("import insatslogik"))
        first_loads.append(_seconds_of(_FIRST_LOAD))
    peer = statistics.median(peers)
    return {
        "insatslogik": statistics.median(library),
        "networkx_pydantic": peer,
        "ratio": statistics.median(library) / peer,
        "first_load": statistics.median(first_loads),
        "first_load_ratio": statistics.median(first_loads) / peer,
    }


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--steps", nargs="+", default=list(STEPS), choices=STEPS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--repeat", type=int, default=3, help="least runs per step below 500k nodes"
    )
    parser.add_argument(
        "--min-seconds",
        type=float,
        default=2.0,
        help="below 500k nodes, run a step again "
        "until its runs add up to this many seconds, up to --max-repeat runs",
    )
    parser.add_argument("--max-repeat", type=int, default=9)
    parser.add_argument(
        "--repeat-large", type=int, default=2, help="runs per step at 500k nodes and more"
    )
    parser.add_argument("--naive-limit", type=float, default=600.0, help="seconds")
    parser.add_argument(
        "--data", type=Path, default=Path(tempfile.gettempdir()) / "insatslogik-bench"
    )
    parser.add_argument("--out", type=Path, default=_DEFAULT_OUT)
    parser.add_argument(
        "--folder",
        type=int,
        metavar="PROJECTS",
        help="instead of the scales, a folder of 21 RUS files and this many project files",
    )
    parser.add_argument("--folder-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--memory-limit-gb", type=float, default=14.0, help="per step")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _child(args: argparse.Namespace) -> None:
    step, json_path, yaml_path, out_dir = args.child
    # A cap on the address space: a step that needs more fails alone with MemoryError
    # instead of pushing a shared machine into swap or its OOM killer.
    limit = int(args.memory_limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        found = _measure(step, Path(json_path), Path(yaml_path), Path(out_dir))
    except MemoryError:
        found = {"error": f"over {args.memory_limit_gb:g} GB"}
    print(json.dumps(found))


def _wants_another_run(args: argparse.Namespace, scale: int, runs: list[Any]) -> bool:
    # The fastest of several runs at every scale: a growth figure that set one run at 1M
    # nodes against the fastest of three at 10k would count a busy minute as growth. A step of
    # a few hundredths of a second runs more often (as timeit's autorange does), since a
    # shared machine's hiccups are large against it.
    if runs and (runs[-1] is None or "error" in runs[-1]):
        return False
    if scale >= 500_000:
        return len(runs) < int(args.repeat_large)
    if len(runs) < args.repeat:
        return True
    return len(runs) < int(args.max_repeat) and _total_seconds(runs) < float(args.min_seconds)


def _scale_rows(
    args: argparse.Namespace,
    scale: int,
    steps: list[str],
    paths: tuple[Path, Path, int],
    *,
    done: list[dict[str, Any]],
    skip: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Run every step at one scale in rounds, each run in a fresh process; the fastest is the row.

    A round runs each step that wants another run once, in order, so the runs of one step lie
    minutes apart at a million nodes and a slow spell of the machine meets one of them, not all.
    The rows so far are written after every round, so a run stopped part-way keeps them. The
    steps in `skip` are not run (the naive peer once it was too slow at a smaller scale).
    """
    json_path, yaml_path, _ = paths
    runs: dict[str, list[dict[str, Any] | None]] = {step: [] for step in steps}
    wants = [step for step in steps if step not in skip]
    while waiting := [step for step in wants if _wants_another_run(args, scale, runs[step])]:
        for step in waiting:
            timeout = args.naive_limit if step == "naive-peer" else None
            run = _run_child(step, json_path, yaml_path, timeout, args.memory_limit_gb)
            runs[step].append(run)
            print(_run_line(paths[2], step, run), file=sys.stderr, flush=True)
        _write(args.out, done + _rows_of(args, scale, paths, runs), None)
    return _rows_of(args, scale, paths, runs)


def _rows_of(
    args: argparse.Namespace,
    scale: int,
    paths: tuple[Path, Path, int],
    runs: dict[str, list[dict[str, Any] | None]],
) -> list[dict[str, Any]]:
    nodes = paths[2]
    rows = []
    fastest = {step: _fastest(its_runs) for step, its_runs in runs.items()}
    for step, its_runs in runs.items():
        best, floor = fastest[step], fastest["floor"] or fastest[step]
        if best is None or floor is None:
            failed = next((run["error"] for run in its_runs if run and "error" in run), None)
            note = (
                f"over {args.naive_limit:.0f} s"
                if its_runs
                else "not run: too slow at a smaller scale"
            )
            rows.append(_skipped(scale, nodes, step, failed or note))
            continue
        timed = _timings(best, floor, _finished(its_runs), nodes)
        rows.append({"scale": scale, "nodes": nodes, "step": step, **timed})
    return rows


def _timings(
    best: dict[str, Any], floor: dict[str, Any], finished: list[dict[str, Any]], nodes: int
) -> dict[str, Any]:
    """A step's figures: its fastest run, its ratios to the floor's, its highest peak."""
    return {
        "seconds": best["seconds"],
        "ratio": best["seconds"] / floor["seconds"],
        "cpu_seconds": best["cpu_seconds"],
        "cpu_ratio": best["cpu_seconds"] / floor["cpu_seconds"],
        "us_per_node": best["seconds"] / nodes * 1e6,
        "peak_mb": max(run["peak_mb"] for run in finished),
        "setup_peak_mb": best["setup_mb"],
        "runs": [run["seconds"] for run in finished],
        "warm_up_seconds": best["warm_up_seconds"],
    }


def _fastest(runs: list[dict[str, Any] | None]) -> dict[str, Any] | None:
    finished = _finished(runs)
    return min(finished, key=lambda run: run["seconds"]) if finished else None


# --- the folder run: a portfolio of plan files ------------------------------------------------

#: The folder run's steps: the standard library's parse of every file; that and the schema's
#: validation of every node (the least a loader that reports every bad value must do); the
#: library's load, check and coverage; and the same on one file of about as many nodes
#: (`benchmarks.portfolio.portfolio`), to tell what a folder costs beyond its nodes.
FOLDER_STEPS: Final = (
    "folder-floor",
    "floor+schema",
    "load-portfolio+check+coverage",
    "one-file+check+coverage",
)

#: Projects in the small folder each folder step first runs on, untimed.
_FOLDER_WARM_UP_PROJECTS: Final = 40

#: The target of the folder run: load_portfolio + check + coverage over the floor.
FOLDER_TARGET: Final = 2.0


def _folder_floor(folder: Path) -> object:
    # Every plan file read and parsed: the least any loader of a folder of JSON plans must do.
    return [json.loads(path.read_bytes()) for path in sorted(folder.glob("*.json"))]


def _folder_schema(folder: Path) -> object:
    # The floor, and every node validated by the schema: the least a loader that reports each
    # bad value of every node must do, before any graph, reference or analysis. With the
    # collector paused, as the loader runs: it would scan the nodes kept over and over.
    from insatslogik.model.model import collector_paused
    from insatslogik.model.validation import validate_nodes

    with collector_paused():
        return [
            validate_nodes(json.loads(path.read_bytes())["nodes"])
            for path in sorted(folder.glob("*.json"))
        ]


def _folder_pipeline(folder: Path) -> object:
    import insatslogik as il

    model = il.load_portfolio(folder)
    return il.check(model), il.goal_coverage(model)


def _folder_action(step: str, folder: Path) -> Callable[[], object]:
    if step == "folder-floor":
        return lambda: _folder_floor(folder)
    if step == "floor+schema":
        return lambda: _folder_schema(folder)
    if step == "one-file+check+coverage":
        # The same nodes' worth as one file, written beside the folder by `_folder_data`.
        return lambda: _pipeline(folder.with_suffix(".json"))
    return lambda: _folder_pipeline(folder)


def _measure_folder(step: str, folder: Path, out_dir: Path) -> dict[str, Any]:
    from benchmarks.portfolio import folder as plan_files
    from benchmarks.portfolio import write_folder

    files = plan_files(_FOLDER_WARM_UP_PROJECTS, seed=1)
    small = write_folder(files, out_dir / "small")
    _one_file(files, small.with_suffix(".json"))
    start = time.perf_counter()
    _folder_action(step, small)()
    first_use = time.perf_counter() - start
    action = _folder_action(step, folder)
    gc.collect()
    before = _peak_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    action()
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_mb": _peak_mb(),
        "setup_mb": before,
        "warm_up_seconds": first_use,
    }


def _folder_data(projects: int, seed: int, data_dir: Path) -> tuple[Path, int, int]:
    """The folder of plan files (written once, kept for the next run), its files and nodes."""
    from benchmarks.portfolio import folder as plan_files
    from benchmarks.portfolio import write_folder

    target = data_dir / f"folder-{projects}-{seed}"
    count_path = target.with_suffix(".count")
    if not count_path.exists():
        print(f"writing a folder of {projects} project files …", file=sys.stderr, flush=True)
        files = plan_files(projects, seed=seed)
        write_folder(files, target)
        nodes = _one_file(files, target.with_suffix(".json"))
        count_path.write_text(f"{len(files)} {nodes}")
    found, nodes = count_path.read_text().split()
    return target, int(found), int(nodes)


def _one_file(files: dict[str, dict[str, Any]], path: Path) -> int:
    """Write one plan file of about as many nodes as `files` hold; their number of nodes."""
    from benchmarks.portfolio import portfolio, write

    nodes = sum(len(document["nodes"]) for document in files.values())
    write(portfolio(nodes, seed=1), path)
    return nodes


def _run_folder_child(step: str, folder: Path, memory_limit_gb: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as out_dir:
        command = [sys.executable, "-m", "benchmarks.run", "--folder-child", step, str(folder)]
        command += [out_dir, "--memory-limit-gb", str(memory_limit_gb)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"step {step} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def folder_rows(
    runs: dict[str, list[dict[str, Any]]], files: int, nodes: int
) -> list[dict[str, Any]]:
    """One row per folder step: its fastest run, its ratio to the floor's, its highest peak.

    >>> run = {"cpu_seconds": 1.0, "peak_mb": 50.0, "setup_mb": 40.0, "warm_up_seconds": 0.1}
    >>> runs = {"folder-floor": [{**run, "seconds": 2.0}, {**run, "seconds": 1.0}],
    ...         "load-portfolio+check+coverage": [{**run, "seconds": 1.5, "peak_mb": 90.0}]}
    >>> [(row["step"], row["seconds"], row["ratio"], row["peak_mb"])
    ...  for row in folder_rows(runs, 71, 1_000)]
    [('folder-floor', 1.0, 1.0, 50.0), ('load-portfolio+check+coverage', 1.5, 1.5, 90.0)]
    """
    floor = min(runs["folder-floor"], key=lambda run: run["seconds"])
    rows = []
    for step, its_runs in runs.items():
        best = min(its_runs, key=lambda run: run["seconds"])
        timed = _timings(best, floor, its_runs, nodes)
        rows.append({"step": step, "files": files, "nodes": nodes, **timed})
    return rows


def folder_markdown(result: dict[str, Any]) -> str:
    """The folder run as Markdown: the machine, one row per step, the target."""
    machine = result["machine"]
    rows = result["rows"]
    lines = [
        f"Run {result['when']} on {machine['cpu']}, {machine['cores']} cores, "
        f"{machine['memory_gb']} GB; Python {machine['python']}.",
        "",
        f"{rows[0]['files']:,} plan files, {rows[0]['nodes']:,} nodes:",
        "",
        "| step | seconds | × floor | CPU seconds | CPU × floor | µs per node | peak MB | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        runs = ", ".join(f"{seconds:.2f}" for seconds in row["runs"])
        lines.append(
            f"| {row['step']} | {row['seconds']:.2f} | {row['ratio']:.2f} | "
            f"{row['cpu_seconds']:.2f} | {row['cpu_ratio']:.2f} | {row['us_per_node']:.1f} | "
            f"{row['peak_mb']:,.0f} | {runs} |"
        )
    row = next(row for row in rows if row["step"] == "load-portfolio+check+coverage")
    met = "met" if row["ratio"] <= FOLDER_TARGET else "**not met**"
    lines += [
        "",
        f"Target: load_portfolio + check + coverage ≤ {FOLDER_TARGET:g}× the floor: "
        f"{row['ratio']:.2f}× (CPU {row['cpu_ratio']:.2f}×), {met}.",
    ]
    return "\n".join(lines) + "\n"


def _folder_main(args: argparse.Namespace) -> None:
    target, files, nodes = _folder_data(args.folder, args.seed, args.data)
    runs: dict[str, list[dict[str, Any]]] = {step: [] for step in FOLDER_STEPS}
    for _ in range(args.repeat):
        # In rounds, so that a slow spell of a shared machine meets both steps alike.
        for step in FOLDER_STEPS:
            run = _run_folder_child(step, target, args.memory_limit_gb)
            runs[step].append(run)
            print(_run_line(nodes, step, run), file=sys.stderr, flush=True)
    result = {
        "machine": _machine(),
        "rows": folder_rows(runs, files, nodes),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out = args.out if args.out != _DEFAULT_OUT else ROOT / "benchmarks" / "folder-results.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(folder_markdown(result), end="")
    print(f"\nwritten to {out}")


def _folder_child(args: argparse.Namespace) -> None:
    step, folder, out_dir = args.folder_child
    limit = int(args.memory_limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    print(json.dumps(_measure_folder(step, Path(folder), Path(out_dir))))


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    if args.child:
        _child(args)
        return
    if args.folder_child:
        _folder_child(args)
        return
    if args.folder is not None:
        args.data.mkdir(parents=True, exist_ok=True)
        _folder_main(args)
        return
    args.data.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    naive_too_slow = False
    for scale in sorted(args.scales):
        paths = _data(scale, args.seed, args.data)
        steps = ["floor", *(s for s in STEPS if s in args.steps and s != "floor")]
        skip = frozenset({"naive-peer"} if naive_too_slow else ())
        found = _scale_rows(args, scale, steps, paths, done=rows, skip=skip)
        naive_too_slow = any(
            row["step"] == "naive-peer" and row["seconds"] is None for row in found
        )
        rows.extend(found)
        for row in found:
            print(_line(row), file=sys.stderr, flush=True)
    result = _write(args.out, rows, _imports(7))
    # The same tables as docs/performance.md, with the targets met or not.
    print(markdown(result), end="")
    print(f"\nwritten to {args.out}")


def _run_line(nodes: int, step: str, run: dict[str, Any] | None) -> str:
    if run is None or "error" in run:
        return f"{nodes:>9,} {step:<20} {'stopped' if run is None else run['error']}"
    return f"{nodes:>9,} {step:<20} {run['seconds']:8.2f} s  {run['peak_mb']:8,.0f} MB"


def _line(row: dict[str, Any]) -> str:
    if row["seconds"] is None:
        return f"{row['nodes']:>9,} {row['step']:<20} {row['note']}"
    return (
        f"{row['nodes']:>9,} {row['step']:<20} {row['seconds']:8.2f} s  ×{row['ratio']:5.2f}  "
        f"CPU {row['cpu_seconds']:8.2f} s  {row['peak_mb']:8,.0f} MB"
    )


def _write(
    out: Path, rows: list[dict[str, Any]], imports: dict[str, float] | None
) -> dict[str, Any]:
    result = {
        "machine": _machine(),
        "imports": imports,
        "rows": rows,
        "targets": _targets(rows, imports),
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


def _skipped(scale: int, nodes: int, step: str, note: str) -> dict[str, Any]:
    return {"scale": scale, "nodes": nodes, "step": step, "seconds": None, "note": note}


if __name__ == "__main__":
    main()
