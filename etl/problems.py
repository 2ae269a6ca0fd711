"""Problems found in curated input, collected rather than raised one at a time.

A curator fixing a file wants every problem in one run, each naming the file, the entry and the
fix; the ETL writes nothing while any problem remains.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    entry: str
    problem: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.problem} — fix: {self.fix}"


class CuratedDataError(Exception):
    """Raised with every problem found, so the caller can print them all and exit non-zero."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.format())

    def format(self) -> str:
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{len(self.problems)} problem(s) in curated data; nothing was written.")
        return "\n".join(lines)


NESTED = "nested too deeply to read (brackets within brackets, thousands of levels)"
"""A YAML file no curator writes: the parsers recurse once per level of nesting."""
