"""Mutation testing: would the fast tests catch a wrong rule in the interval, derive and check code?

mutmut 3 changes one thing at a time in the modules below (a ``<`` for a ``<=``, a ``+`` for a
``-``, a constant, a dropped argument…) and runs the fast unit tests against each change; a mutant
the tests do not fail on "survives". The goal: the fast tests kill at least 90% of the mutants.

The run never touches the repository: the code, the fast tests, ``datasets/curated`` and a copy
of pyproject.toml with a ``[tool.mutmut]`` section appended are laid out in a temporary directory,
mutmut runs there (its ``mutants/`` copy lives inside it), and the directory is removed at the end.
The result — killed/total, the kill rate and every surviving mutant with file:line and the
mutated code — goes to the ``mutation`` section of docs/benchmarks.md.

mutmut is a dev tool: ``.venv/bin/pip install 'mutmut>=3.8,<4'``.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from report import replace_section

REPO = Path(__file__).resolve().parent.parent
GOAL = 90.0

MODULES = (
    "etl/intervals.py",
    "etl/derive.py",
    "etl/checks.py",
    "etl/claims.py",
    "etl/explanations.py",
    "etl/normalize.py",
)
"""The rules: what a written figure allows, what is derived from it, and what is checked."""

FAST_TESTS = (
    "tests/test_observations.py",
    "tests/test_derive_and_check.py",
    "tests/test_normalize.py",
    "tests/test_intervals.py",
    "tests/test_claims_and_conversions.py",
    "tests/test_explanations.py",
    "tests/test_bad_input.py",
    "tests/test_rules.py",
)
"""The non-browser unit tests of those modules (test_bad_input builds broken copies of the
curated tree: claim, period and value problems); the first three must exist, the rest are used
when present."""
REQUIRED_TESTS = FAST_TESTS[:3]

COPIED = ("etl", "dashboard", "datasets/curated", "docs/findings.md")
"""What the fast tests import or read: the code, dashboard (tests/conftest.py imports it), the
curated facts the ``built`` fixture builds from, and the findings page a test compares with what
the data renders (used when present)."""

SETTINGS_PLUGIN = '''"""Loaded with -p in every test session of the mutation run.

* Hypothesis draws the same examples for every mutant (derandomize) with no deadline, so a mutant
  is killed by a wrong answer, never by a slow machine.
* mutmut runs, for each mutant, only the tests that called its function while it collected
  "stats". A session-scoped fixture (``built`` builds the whole dataset once) calls most of the
  code during the setup of the first test that asks for it, so mutmut would credit that one test
  only. Here what a session- or module-scoped fixture calls is credited to every test using it.
* Each mutant's session is forked from a process that has already run the tests, so the caches
  of the mutated modules are emptied before every test: a result computed by the original code
  (``@cache`` on parse_period) must not stand in for the mutant's.
"""
import pytest
from hypothesis import settings

settings.register_profile("mutation", derandomize=True, deadline=None, database=None)
settings.load_profile("mutation")

from mutmut.mutation.trampoline import get_mutant_under_test  # noqa: E402
from mutmut.state import state  # noqa: E402

_CALLED_BY_FIXTURE: dict[str, set[str]] = {}


MUTATED = __MUTATED__


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before each test (and its fixtures): empty the caches of the mutated modules, so a result
    computed earlier (by another test, or by the original code before the fork) never stands in
    for a call, and mutmut credits each test with the functions it really reaches."""
    import importlib

    for name in MUTATED:
        module = importlib.import_module(name)
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
        getattr(module, "_BY_IDENTITY", {}).clear()  # etl.derive's per-series-set memo


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.scope == "function" or get_mutant_under_test() != "stats":
        yield
        return
    outer, state()._stats = state()._stats, set()
    try:
        yield
    finally:
        called = state()._stats
        _CALLED_BY_FIXTURE.setdefault(fixturedef.argname, set()).update(called)
        outer.update(called)
        state()._stats = outer


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    if get_mutant_under_test() == "stats":
        for name in getattr(item, "fixturenames", ()):
            state()._stats.update(_CALLED_BY_FIXTURE.get(name, ()))
    yield
