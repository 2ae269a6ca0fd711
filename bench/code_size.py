"""Lines of Python, tests not counted: the working tree against the revision whose `dashboard/`
was one flat folder, the yardstick of the layout's simplicity. Read from git, so a shallow clone
reports the current figures only."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from report import replace_section

REPO = Path(__file__).resolve().parent.parent
FLAT_DASHBOARD = "663524f"
"""The last revision with the flat `dashboard/` (31 modules side by side, the data package
among them)."""
FOLDERS = ("dashboard", "publish", "deploy")


def lines_now(folder: str) -> int:
    return sum(len(p.read_text().splitlines()) for p in (REPO / folder).rglob("*.py"))


def lines_at(revision: str, folder: str) -> int | None:
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", revision, "--", folder],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if listing.returncode != 0:
        return None
    total = 0
    for path in listing.stdout.split():
        if path.endswith(".py"):
            text = subprocess.run(
                ["git", "show", f"{revision}:{path}"], cwd=REPO, capture_output=True, text=True
            ).stdout
            total += len(text.splitlines())
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    rows = ["| folder | flat `dashboard/` | now |", "|---|---:|---:|"]
    for folder in FOLDERS:
        before = lines_at(FLAT_DASHBOARD, folder)
        shown = "—" if before is None else f"{before:,}"
        rows.append(f"| `{folder}/` | {shown} | {lines_now(folder):,} |")
    section = "\n".join(
        [
            "## Code size: lines of Python, tests not counted",
            "",
            "`bench/code_size.py`, from git: the working tree against the last revision with a "
            f"flat `dashboard/` ({FLAT_DASHBOARD}), whose data package has since moved to "
            "`publish/`.",
            "",
            *rows,
        ]
    )
    print(section)
    if args.output:
        replace_section(args.output, "code-size", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
