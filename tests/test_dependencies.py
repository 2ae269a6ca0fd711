"""The pinned installs agree with pyproject.toml: every direct dependency is pinned in its lock
(requirements/runtime.txt, requirements/dev.txt) within the range pyproject allows, the runtime
lock is exactly the runtime part of the dev lock, every pin carries hashes, and the code that
`make run` runs imports nothing outside the runtime set. Editing pyproject.toml without
`make lock` fails here."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = REPO / "requirements" / "runtime.txt"
DEV_LOCK = REPO / "requirements" / "dev.txt"
CONSTRAINTS = REPO / "requirements" / "constraints.txt"
RUNTIME_CODE = ("etl", "dashboard", "publish", "deploy")
"""What `make run`, `make serve`, `make serve-proxy` and `make publish` run: runtime set only."""

# One locked package: `name==version \` then its `--hash=sha256:…` lines.
ENTRY = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s\\]+)(?P<hashes>(?:\s*\\\n\s+--hash=\S+)*)",
    re.MULTILINE,
)
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")
FIX = "run `make lock` and commit requirements/"


def _entries(lock: Path) -> dict[str, tuple[Version, str]]:
    return {
        canonicalize_name(m["name"]): (Version(m["version"]), m["hashes"])
        for m in ENTRY.finditer(lock.read_text(encoding="utf-8"))
    }


def _pins(lock: Path) -> dict[str, Version]:
    return {name: version for name, (version, _) in _entries(lock).items()}


def _project() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


RUNTIME = [Requirement(r) for r in _project()["dependencies"]]
DEV = [Requirement(r) for r in _project()["optional-dependencies"]["dev"]]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [(RUNTIME_LOCK, RUNTIME), (DEV_LOCK, RUNTIME + DEV)],
    ids=["runtime", "dev"],
)
def test_every_direct_dependency_is_pinned_within_its_range(
    lock: Path, requirements: list[Requirement]
) -> None:
    pins = _pins(lock)
    assert pins, f"{lock.relative_to(REPO)} pins nothing"
    problems = []
    for req in requirements:
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None:
            problems.append(f"{req}: not in {lock.relative_to(REPO)}")
        elif not req.specifier.contains(pinned, prereleases=True):
            problems.append(f"{req}: {lock.relative_to(REPO)} pins {pinned}, outside the range")
    assert not problems, "\n".join([*problems, FIX])


def test_every_direct_dependency_has_an_upper_bound() -> None:
    """A fresh install without the lock (pip install -e .) never jumps a major either."""
    bounding = {"<", "<=", "~=", "==", "==="}
    unbounded = [str(r) for r in RUNTIME + DEV if not {s.operator for s in r.specifier} & bounding]
    assert not unbounded, f"no upper bound on: {', '.join(unbounded)}"


def test_the_runtime_lock_is_the_runtime_part_of_the_dev_lock() -> None:
    runtime, dev = _pins(RUNTIME_LOCK), _pins(DEV_LOCK)
    differ = [f"{n}: runtime {v}, dev {dev.get(n)}" for n, v in runtime.items() if dev.get(n) != v]
    assert not differ, "\n".join([*differ, FIX])


def test_the_runtime_lock_holds_no_development_tool() -> None:
    """`make run` installs the runtime lock alone: no test runner, linter or browser driver."""
    runtime = _pins(RUNTIME_LOCK)
    found = sorted({canonicalize_name(r.name) for r in DEV} & runtime.keys())
    assert not found, f"development packages in {RUNTIME_LOCK.relative_to(REPO)}: {found}"


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK], ids=["runtime", "dev"])
def test_every_pin_carries_its_hashes(lock: Path) -> None:
    """pip checks every file against the lock, so a pin without a hash would fail the install."""
    text = lock.read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if re.match(r"^[A-Za-z0-9]", ln)]
    entries = _entries(lock)
    assert len(entries) == len(lines), "every requirement line is a `name==version` pin"
    bare = [name for name, (_, hashes) in entries.items() if not HASH.search(hashes)]
    assert not bare, f"pinned without a hash: {bare}; {FIX}"


def test_the_caps_in_constraints_hold_in_both_locks() -> None:
    caps = [
        Requirement(line.split("#")[0])
        for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines()
        if line.split("#")[0].strip()
    ]
    assert any(canonicalize_name(c.name) == "scikit-learn" for c in caps)
    for lock in (RUNTIME_LOCK, DEV_LOCK):
        pins = _pins(lock)
        for cap in caps:
            pinned = pins.get(canonicalize_name(cap.name))
            assert pinned is None or cap.specifier.contains(pinned, prereleases=True), (
                f"{lock.relative_to(REPO)} pins {cap.name} {pinned}, against the cap {cap}"
            )


def _imported_top_names(folder: Path) -> set[str]:
    names = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_the_code_make_run_runs_imports_only_the_runtime_set() -> None:
    runtime, dev = _pins(RUNTIME_LOCK), _pins(DEV_LOCK)
    distributions = metadata.packages_distributions()
    outside = []
    for folder in RUNTIME_CODE:
        for name in sorted(_imported_top_names(REPO / folder)):
            dists = {canonicalize_name(d) for d in distributions.get(name, [])}
            if dists and dists <= dev.keys() and not dists & runtime.keys():
                outside.append(f"{folder}/ imports {name} ({', '.join(sorted(dists))})")
    assert not outside, "only in the dev set:\n" + "\n".join(outside)