'''


@dataclass(frozen=True)
class Mutant:
    name: str
    status: str
    path: str = ""
    line: int = 0
    before: str = ""
    after: str = ""


class MutationError(RuntimeError):
    """The run could not produce a result; the message says why and what to do."""


def find_mutmut() -> Path:
    """The mutmut 3 console script beside this Python, or a MutationError saying how to get it."""
    script = Path(sys.executable).parent / "mutmut"
    try:
        from importlib.metadata import PackageNotFoundError, version

        found = version("mutmut")
    except PackageNotFoundError:
        found = None
    if found is None or not script.exists():
        raise MutationError(
            f"mutmut is not installed for {sys.executable}; install it with "
            f"`{Path(sys.executable).parent / 'pip'} install 'mutmut>=3.8,<4'`"
        )
    if int(found.split(".")[0]) < 3:
        raise MutationError(f"mutmut {found} found; this script needs mutmut 3 (>=3.8,<4)")
    return script


def mutmut_config(tests: list[str], also_copy: list[str]) -> str:
    """The ``[tool.mutmut]`` section (TOML) appended to the working copy's pyproject.toml."""

    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(json.dumps(item) for item in items) + "]"

    return "\n".join(
        [
            "",
            "[tool.mutmut]",
            'source_paths = ["etl"]',
            f"only_mutate = {toml_list(list(MODULES))}",
            f"also_copy = {toml_list([*also_copy, 'mutation_settings.py'])}",
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}",
            # no cache files, hypothesis reproducible; -p loads the settings above
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "mutation_settings"]',
            # each mutant forks from the process that ran the tests once (warm imports and
            # reference-rate caches); the plugin empties the mutated modules' caches
            'process_isolation = "fork"',
            "use_git_change_detection = false",
            # a mutant that loops is cut at 5x its tests' clean time + 5 s of CPU
            "timeout_multiplier = 5.0",
            "timeout_constant = 5.0",
            "",
        ]
    )


def lay_out(work: Path, tests: list[str], extra: list[Path]) -> list[str]:
    """A minimal copy of the project in ``work`` for mutmut to run in; returns the test files
    (``extra`` test files, e.g. proposed tests not yet in tests/, are copied in beside them)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "vendor", "node_modules")
    copied = [name for name in COPIED if (REPO / name).exists()]
    for name in copied:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, work / name, ignore=ignore)
        else:
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, work / name)
    (work / "tests").mkdir()
    for path in (REPO / "tests").glob("*.py"):  # conftest and helpers, and the chosen tests
        if not path.name.startswith("test_") or f"tests/{path.name}" in tests:
            shutil.copy2(path, work / "tests" / path.name)
    for path in extra:
        name = f"test_extra_{path.stem.removeprefix('test_')}.py"
        shutil.copy2(path, work / "tests" / name)
        tests = [*tests, f"tests/{name}"]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in pyproject:
        raise MutationError("pyproject.toml already has [tool.mutmut]; this script writes its own")
    # mutmut copies these into mutants/; whole top folders (it does not create parents of a file)
    also = list(dict.fromkeys(name.split("/")[0] for name in copied if name != "etl"))
    (work / "pyproject.toml").write_text(pyproject + mutmut_config(tests, also), "utf-8")
    modules = [m[:-3].replace("/", ".") for m in MODULES]
    plugin = SETTINGS_PLUGIN.replace("__MUTATED__", repr(modules))
    (work / "mutation_settings.py").write_text(plugin, encoding="utf-8")
    return tests


def run_mutmut(mutmut: Path, work: Path, max_children: int, budget: float, log: Path) -> float:
    """``mutmut run`` in ``work``, stopped (with everything it started) after ``budget`` s."""
    env = {
        **os.environ,
        "BELARUS_CACHE_DIR": str(work / "cache"),  # tests/conftest.py would make one in /tmp
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_COLOR": "1",
    }
    env.pop("CI", None)  # mutmut's progress output is the same either way; keep it quiet
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [str(mutmut), "run", "--max-children", str(max_children)],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a timeout stops every worker
        )
        try:
            code = process.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            stop_group(process)
            raise MutationError(
                f"mutmut did not finish within {budget:.0f} s (raise --budget, or lower the "
                f"number of mutants); its output: {log}"
            ) from None
        except BaseException:
            stop_group(process)
            raise
    if code != 0:
        raise MutationError(f"mutmut run exited with {code}:\n{tail(log)}")
    return time.perf_counter() - start


def stop_group(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue


def tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.replace("\r", "\n").splitlines()[-lines:])


def mutmut_output(mutmut: Path, work: Path, *args: str) -> str:
    done = subprocess.run(
        [str(mutmut), *args],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if done.returncode != 0:
        raise MutationError(f"mutmut {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def read_results(mutmut: Path, work: Path) -> list[Mutant]:
    """Every mutant and its status, as ``mutmut results --all true`` lists them."""
    found = []
    for line in mutmut_output(mutmut, work, "results", "--all", "true").splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            found.append(Mutant(name, status))
    if not found:
        raise MutationError("mutmut produced no mutants: nothing to report")
    return found


DIFF_SCRIPT = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
print(json.dumps({name: get_diff_for_mutant(name, path=path)
                  for name, path in json.load(sys.stdin).items()}))
"""


def diffs(mutmut: Path, work: Path, names: dict[str, str]) -> dict[str, str]:
    """The diff (original function → mutant) of each named mutant, in one process when mutmut's
    diff helper is importable, else one ``mutmut show`` each."""
    if not names:
        return {}
    done = subprocess.run(
        [sys.executable, "-c", DIFF_SCRIPT],
        cwd=work,
        input=json.dumps(names),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode == 0:
        return json.loads(done.stdout)
    return {name: mutmut_output(mutmut, work, "show", name) for name in names}


def module_path(name: str) -> str:
    """'etl.intervals.x_hull__mutmut_3' → 'etl/intervals.py'."""
    return next(m for m in MODULES if name.startswith(m[:-3].replace("/", ".") + "."))


def function_name(name: str) -> tuple[str | None, str]:
    """(class, function) of a mutant name: 'x_hull__mutmut_3', 'xǁIntervalǁgap__mutmut_1'."""
    local = name.rsplit(".", 1)[-1].rsplit("__mutmut_", 1)[0]
    if local.startswith("xǁ"):
        _, cls, func = local.split("ǁ")
        return cls, func
    return None, local[2:]


def function_span(source: str, cls: str | None, func: str) -> tuple[int, int]:
    tree = ast.parse(source)
    scope = tree.body
    if cls is not None:
        scope = next(n.body for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls)
    node = next(
        n for n in scope if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == func
    )
    return node.lineno, node.end_lineno or node.lineno


def first_removed_line(diff: str) -> int | None:
    """Line number, within the function's code as mutmut prints it, of the first removed line."""
    number = None
    for line in diff.splitlines():
        if hunk := re.match(r"@@ -(\d+)", line):
            number = int(hunk.group(1))
        elif number is not None and line[:1] == "-":
            return number
        elif number is not None and line[:1] == " ":
            number += 1
    return None


def locate(mutant: Mutant, diff: str, root: Path) -> Mutant:
    """The mutant with the file line it changes and the original and mutated code there, read
    from the unmutated copy in ``root`` (the repository may have moved on during the run)."""
    path = module_path(mutant.name)
    source = (root / path).read_text(encoding="utf-8")
    lines = source.splitlines()
    removed = [line[1:] for line in diff.splitlines() if line[:1] == "-" and line[:3] != "---"]
    added = [line[1:] for line in diff.splitlines() if line[:1] == "+" and line[:3] != "+++"]
    try:
        start, end = function_span(source, *function_name(mutant.name))
    except StopIteration:
        start, end = 1, len(lines)
    line = start
    if removed:
        # mutmut prints the function from its `def`: the removed line's offset there, matched to
        # the nearest identical line of the function in the file (comments above a `def` shift
        # the offset; identical lines such as `continue` are told apart by it)
        first = removed[0].strip()
        hint = start + (first_removed_line(diff) or 1) - 1
        matches = [i for i in range(start, end + 1) if lines[i - 1].strip() == first]
        if not matches:  # a mutation joined or split lines: the most similar line
            matches = sorted(
                range(start, end + 1),
                key=lambda i: -difflib.SequenceMatcher(None, lines[i - 1].strip(), first).ratio(),
            )[:1]
        line = min(matches, key=lambda i: abs(i - hint))
    return Mutant(
        mutant.name,
        mutant.status,
        path,
        line,
        " ".join(s.strip() for s in removed),
        " ".join(s.strip() for s in added),
    )


def cell(code: str) -> str:
    code = code if len(code) <= 110 else code[:107] + "…"
    return "`" + code.replace("`", "'").replace("|", "\\|") + "`" if code else "(removed)"


def report(
    mutants: list[Mutant], tests: list[str], seconds: float, version: str, max_children: int
) -> tuple[str, str]:
    counts = Counter(m.status for m in mutants)
    total = len(mutants)
    killed = counts["killed"] + counts["timeout"]  # a mutant that hangs the tests is caught
    rate = 100.0 * killed / total
    verdict = "meets" if rate >= GOAL else "MISSES"
    summary = (
        f"{killed}/{total} mutants killed = {rate:.1f}% ({verdict} the {GOAL:.0f}% goal); "
        f"{counts['survived']} survived"
    )
    by_module = defaultdict(Counter)
    for m in mutants:
        by_module[module_path(m.name)][m.status] += 1
    rows = [
        "| module | mutants | killed | timeout | survived | other | kill rate |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for path in MODULES:
        c = by_module[path]
        n = sum(c.values())
        if not n:
            continue
        other = n - c["killed"] - c["timeout"] - c["survived"]
        rows.append(
            f"| `{path}` | {n} | {c['killed']} | {c['timeout']} | {c['survived']} | {other} | "
            f"{100.0 * (c['killed'] + c['timeout']) / n:.1f}% |"
        )
    rows.append(
        f"| **all** | {total} | {counts['killed']} | {counts['timeout']} | {counts['survived']} "
        f"| {total - killed - counts['survived']} | **{rate:.1f}%** |"
    )
    others = {s: n for s, n in counts.items() if s not in ("killed", "timeout", "survived")}
    not_killed = sorted(
        (m for m in mutants if m.status not in ("killed", "timeout")),
        key=lambda m: (MODULES.index(m.path), m.line, m.name),
    )
    survivors: list[str] = []
    for path in MODULES:
        mine = [m for m in not_killed if m.path == path]
        if mine:
            survivors += ["", f"#### `{path}` ({len(mine)})", ""]
            survivors += ["| line | status | original | mutant |", "|---:|---|---|---|"]
            survivors += [
                f"| {m.line} | {m.status} | {cell(m.before)} | {cell(m.after)} |" for m in mine
            ]
    body = [
        "## Mutation testing: do the fast tests catch a wrong rule?",
        "",
        f"Goal: mutation testing of the interval, derive and check code kills at least {GOAL:.0f}%",
        f"of the mutants with the fast tests. `make mutation` runs mutmut {version}",
        "(`bench/mutation.py`) on " + ", ".join(f"`{m}`" for m in MODULES),
        "against " + ", ".join(f"`{t}`" for t in tests) + ",",
        f"in a temporary copy of the project, {max_children} mutants at a time. Each mutant runs",
        "the tests that reach its function (what the session-scoped `built` fixture reaches is",
        "credited to every test using it), in a process forked after one clean run, with the",
        "mutated modules' caches emptied before each test and hypothesis derandomized. A mutant",
        "that makes the tests time out counts as killed. mutmut does not mutate functions with a",
        "decorator other than `@classmethod`/`@staticmethod` (`@cache`, `@property`).",
        "",
        *rows,
        "",
        f"**{summary}.**",
        "",
        f"Run time {seconds / 60:.1f} min. Machine: {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores.",
    ]
    if others:
        body += ["", "Other outcomes: " + ", ".join(f"{s} {n}" for s, n in sorted(others.items()))]
    if not_killed:
        body += [
            "",
            f"### Mutants the fast tests miss ({len(not_killed)})",
            "",
            "Line numbers are those of the code as it was when the run started.",
            *survivors,
        ]
    return "\n".join(body), summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, help="write the Markdown section here")
    parser.add_argument(
        "--budget", type=float, default=1500, help="stop mutmut after this many seconds"
    )
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="keep the working copy (debugging)")
    parser.add_argument(
        "--extra-tests",
        type=Path,
        nargs="*",
        default=[],
        help="also run these test files (proposed tests not yet in tests/)",
    )
    args = parser.parse_args()
    try:
        mutmut = find_mutmut()
        from importlib.metadata import version

        missing = [t for t in REQUIRED_TESTS if not (REPO / t).exists()]
        if missing:
            raise MutationError(f"fast tests missing: {', '.join(missing)}")
        tests = [t for t in FAST_TESTS if (REPO / t).exists()]
        work = Path(tempfile.mkdtemp(prefix="belarus-mutation-"))
        try:
            missing = [str(p) for p in args.extra_tests if not p.is_file()]
            if missing:
                raise MutationError(f"no such test file: {', '.join(missing)}")
            tests = lay_out(work, tests, [p.resolve() for p in args.extra_tests])
            print(
                f"mutmut {version('mutmut')} in {work}: {len(MODULES)} modules, tests: "
                + " ".join(tests),
                flush=True,
            )
            seconds = run_mutmut(mutmut, work, args.max_children, args.budget, work / "run.log")
            results = read_results(mutmut, work)
            missed = {m.name: module_path(m.name) for m in results if m.status != "killed"}
            shown = diffs(mutmut, work, missed)
            results = [locate(m, shown[m.name], work) if m.name in shown else m for m in results]
        finally:
            if args.keep:
                print(f"working copy kept: {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
        body, summary = report(results, tests, seconds, version("mutmut"), args.max_children)
    except MutationError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    print(body)
    if args.output:
        replace_section(args.output, "mutation", body)
        print(f"\n{summary} → {args.output}")
    return 0  # the verdict is in the report, as for the other benchmarks


if __name__ == "__main__":
    sys.exit(main())
