"""docs/benchmarks.md is shared by several benchmarks: each owns a section between
``<!-- name:start -->`` and ``<!-- name:end -->`` and replaces only that."""

from __future__ import annotations

from pathlib import Path

HEADER = """# Benchmarks

Figures from `make bench`; each section is rewritten by its own script, measured side by side in
one run (ratios compare commands or routes timed in the same run on the same machine). Rerun
after touching speed.
"""


def replace_section(path: Path, name: str, body: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
