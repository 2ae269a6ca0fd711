"""What a document says about itself, and which of its lines are the page rather than the text.

Copies of articles keep the page around the text: a breadcrumb ("Home / Publications / Title"),
a language switch ("ua en ru"), the title, a series line ("SCEEUS Guest Commentary No. 8,
2024"), bylines ("By A and B", "Автор: Иван Петров"), a timestamp ("12:30, 07.10.2025"), a
reading time ("5 min read"), share buttons, photo credits and captions ("Фото: БЕЛТА"), a
dateline opening the report ("MINSK. KAZINFORM", "МИНСК, 12 января —") and credit lines naming
the agency the report came from ("передает БЕЛТА", "повідомляє «УНІАН»", "Reuters reports").

:func:`read_header` proposes the title, authors, series, publisher and date from the first
lines; each is a proposal the curator confirms. A credit line or a dateline never becomes the
publisher or an author: the agency it names is reported in ``credits`` (and the draft's notes),
because the outlet that published the text is not the agency it cites.
:func:`furniture_spans` marks the page furniture, so that a number in it (a timestamp, a
reading time, "(79 Articles)") is never read as a figure of the text.

The rules are written from how the three languages print these things, line by line; every
pattern is anchored or bounded, so reading a text is linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

__all__ = [
    "HEADER_LINES",
    "Metadata",
    "credits_in",
    "furniture_in_lines",
    "furniture_spans",
    "is_furniture_line",
    "line_furniture",
    "month_number",
    "read_header",
]


@dataclass(frozen=True)
class Metadata:
    """What a document says about itself; every field is a proposal for the curator to confirm.

    ``origin`` says where each field was read ("HTML meta tags", "PDF metadata", "first
    lines"), so the curator knows how far to trust it. ``credits`` are the agencies or
    statistical offices the text says it reports from (never the publisher); ``dateline`` is
    the place-and-agency line opening a news report, as printed; ``notes`` what the curator
    should know about how the description was read.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    container: str | None = None
    date: str | None = None
    url: str | None = None
    origin: dict[str, str] = field(default_factory=dict)
    credits: tuple[str, ...] = ()
    dateline: str | None = None
    notes: tuple[str, ...] = ()


HEADER_LINES = 15
"""How many non-empty lines at the top are read as the header."""

FOOTER_LINES = 3
"""How many non-empty lines at the end are searched for a credit line ("Source: BELTA")."""

MAX_HEADER_LINE = 400
"""Characters of a line the header rules read: a header line is short; a body paragraph's
opening is enough to find a dateline or a credit in it."""

# --------------------------------------------------------------------------------------------
# Months and dates in English, Russian and Ukrainian
# --------------------------------------------------------------------------------------------

_MONTH_STEMS = {
    # English: names and abbreviations
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    # Russian: янв(арь|аря), фев(раль|раля), мар(т|та), апр(ель|еля), июн(ь|я), июл(ь|я)…
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    # Ukrainian: січ(ень|ня), лют(ий|ого), бер(езень|езня), кві(тень|тня), тра(вень|вня)…
    "січ": 1, "лют": 2, "бер": 3, "кві": 4, "тра": 5, "чер": 6,
    "лип": 7, "сер": 8, "вер": 9, "жов": 10, "лис": 11, "гру": 12,
}  # fmt: skip


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MAY_RU = frozenset(["май", "мая", "мае"])
_ENGLISH_MONTH_FORMS = _word_set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_MONTH_WORD = r"[A-Za-zА-Яа-яЁёІіЇїЄєҐґ]{3,10}\.?"


def month_number(word: str) -> int | None:
    """The month a month name or abbreviation names, in English, Russian or Ukrainian.

    Russian and Ukrainian change the ending ("январь", "12 января", "в январе"; "січень",
    "12 січня"), so the first three letters decide; Russian May ("май", "мая") has only two.
    """
    word = word.lower().rstrip(".")
    if word in _MAY_RU:
        return 5
    if len(word) < 3 or (word.isascii() and word not in _ENGLISH_MONTH_FORMS):
        return None
    return _MONTH_STEMS.get(word[:3])


_YEAR = r"(?:19|20)\d{2}"
_YEAR_WORD = r"(?:\s*(?:року|рік|года|год|г|р)\.?)?"  # "2024 г.", "2024 року"
_ISO_DATE = re.compile(rf"(?<!\d)({_YEAR})-(\d{{2}})-(\d{{2}})(?!\d)")
_DOTTED_DATE = re.compile(rf"(?<![\d.])(\d{{1,2}})[./](\d{{1,2}})[./]({_YEAR})(?![\d.]\d)")
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_WORD}),?\s+({_YEAR}){_YEAR_WORD}")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_WORD})\s+(\d{{1,2}}),?\s+({_YEAR})(?!\d)")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_WORD})\s+({_YEAR})(?!\d)")
_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])")


