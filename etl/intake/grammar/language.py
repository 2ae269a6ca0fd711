"""Which language a text is in: English, Russian or Ukrainian, by its letters.

The three languages write differently enough that letters decide, with one check of words:
Cyrillic is Ukrainian when it uses the letters Russian lacks (і, ї, є, ґ) more than those
Ukrainian lacks (ы, э, ъ, ё), Russian otherwise; Latin letters are English when English's
commonest words are common in it (a German or French text is not). Any other script, or a text
with too few letters to tell, is no language the intake reads.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["en", "ru", "uk"]
LANGUAGES: tuple[Language, ...] = ("en", "ru", "uk")

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[A-Za-z]+")
MIN_LETTERS = 20
ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "that",
        "for",
        "on",
        "by",
        "with",
        "as",
        "at",
        "from",
        "it",
        "its",
        "has",
        "have",
        "be",
        "are",
        "were",
        "this",
        "which",
        "or",
        "an",
        "but",
        "not",
        "their",
        "than",
        "more",
        "said",
    ]
)
"""English's commonest words: about a third of the words of any English prose, a few percent
of a German, French or Polish text's."""
MIN_ENGLISH_SHARE = 0.12


def language_of(text: str) -> Language | None:
    """The language of ``text``, or None when it is none of the three (or too short to tell)."""
    letters = len(_LETTER.findall(text))
    if letters < MIN_LETTERS:
        return None
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    if latin + cyrillic < 0.6 * letters:
        return None  # another script: Greek, Georgian, Chinese…
    if latin > cyrillic:
        words = [w.lower() for w in _WORD.findall(text)]
        common = sum(w in ENGLISH_WORDS for w in words)
        return "en" if common >= MIN_ENGLISH_SHARE * len(words) else None
    ukrainian, russian = len(_UKRAINIAN_ONLY.findall(text)), len(_RUSSIAN_ONLY.findall(text))
    return "uk" if ukrainian > russian else "ru"
