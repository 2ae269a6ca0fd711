"""Deterministic measures of the work a text-reading function does, for tests of how it grows.

Timing a run says little on a shared machine, so tests that must show linear growth count work
instead, with two measures that do not depend on the machine or its load:

* **characters offered to regular expressions** -- for every call of a compiled pattern of the
  given modules (and of ``re.search``/``re.match``/... anywhere), the size of the region the
  call may examine: the string's length, or ``endpos - pos`` when a call is bounded. A pattern
  matched against "everything after this number" counts the whole rest of the text, however
  early it stops, because that is what it is allowed to read;
* **Python lines executed** in the given modules, loop iterations included (a list built
  from every sentence, for every number, counts every sentence each time).

What neither sees is work inside one C call other than a regular expression: slicing or
``str.find`` over a long text. The code under test keeps those to fixed windows, which is
what these counts cannot prove and a reader of the code can check.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType

import pytest


@dataclass
class Work:
    regex_chars: int = 0
    lines: int = 0


def _region(string: str, pos: int = 0, endpos: int | None = None) -> int:
    end = len(string) if endpos is None else min(endpos, len(string))
    return max(end - max(pos, 0), 0)


class _CountingPattern:
    """A compiled pattern that adds the region each call may examine to ``work``."""

    def __init__(self, pattern: re.Pattern[str], work: Work) -> None:
        self._pattern = pattern
        self._work = work

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def _bounded(self, name: str, string: str, *args, **kwargs):
        self._work.regex_chars += _region(string, *args, **kwargs)
        return getattr(self._pattern, name)(string, *args, **kwargs)

    def search(self, string, *args, **kwargs):
        return self._bounded("search", string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        return self._bounded("match", string, *args, **kwargs)

    def fullmatch(self, string, *args, **kwargs):
        return self._bounded("fullmatch", string, *args, **kwargs)

    def finditer(self, string, *args, **kwargs):
        return self._bounded("finditer", string, *args, **kwargs)

    def findall(self, string, *args, **kwargs):
        return self._bounded("findall", string, *args, **kwargs)

    def split(self, string, *args, **kwargs):
        self._work.regex_chars += len(string)
        return self._pattern.split(string, *args, **kwargs)

    def sub(self, repl, string, *args, **kwargs):
        self._work.regex_chars += len(string)
        return self._pattern.sub(repl, string, *args, **kwargs)


@contextmanager
def counted(*modules: ModuleType) -> Iterator[Work]:
    """Count the work done in the block by ``modules`` (their patterns and their lines); every
    pattern is restored on leaving the block."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield from _counted(monkeypatch, modules)


def _counted(monkeypatch: pytest.MonkeyPatch, modules: tuple[ModuleType, ...]) -> Iterator[Work]:
    work = Work()
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _CountingPattern(value, work))
    for name in ("search", "match", "fullmatch", "finditer", "findall"):
        original = getattr(re, name)

        def call(pattern, string, *args, _original=original, **kwargs):
            work.regex_chars += len(string)
            return _original(pattern, string, *args, **kwargs)

        monkeypatch.setattr(re, name, call)
    files = {module.__file__ for module in modules}

    def line(frame, event, arg):
        if event == "line":
            work.lines += 1
        return line

    def call_event(frame, event, arg):
        return line if frame.f_code.co_filename in files else None

    previous = sys.gettrace()
    sys.settrace(call_event)
    try:
        yield work
    finally:
        sys.settrace(previous)