def date_in(line: str) -> str | None:
    """The first date printed in ``line``, as ISO text: a day (2024-01-12) or a month (2024-01).

    Reads 2024-01-12, 12.01.2024, 12 January 2024, January 12, 2024, 12 января 2024 г.,
    12 січня 2024 року, January 2024 and січень 2024; a day without a year is no date.
    """
    found: list[tuple[int, str]] = []
    if match := _ISO_DATE.search(line):
        found.append((match.start(), _iso(match[1], match[2], match[3])))
    if match := _DOTTED_DATE.search(line):
        found.append((match.start(), _iso(match[3], match[2], match[1])))
    for match in _DAY_MONTH_YEAR.finditer(line):
        if month := month_number(match[2]):
            found.append((match.start(), _iso(match[3], str(month), match[1])))
            break
    for match in _MONTH_DAY_YEAR.finditer(line):
        if month := month_number(match[1]):
            found.append((match.start(), _iso(match[3], str(month), match[2])))
            break
    if not found:
        for match in _MONTH_YEAR.finditer(line):
            if month := month_number(match[1]):
                return f"{match[2]}-{month:02d}"
    valid = [(start, iso) for start, iso in found if iso]
    return min(valid)[1] if valid else None


def _iso(year: str, month: str, day: str) -> str:
    from datetime import date

    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""  # 31.02.2024: no such day, no date


# --------------------------------------------------------------------------------------------
# Names: people, agencies, outlets
# --------------------------------------------------------------------------------------------

_UPPER = "A-ZА-ЯЁІЇЄҐ"
_CAPITALISED = rf"[{_UPPER}][\w'’.-]*"
_PARTICLE = r"(?:van|von|de|da|del|der|di|du|la|le|ter|ten|bin|ibn|al|el)\s+"
_PERSON = re.compile(rf"{_CAPITALISED}(?:\s+(?:{_PARTICLE})?{_CAPITALISED}){{1,3}}")
"""A person's name: two to four capitalised words ("Anna Example", "Олена Коваль"), with the
particles some names have ("Anna van Example")."""

_AGENCY_WORD = rf"[{_UPPER}][\w&-]*(?:\.(?=\w)[\w&-]*)*"
_AGENCY = rf"«[^»\n]{{1,40}}»|\"[^\"\n]{{1,40}}\"|{_AGENCY_WORD}(?:[ -]{_AGENCY_WORD}){{0,3}}"
"""An agency or office as a credit names it: «УНІАН», "Interfax", BELTA, РИА Новости."""

_ORGANISATION_WORDS = re.compile(
    r"(?i)\b(?:agency|news|newsroom|staff|editorial|editors?|desk|press|service|media|online"
    r"|агентств\w*|редакци\w*|редакці\w*|служб\w*|новост\w*|новин\w*|пресс?\w*)\b"
)


def is_person(name: str) -> bool:
    """Whether ``name`` reads as a person's name rather than an outlet, agency or login."""
    name = name.strip()
    return bool(_PERSON.fullmatch(name)) and not _ORGANISATION_WORDS.search(name)


def _clean_agency(name: str) -> str:
    return name.strip().strip("«»\"'").strip(" .,;:")


# --------------------------------------------------------------------------------------------
# Credit lines: the agency or office a report says it comes from
# --------------------------------------------------------------------------------------------

_AFTER_EN = r"(?=\s*(?:[.,;:)»\"]|$|\s(?:data|figures|statistics|calculations|estimates)\b))"
_CREDIT_IN_TEXT = re.compile(
    # English: "…, Reuters reports." / "…, BelTA informs" — a clause of its own, after a comma
    rf"(?:^|[,—–]\s*)(?P<before>{_AGENCY})\s+(?:reports|reported|informs|writes|wrote)\b"
    r"(?=\s*(?:[.,;:]|$))"
    # "reported by Interfax", "according to Belstat", "told BelTA"
    rf"|\b(?i:reported by|according to|told)\s+(?P<after_en>{_AGENCY}){_AFTER_EN}"
    # Russian: "передает БЕЛТА", "сообщает «Интерфакс»", "по данным Белстата"
    r"|(?<!\w)(?i:переда[её]т|сообщает|пишет|информирует|по данным|по информации|со ссылкой на"
    rf"|из данных)\s+(?P<after_ru>{_AGENCY})"
    # Ukrainian: "повідомляє «УНІАН»", "передає Укрінформ", "за даними Держстату"
    r"|(?<!\w)(?i:повідомля[єю]|переда[єю]|пише|інформу[єю]|за даними|з посиланням на"
    rf"|з даних)\s+(?P<after_uk>{_AGENCY})"
)
_CREDIT_LINE = re.compile(
    r"^\(?\s*(?:source|sources|via|credit|источник|источники|джерело|джерела)\s*:\s*"
    r"(?P<name>[^\n]{1,80}?)\s*\)?\.?\s*$",
    re.I,
)


def credits_in(line: str) -> list[str]:
    """The agencies a line credits: "Source: BELTA", "передает БЕЛТА", "Reuters reports"."""
    line = line[:MAX_HEADER_LINE]
    if match := _CREDIT_LINE.match(line.strip()):
        names = re.split(r"\s*(?:,|;|\band\b|\bи\b|\bта\b|/)\s*", match["name"])
        return [_clean_agency(n) for n in names if _clean_agency(n)]
    found = []
    for match in _CREDIT_IN_TEXT.finditer(line):
        name = _clean_agency(next(v for v in match.groupdict().values() if v))
        if name:
            found.append(name)
    return found


# --------------------------------------------------------------------------------------------
# Datelines: "MINSK. KAZINFORM", "МИНСК, 12 января —", "April 12, BPN.", "KYIV (Reuters) -"
# --------------------------------------------------------------------------------------------

_CITY = rf"[{_UPPER}][{_UPPER}a-zа-яёіїєґ'’-]+(?:[ -][{_UPPER}][{_UPPER}a-zа-яёіїєґ'’-]+)?"
_CAPS_CITY = rf"[{_UPPER}][{_UPPER}'’-]{{3,}}(?:[ -][{_UPPER}][{_UPPER}'’-]+)?"
_CAPS_AGENCY = rf"[{_UPPER}][{_UPPER}-]{{2,}}"
_DAY_MONTH = rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_WORD})|(?P<m2>{_MONTH_WORD})\s+(?P<d2>\d{{1,2}})"
_AGENCY_STOP = re.compile(
    # "MINSK. KAZINFORM" — city and agency in capitals, a full stop between them
    rf"^(?P<city>{_CAPS_CITY})\.\s+(?P<agency>{_CAPS_AGENCY}[{_UPPER}])(?![\w])[.:,]?"
)
_CITY_DASH = re.compile(
    # "МИНСК, 12 января —", "KYIV, Oct 7 (Reuters) -", "LONDON (Reuters) —", "МОСКВА, 5 мар —
    # РИА Новости.", "Минск, 12 января /БЕЛТА/ —"
    rf"^(?P<city>{_CAPS_CITY}|{_CITY}),?(?:\s+(?:{_DAY_MONTH}))?\.?\s*"
    rf"(?:\((?P<agency>[^()\n]{{2,30}})\)|/(?P<slash>[^/\n]{{2,30}})/)?\.?\s*[-–—]\s+"
    rf"(?:(?P<after>{_CAPS_AGENCY}(?:\s[{_UPPER}][\w-]+)?)\.\s)?"
)
_DAY_AGENCY = re.compile(
    # "April 12, BPN." / "12 января, БЕЛТА." — a day, a month and an agency in capitals
    rf"^(?:{_DAY_MONTH}),\s+(?P<agency>{_CAPS_AGENCY})\."
)


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a report: where it ends in its line, as printed, and its agency."""

    end: int
    text: str
    agency: str | None


def dateline_in(line: str) -> Dateline | None:
    """The dateline at the start of ``line``, if the line opens with one.

    A place before a dash is a dateline only with a day, an agency, or in capitals ("MINSK —"),
    so that a sentence opening with a capitalised word and a dash is not one; a day is a day
    only when its month is a month.
    """
    head = line[:MAX_HEADER_LINE]
    for pattern in (_AGENCY_STOP, _CITY_DASH, _DAY_AGENCY):
        match = pattern.match(head)
        if not match:
            continue
        groups = match.groupdict()
        month = groups.get("m1") or groups.get("m2")
        if month and not month_number(month):
            continue
        agency = groups.get("agency") or groups.get("slash") or groups.get("after")
        city = groups.get("city") or ""
        if pattern is _CITY_DASH and not (month or agency or (city.isupper() and len(city) > 3)):
            continue
        text = head[: match.end()].strip().rstrip("-–—").strip()
        return Dateline(match.end(), text, _clean_agency(agency) if agency else None)
    return None


# --------------------------------------------------------------------------------------------
# Page furniture
# --------------------------------------------------------------------------------------------

_LANGUAGE_CODES = _word_set(
    "en eng english ru rus рус русский ua uk ukr укр українська by be bel бел беларуская "
    "de pl fr es lt lv"
)
_SOCIAL = _word_set(
    "share tweet print email e-mail mail facebook twitter x telegram whatsapp viber vk "
    "вконтакте одноклассники ok linkedin reddit copy link save comment comments subscribe "
    "поделиться поділитися распечатать друк печать копировать скопіювати ссылку посилання "
    "подписаться підписатися комментировать коментувати"
)
_BYLINE = re.compile(
    rf"^(?i:by|written by|author|authors|text|автор|авторы|автори|текст|редактор|editor)"
    rf"\s*[:—–-]?\s+(?P<names>{_CAPITALISED}(?:[\s,&]+(?:and\s+|и\s+|та\s+|і\s+)?"
    rf"{_CAPITALISED}){{0,11}})\s*(?:\(\d[\d\s,]*\s*\w+\))?\s*$"
)
_ARTICLE_COUNT = re.compile(
    r"\(\s*\d[\d,.]*(?:\s\d[\d,.]*)*\s+(?:articles?|posts?|stories|publications?|публикаци\w*|стат\w*"
    r"|материал\w*|матеріал\w*|публікаці\w*)\s*\)",
    re.I,
)
_READING_TIME = re.compile(
    r"^(?:reading time|read time|время чтения|час читання|читать|читати)?\s*:?\s*"
    r"\d{1,3}\s*(?:min(?:ute)?s?|m|мин(?:ут[аы]?)?|хв(?:илин[аи]?)?)\.?"
    r"(?:\s*(?:read|reading|чтения|читання|на чтение|на читання))?\.?$",
    re.I,
)
_COUNTER = re.compile(
    r"^(?:(?:views?|просмотр\w*|перегляд\w*|comments?|коммент\w*|комент\w*)\s*:?\s*\d[\d\s,.]*"
    r"|\d[\d\s,.]*\s*(?:views?|просмотр\w*|перегляд\w*|comments?|коммент\w*|комент\w*))$",
    re.I,
)
_CAPTION_CUE = (
    r"illustrative photo|illustration|photo(?:graph)?(?: credit)?|image|picture|credits?"
    r"|фото(?:графия)?(?: иллюстративное)?|иллюстративное фото|иллюстрация"
    r"|ілюстративне фото|фото ілюстративне|ілюстрація|світлина|скриншот|screenshot"
)
_CAPTION_LINE = re.compile(rf"^(?i:{_CAPTION_CUE})\s*[:—–-]\s")
"""A line opening with a photo's cue: "Photo: Reuters", "Фото — БЕЛТА", "Ілюстрація: …"."""
_CAPTION_INLINE = re.compile(
    r"(?:(?<=\s)|(?<=\())(?i:illustrative photo|photo|фото|иллюстративное фото"
    r"|фото иллюстративное|ілюстративне фото|фото ілюстративне|світлина):\s"
)
"""A caption glued to the text around it: only a photo's cue with a colon, which prose never
writes ("…, Reuters reports Illustrative photo: … (Getty Images)")."""
_CAPTION_END = re.compile(rf"[.!?)]\s+(?=[{_UPPER}])")
_PHOTO_AGENCY = re.compile(
    r"\((?:photo:?\s*|фото:?\s*)?(?:getty images|reuters|ap photo|afp|epa|shutterstock"
    r"|unsplash|depositphotos|pixabay)[^()\n]{0,40}\)",
    re.I,
)
_MAX_CAPTION = 300
_TIMESTAMP_WORDS = re.compile(
    r"(?i)\b(?:published|updated|posted|modified|date|today|yesterday|ago|hours?|minutes?"
    r"|опубликовано|обновлено|дата|сегодня|вчера|назад|час\w*|минут\w*|опубліковано|оновлено"
    r"|сьогодні|учора|вчора|тому|годин\w*|хвилин\w*"
    r"|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|пн|вт|ср|чт|пт|сб|вс|нд|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
    r"|понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя|am|pm|utc|gmt|msk|мск|kyiv)\b"
)
_STAMP_GAP = r"(?:\s{1,3}|\s?[,|]\s{0,3})"
"""Between a stamp's time and date: a few spaces, or a comma or bar: bounded, so that a long run
of spaces costs one step per character, not one per pair."""
_INLINE_TIMESTAMP = re.compile(
    rf"(?<![\d.:])(?:{_TIME.pattern}{_STAMP_GAP}\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}{_STAMP_GAP}{_TIME.pattern})(?![\d.:])"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?P<rest>.*)$", re.I)
_READ_ALSO = re.compile(
    r"^(?:read also|read more|see also|related|also read|читайте также|читайте також"
    r"|см\. также|дивіться також|також читайте|по теме|на тему)\s*[:—–-]",
    re.I,
)
_TAGS = re.compile(r"^(?:tags|теги|тэги|мітки|теґи)\s*:", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:\d{1,3}|(?:page|стр\.?|страница|сторінка|с\.)\s*\d{1,4}(?:\s*(?:/|of|из|з)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|of|из|з)\s*\d{1,4})$",
    re.I,
)
_BREADCRUMB = re.compile(r"^[^/›»>|\n]{1,40}(?:\s+[/›»>|]\s+[^/›»>|\n]{1,80}){2,}$")
_WORDS = re.compile(r"[\w'’-]+")
MAX_FURNITURE_WORDS = 12
"""A line of furniture is short: a timestamp, a byline, a caption's credit, a button row."""


def is_furniture_line(line: str) -> bool:
    """Whether the whole line is page furniture rather than text: a timestamp, a byline, a
    language switch, share buttons, a reading time, a counter, a credit, a caption, tags, a
    breadcrumb, a "Read also" link, a copyright or a page number."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADER_LINE:
        return False
    words = _WORDS.findall(stripped.lower())
    if not words or len(words) > 40:
        return False
    if _CAPTION_LINE.match(stripped) or _READ_ALSO.match(stripped) or _TAGS.match(stripped):
        return True
    if _COPYRIGHT.match(stripped) or _CREDIT_LINE.match(stripped):
        return True
    if len(words) > MAX_FURNITURE_WORDS:
        return False
    return (
        all(w in _LANGUAGE_CODES for w in words)
        or all(w in _SOCIAL for w in words)
        or bool(_BYLINE.match(stripped))
        or bool(_READING_TIME.match(stripped))
        or bool(_COUNTER.match(stripped))
        or bool(_PAGE_NUMBER.match(stripped))
        or bool(_BREADCRUMB.match(stripped))
        or _is_timestamp_line(stripped)
    )


def _is_timestamp_line(line: str) -> bool:
    """A short line that is only a date and/or a time, with words such as "Updated" or a day
    of the week: "12:30, 07.10.2025", "12 января 2024, 14:05", "Published: October 7, 2025"."""
    rest = _TIME.sub(" ", line)
    has_date = bool(date_in(line)) or bool(re.search(rf"\d{{1,2}}\s+{_MONTH_WORD}", line))
    if not (has_date or _TIME.search(line) or re.search(r"(?i)\bago\b|назад|тому", line)):
        return False
    for pattern in (_ISO_DATE, _DOTTED_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _MONTH_YEAR):
        rest = pattern.sub(" ", rest)
    rest = _TIMESTAMP_WORDS.sub(" ", rest)
    leftover = [
        w
        for w in _WORDS.findall(rest)
        if not month_number(w) and not w.isdigit() and w.lower() not in ("г", "р", "року", "года")
    ]
    return not leftover


def line_furniture(line: str, *, opening: bool = False) -> list[tuple[int, int]]:
    """The spans of ``line`` that are page furniture, as offsets in the line.

    The whole line when :func:`is_furniture_line`; else the parts inside it: a caption or photo
    credit (to its sentence's end), a photo agency in brackets, an author's article count, a
    date-and-time stamp, and — when ``opening`` (a line starting the text or a paragraph in
    the header) — the dateline.
    """
    if is_furniture_line(line):
        lead = len(line) - len(line.lstrip())
        return [(lead, len(line.rstrip()))]
    head = line[: MAX_HEADER_LINE * 4]
    spans: list[tuple[int, int]] = []
    if opening and (dateline := dateline_in(head)):
        spans.append((0, dateline.end))
    for match in _CAPTION_INLINE.finditer(head):
        end_match = _CAPTION_END.search(head, match.end(), match.end() + _MAX_CAPTION)
        end = end_match.start() + 1 if end_match else min(len(head), match.end() + _MAX_CAPTION)
        spans.append((match.start(), end))
    for pattern in (_PHOTO_AGENCY, _ARTICLE_COUNT, _INLINE_TIMESTAMP):
        spans += [(m.start(), m.end()) for m in pattern.finditer(line)]
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


REPEATED_LINE = 3
"""A short line printed this many times (digits aside) is a running header or footer."""


def furniture_in_lines(lines: Sequence[str]) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """For every line of ``lines`` with furniture: its index and the spans in it.

    The lines may be raw or normalized (the rules read either). Running headers and footers —
    a short line repeated :data:`REPEATED_LINE` times or more, digits aside ("Page 3 of 50",
    "Trade Notes · 2019") — are furniture wherever they are; datelines only at the start of
    one of the first :data:`HEADER_LINES` non-empty lines.
    """
    shapes = Counter(_shape(line) for line in lines if _is_short(line))
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if _is_short(line) and shapes[_shape(line)] >= REPEATED_LINE:
            lead = len(line) - len(line.lstrip())
            yield index, [(lead, len(line.rstrip()))]
            continue
        spans = line_furniture(line.rstrip("\r\n"), opening=seen <= HEADER_LINES)
        if spans:
            yield index, spans


def _is_short(line: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped.split()) <= MAX_FURNITURE_WORDS
        and not (stripped.endswith((".", "!", "?", ":")))
    )


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` (offsets into it) that are page furniture, in order."""
    lines = text.splitlines(keepends=True)
    starts = list(accumulate((len(line) for line in lines), initial=0))
    return [
        (starts[index] + a, starts[index] + b)
        for index, spans in furniture_in_lines(lines)
        for a, b in spans
    ]


# --------------------------------------------------------------------------------------------
# The header
# --------------------------------------------------------------------------------------------

_SERIES_LINE = re.compile(
    r"\b(?:Policy Memo|Memo|Commentary|Working Paper|Paper|Brief|Report|Analysis|Note|Issue"
    r"|Аналитическая записка|Записка|Доклад|Выпуск|Аналітична записка|Доповідь|Випуск)"
    r"\s+(?:No\.?|№|#)\s*\d+",
    re.I,
)
_YEAR_AT_END = re.compile(r"(?:,\s*|\s)((?:19|20)\d{2})\s*$")
_BULLET = re.compile(r"^\s*[•·*]\s*")


def read_header(text: str) -> Metadata:
    """Propose title, authors, series, publisher and date from the first lines of ``text``,
    and the agencies it credits and its dateline from those lines and its last ones."""
    all_lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line[:MAX_HEADER_LINE] for line in all_lines[:HEADER_LINES]]
    footer = [line[:MAX_HEADER_LINE] for line in all_lines[HEADER_LINES:][-FOOTER_LINES:]]
    origin: dict[str, str] = {}
    title = _title(lines)
    if title:
        origin["title"] = "first lines"
    container = next((line for line in lines if _SERIES_LINE.search(line)), None)
    if container:
        origin["container"] = "first lines"
    authors = _authors(lines, title)
    if authors:
        origin["authors"] = "first lines (bylines)"
    date, date_origin = _date(lines, container, title)
    if date:
        origin["date"] = date_origin
    publisher = _publisher(lines, container)
    if publisher:
        origin["publisher"] = publisher[1]
    dateline = next((d for line in lines if (d := dateline_in(line))), None)
    credits = _distinct(name for line in [*lines, *footer] for name in credits_in(line))
    authors = tuple(a for a in authors if a.lower() not in {c.lower() for c in credits})
    return Metadata(
        title=title,
        authors=authors,
        publisher=publisher[0] if publisher else None,
        container=_series_name(container),
        date=date,
        origin=origin,
        credits=credits,
        dateline=dateline.text if dateline else None,
    )


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    """Names once each, the first spelling kept ("BelTA" and "BELTA" are one agency)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def _series_name(line: str | None) -> str | None:
    """ "SCEEUS Guest Commentary No. 8, 2024" → "SCEEUS Guest Commentary No. 8"."""
    match = _SERIES_LINE.search(line or "")
    return line[: match.end()].strip() if line and match else None


def _title(lines: list[str]) -> str | None:
    """The first line that reads as a headline: a breadcrumb's last part, else a line of 2-25
    words not ending like a sentence, that is not furniture, a dateline or a series line."""
    for line in lines:
        parts = re.split(r"\s+[/›»>]\s+", line)
        if len(parts) >= 3 and all(len(p.split()) <= 12 for p in parts):
            return parts[-1].strip()  # breadcrumb: its last part is the page
        if is_furniture_line(line) or _SERIES_LINE.search(line) or dateline_in(line):
            continue
        if _BULLET.match(line):
            continue
        if 2 <= len(line.split()) <= 25 and not line.endswith((".", ",", ";", ":")):
            return line
    return None


def _authors(lines: list[str], title: str | None) -> tuple[str, ...]:
    """Names on byline lines: "• Anna Example", "By A and B", "Автор: Иван Петров"."""
    found: list[str] = []
    for line in lines:
        if line == title or _SERIES_LINE.search(line):
            continue
        body = _ARTICLE_COUNT.sub("", line).strip()
        if _BULLET.match(body):
            body = _BULLET.sub("", body)
        elif match := _BYLINE.match(body):
            body = match["names"]
        else:
            continue
        for part in re.split(r",\s*|\s+(?:and|и|та|і)\s+|\s*&\s*", body):
            if is_person(part):
                found.append(part.strip())
    return tuple(dict.fromkeys(found))


DATE_LINE_WORDS = 6
"""A header line of this many words or fewer that holds a date is a date line ("December
2018", "Minsk, 12 March 2019"); longer ones date the document only when they are a timestamp,
a byline or a series line."""


def _date(
    lines: list[str], container: str | None, title: str | None = None
) -> tuple[str | None, str]:
    """The first date on a header line that dates the document: a timestamp, a short date
    line, a byline or a series line. A date in the title or in a sentence dates what the text
    reports ("growth for the first time since February 2022"), not the document."""
    for line in lines:
        if line == title or dateline_in(line):
            continue
        dating = (
            len(line.split()) <= DATE_LINE_WORDS
            or _is_timestamp_line(line)
            or _SERIES_LINE.search(line)
            or _BYLINE.match(_ARTICLE_COUNT.sub("", line).split(",")[0].strip())
        )
        if not dating:
            continue
        if date := date_in(line):
            kind = "a timestamp" if _TIME.search(line) else "a date line"
            return date, f"{kind} in the first lines"
    if container and (match := _YEAR_AT_END.search(container)):
        return match.group(1), "the year of the series line"
    return None, ""


def _publisher(lines: list[str], container: str | None) -> tuple[str, str] | None:
    """The outlet: the name on a copyright line ("© 2024 The Minsk Herald"), else the first
    word of a series line ("SCEEUS Guest Commentary No. 8")."""
    for line in lines:
        if match := _COPYRIGHT.match(line):
            name = re.sub(rf"^\s*{_YEAR}(?:\s*[-–]\s*{_YEAR})?\s*", "", match["rest"])
            name = re.split(r"\.\s|\s*[|,]\s*|\s+all rights", name, flags=re.I)[0].strip(" .")
            if name and len(name.split()) <= 6:
                return name, "the copyright line"
    if container:
        match = _SERIES_LINE.search(container)
        before = container[: match.start()].strip() if match else ""
        if before:
            return before.split()[0], "first word of the series line"
    return None
