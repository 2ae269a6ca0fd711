"""What a figure is about: whose statistic it is (reporter), the other economy of a flow between
two (partner), what is measured (indicator), which way goods go (flow), what goods (product) and
how it is measured (measure: level, flow, change, share, index).

News names these the same way in English, Russian and Ukrainian, with different words:

- **the indicator** is a noun (or a verb: "repaid", "погасила", "поставлено") of a closed
  vocabulary (``INDICATORS``, data with its words per language). A noun that takes the figure as
  its complement names it ("a discount of $2", "с дисконтом в $2", "премией – $6–10");
  otherwise the clause's subject does: the first indicator noun of the figure's clause that is
  not inside a prepositional phrase — the head of a noun phrase comes first in all three
  languages and its complements follow ("transit of gasoline … for further export", "the
  internal state debt" after "taking into account differences in exchange rates"). A clause
  that names none takes the clauses before it in the sentence (a list item that opens with its
  own figure, "$353.1 million to the EFSD", is skipped: the figures of a list take the subject
  of its head), then the words after the figure ("Увеличились на 62% поставки литовского
  дизеля"), then the sentences before it in the paragraph, then the previous figure's subject.
  A pronoun before the figure ("it", "он", "вони") sends the search backwards at once. A
  share's indicator is its whole ("¾ всего импортированного дизельного топлива"); the amount
  after it is the part's. An indicator measured in units it cannot take (a supply in USD per
  tonne) is passed over for the next. A count is of the noun it is written with ("110
  deputies") or of what its own sentence names, never of a noun sentences away ("one faction",
  "three stages" count nothing measured); a part is what the clause says of it, not its whole
  ("5 out of 110 deputies were elected as party members"); "the number", "this share", "их
  число" are the figure before (in the sentence, else the sentence before's leading one). A
  relative clause ("which …", "которые …") names the figure only when nothing else does.
- **economies** are found by the stems of their names, adjectives and abbreviations in the
  three languages ("Украина/Украины/Украиной/украинский", "Білорусі/білоруський",
  "Belarus'/Belarusian"; ``ECONOMIES``), each with the role the preposition before it gives
  (from, to, with, through, between, in, against), read with the case its ending shows where
  the preposition has two ("в Украину" is to, "в Украине" in; "с Россией" with, "с России" from).
  Tables of stems and endings were chosen over a morphological analyser: the names are a closed
  set whose inflections are regular and the tables are short. Measured on every Russian and
  Ukrainian word of the measured reports and of the tests, pymorphy3's lemmas (with its Russian
  and Ukrainian dictionaries) name the same economy as the stems for every inflected name; they
  differ only where the analyser lowercases an abbreviation (ЕС, СНГ) or guesses a Ukrainian
  form with the Russian dictionary — and it would add two dependencies and their dictionaries
  for no gain.
- **the reporter** is the economy attached to the indicator ("Belarus' external state debt",
  "экспорт белорусской продукции", "Інфляція в Білорусі", "Импорт Украиной"); for a flow of
  goods between two economies, the end its word names it from (exports: the origin; imports:
  the destination; a neutral "поставки"/"deliveries": the document's economy when it is one of
  the two ends, else the origin); else the sentence's subject economy; else, when the sentence
  names no new subject, the previous figure's; else the economy the document is about (the
  most named one, counted once per text).
- **the partner** is the other end of a flow ("в Украину", "to Russia", "из Польши", "со
  странами СНГ", "Беларуси и Украины" for a turnover), a creditor ("to the IMF") or lender
  ("from Chinese banks"), a counter-currency's economy for an exchange rate ("до долара"), or
  what a poll question is about; a total with the world ("в целом", "total") has none. "These
  countries"/"этих стран"/"цих країн" is the previous figure's partner; "between the two
  states" the pair just named. Figures and economies listed in the same order pair up ("на 48%
  и 58% … из Литвы и Польши"). The economy right after a verb of giving receives ("handed the
  Russian Federation", "передал России"); who takes away is the other side of a loss; who
  lends or borrows reports a loan; a rank is of the economy the clause ranks ("Ukraine is the
  second largest market for Belarus"), a share of a market is reported by the market's economy
  and partners its supplier, an attitude is reported where it is held. A flow's ends are read in
  its own clause or its indicator's, never in a clause set against it ("while", "тогда как").
  A sentence in the other script (a Russian headline an English article cites) is read with its
  own language's words.

Everything is read from bounded windows (the figure's sentence, cut to a few hundred characters
around it, and at most a few sentences of its paragraph before it) with compiled regexes; the
document's economy is counted once per text. Reading a text stays linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from etl.intake.grammar.language import Language
from etl.intake.grammar.modifiers import sentence_language

__all__ = [
    "ECONOMIES",
    "INDICATORS",
    "PRODUCTS",
    "Economy",
    "Indicator",
    "Subject",
    "document_economy",
    "economy_named",
    "indicator_named",
    "read_subject",
]

SENTENCE_BEFORE = 600
"""How far back in its sentence a figure's subject is read (characters)."""
SENTENCE_AFTER = 400
"""How far past the figure its sentence is read."""
PARAGRAPH_BEFORE = 1200
"""How far back in the paragraph the sentences before the figure's are read."""
PARAGRAPH_SENTENCES = 4
"""At most this many sentences before the figure's are read for a subject it leaves unnamed."""
COMPLEMENT_GAP = 40
"""A noun at most this far before the figure, joined to it by a preposition or copula only,
takes the figure as its complement."""
COUNTED_WORDS = 2
"""Goods at most this many words after a figure are what it counts or weighs ("200 tanks",
"132,000 tonnes of munitions", "10 млн тонн нефти"), before any other goods of its clause."""
ATTACHED_WORDS = 3
"""An economy at most this many words from the indicator noun is attached to it."""

# Confidence of a dimension, by where it was read.
CONFIDENCE = {
    "complement": 0.95,
    "clause": 0.9,
    "sentence": 0.8,
    "after": 0.75,
    "paragraph": 0.65,
    "previous": 0.6,
    "document": 0.55,
    "default": 0.6,
    "unit": 0.9,
}


@dataclass(frozen=True)
class Subject:
    """What one figure is about, each dimension with the words it was read from."""

    reporter: str | None
    """The economy whose statistic it is: "Belarus", "Ukraine", "Russia", "European Union"…"""
    partner: str | None
    """For flows between two economies, the other one; None for a total with the world."""
    indicator: str | None
    """What is measured, in the closed vocabulary (``INDICATORS``); None when nothing names it."""
    flow: str | None
    """exports | imports | turnover | balance, for trade and fuel flows."""
    product: str | None
    """goods | services | diesel | gasoline | oil | petroleum products | gas | …"""
    measure: str
    """level | flow | change | share | index."""
    confidence: float
    why: str
    words: dict[str, str] = field(default_factory=dict)
    """Per dimension, the words it was read from; a dimension that was defaulted (the
    document's economy, goods for trade) or carried from the previous figure has no entry."""

    @property
    def read_from_words(self) -> frozenset[str]:
        """The dimensions read from the figure's own words, not defaulted or carried."""
        return frozenset(self.words)


# ---------------------------------------------------------------------------------------------
# Economies


@dataclass(frozen=True)
class Economy:
    """An economy (country, union, group or international lender) and how the three languages
    name it: stems of the name and its adjective (any ending), and abbreviations as written."""

    name: str
    code: str
    """Short code for series ids: ISO 3166 alpha-2 where there is one ("by", "ua")."""
    stems: str
    """Case-insensitive regex alternatives, each matched from a word's start."""
    abbreviations: str = ""
    """Case-sensitive alternatives (ЕС, EU, СНГ, США)."""
    currency: str = ""
    """Case-insensitive stems of its currency's name, read only for exchange rates."""
    lender: bool = False
    """An international lender (IMF, IBRD, EFSD), never a reporter."""


ECONOMIES: tuple[Economy, ...] = (
    Economy(
        "Belarus",
        "by",
        r"belarus\w*|byelorussia\w*|belorussia\w*|беларус\w*|белорус\w*|білорус\w*|minsk\w*"
        r"|минск\w*|мінськ\w*|мінську",
        r"РБ",
    ),
    Economy(
        "Ukraine",
        "ua",
        r"ukrain\w*|украин\w*|україн\w*|kyiv\w*|kiev\w*|киев\w*|києв\w*|київ\w*",
        currency=r"hryvn\w*|гривн\w*|гривен\w*|гривень",
    ),
    Economy(
        "Russia",
        "ru",
        r"russia\w*|the russian federation|росси\w*|российск\w*|росі[яїює]\w*|російськ\w*"
        r"|moscow\w*|москв\w*|москов\w*",
        r"РФ",
    ),
    Economy(
        "non-CIS countries",
        "noncis",
        r"non-cis\w*|вне снг|за пределами снг|дальн\w* зарубеж\w*|за межами снд"
        r"|далек\w* зарубіжж\w*|beyond the cis",
    ),
    Economy(
        "CIS",
        "cis",
        r"commonwealth of independent states|содружеств\w* независим\w* государств\w*"
        r"|співдружн\w* незалежн\w* держав\w*",
        r"CIS|СНГ|СНД",
    ),
    Economy(
        "Eurasian Economic Union",
        "eaeu",
        r"eurasian economic union|евразийск\w* экономическ\w* союз\w*"
        r"|євразійськ\w* економічн\w* союз\w*",
        r"EAEU|EEU|ЕАЭС|ЕАЕС|ЄАЕС",
    ),
    Economy(
        "European Union",
        "eu",
        r"european union|евросоюз\w*|европейск\w* союз\w*|євросоюз\w*|європейськ\w* союз\w*"
        r"|brussels",
        r"EU|ЕС|ЄС",
        currency=r"euros?\b|евро\b|євро\b",
    ),
    Economy(
        "China",
        "cn",
        r"china|chinese|кита[йяеюєї]\w*|китайск\w*|китайськ\w*|beijing|пекин\w*|пекін\w*",
        r"КНР",
        currency=r"yuan\w*|renminbi|юан\w*",
    ),
    Economy("Lithuania", "lt", r"lithuania\w*|литв\w*|литовск\w*|литовськ\w*|vilnius|вильнюс\w*"),
    Economy("Latvia", "lv", r"latvia\w*|латви\w*|латвийск\w*|латві\w*|латвійськ\w*"),
    Economy("Estonia", "ee", r"estonia\w*|эстони\w*|эстонск\w*|естоні\w*|естонськ\w*"),
    Economy(
        "Poland",
        "pl",
        r"poland|polish|польш\w*|польск\w*|польщ\w*|польськ\w*|warsaw|варшав\w*",
        currency=r"zlot\w*|злот\w*",
    ),
    Economy(
        "Germany",
        "de",
        r"german\w*|германи\w*|немецк\w*|німеччин\w*|німецьк\w*|berlin\w*|берлин\w*|берлін\w*",
    ),
    Economy(
        "Kazakhstan",
        "kz",
        r"kazakh\w*|казахстан\w*|казахск\w*|казахськ\w*",
    ),
    Economy(
        "Azerbaijan",
        "az",
        r"azerbaijan\w*|азербайджан\w*",
    ),
    Economy(
        "Venezuela",
        "ve",
        r"venezuela\w*|венесуэл\w*|венесуел\w*",
    ),
    Economy(
        "United States",
        "us",
        r"united states|the us\b|american|соединенн\w* штат\w*|американск\w*|сполучен\w* штат\w*"
        r"|американськ\w*|washington|вашингтон\w*",
        r"USA|США|U\.S\.",
        currency=r"dollar\w*|доллар\w*|долар\w*",
    ),
    Economy(
        "IMF",
        "imf",
        r"international monetary fund|международн\w* валютн\w* фонд\w*"
        r"|міжнародн\w* валютн\w* фонд\w*",
        r"IMF|МВФ",
        lender=True,
    ),
    Economy(
        "IBRD",
        "ibrd",
        r"international bank for reconstruction and development|world bank"
        r"|международн\w* банк\w* реконструкции и развития|всемирн\w* банк\w*"
        r"|міжнародн\w* банк\w* реконструкції та розвитку|світов\w* банк\w*",
        r"IBRD|МБРР",
        lender=True,
    ),
    Economy(
        "EFSD",
        "efsd",
        r"eurasian fund for stabili[sz]ation and development|eurasec anti-crisis fund"
        r"|евразийск\w* фонд\w* стабилизации и развития|антикризисн\w* фонд\w* евразэс"
        r"|євразійськ\w* фонд\w* стабілізації та розвитку",
        r"EFSD|ЕФСР|ЄФСР|ACF",
        lender=True,
    ),
    Economy(
        "EBRD",
        "ebrd",
        r"european bank for reconstruction and development|европейск\w* банк\w* реконструкции"
        r"|європейськ\w* банк\w* реконструкції",
        r"EBRD|ЕБРР|ЄБРР",
        lender=True,
    ),
    Economy(
        "Eurasian Development Bank",
        "edb",
        r"eurasian development bank|евразийск\w* банк\w* развития|євразійськ\w* банк\w* розвитку",
        r"EDB|ЕАБР|ЄАБР",
        lender=True,
    ),
)
"""Every economy the intake names; extend it with the stems of a new name in the three
languages. Order matters where one name contains another: non-CIS before CIS."""

_ECONOMY_BY_NAME = {e.name: e for e in ECONOMIES}


def _economy_pattern(with_currencies: bool) -> re.Pattern[str]:
    parts = []
    for index, economy in enumerate(ECONOMIES):
        alternatives = [f"(?i:(?:{economy.stems}))"]
        if economy.abbreviations:
            alternatives.append(f"(?:{economy.abbreviations})")
        if with_currencies and economy.currency:
            alternatives.append(f"(?i:(?:{economy.currency}))")
        parts.append(f"(?P<e{index}>{'|'.join(alternatives)})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])")


_ECONOMY = _economy_pattern(with_currencies=False)
_ECONOMY_OR_CURRENCY = _economy_pattern(with_currencies=True)
_CURRENCY_WORDS = re.compile(
    "|".join(f"(?:{e.currency})" for e in ECONOMIES if e.currency), re.IGNORECASE
)


def economy_named(word: str) -> str | None:
    """The economy a word names ("Украиной" → Ukraine, "Belarusian" → Belarus), else None."""
    match = _ECONOMY.fullmatch(re.sub(r"(?:['’]s?)$", "", word.strip()))
    return ECONOMIES[int(match.lastgroup[1:])].name if match and match.lastgroup else None


# Roles an economy takes from the words before it.
SOURCE, DEST, WITH, VIA, PAIR, IN, AGAINST, FOR, PART, PLAIN = (
    "source",
    "destination",
    "with",
    "via",
    "pair",
    "in",
    "against",
    "for",
    "part",
    "plain",
)
PARTNER_ROLES = frozenset([SOURCE, DEST, WITH, VIA, PAIR, AGAINST])
OWNER_ROLES = frozenset([PLAIN, IN, FOR])

_ROLE_PREPOSITIONS: dict[str, dict[str, str]] = {
    "en": {
        "from": SOURCE,
        "to": DEST,
        "into": DEST,
        "towards": DEST,
        "toward": DEST,
        "with": WITH,
        "between": PAIR,
        "through": VIA,
        "via": VIA,
        "in": IN,
        "within": IN,
        "inside": IN,
        "against": AGAINST,
        "for": FOR,
        "by": PLAIN,
    },
    "ru": {
        "из": SOURCE,
        "от": SOURCE,
        "у": SOURCE,
        "с": "с",
        "со": "с",
        "в": "в",
        "во": "в",
        "на": "в",
        "к": AGAINST,
        "между": PAIR,
        "через": VIA,
        "для": FOR,
        "перед": DEST,
    },
    "uk": {
        "з": "з",
        "із": "з",
        "зі": "з",
        "від": SOURCE,
        "в": "в",
        "у": "в",
        "на": "в",
        "до": DEST,
        "між": PAIR,
        "через": VIA,
        "для": FOR,
        "щодо": AGAINST,
        "перед": DEST,
    },
}
"""The preposition before an economy, and the role it gives; "в", "с", "з" give one of two,
decided by the case the word after them is in."""
_AGAINST_PHRASE = re.compile(
    r"(?i)(?:по отношению к|относительно|по відношенню до|стосовно|against|relative to|"
    r"versus|vs\.?)\s+(?:\w+\s+){0,2}$"
)
_PART_AFTER = re.compile(
    r"(?i)^\s*(?:пришл\w*|приход\w*|припада\w*|припал\w*|accounted for|accounts for|"
    r"account for|made up|makes up)"
)
_GIVEN_TO = re.compile(
    r"(?i)(?<![\w-])(?:hand(?:ed|s)|gave|give[ns]?|sold|sells?|supplied|supplies|provided"
    r"|provides|lent|lends|sent|sends|will\s+(?:give|sell|supply|provide|lend|send|hand)"
    r"|переда(?:л|[её]т|ст|дут)\w*|прода(?:л|[её]т|ст|дут)\w*|постав(?:ил|ит|ля)\w*|предостав\w*"
    r"|выдел(?:ил|ит|я)\w*|передав\w*|переда[єю]\w*|передаст\w*|продав\w*|продає\w*|продаст\w*"
    r"|постача[вєю]\w*|постав(?:ив|ить|ля)\w*|надав\w*|нада[єю]\w*|надаст\w*|виділ\w*)"
    r"\s+(?:the\s+)?$"
)
"""An economy right after a verb of giving is who receives: "handed the Russian Federation 200
tanks", "передала России", "продає Україні" (the dative, or English's indirect object)."""
_INSTRUMENTAL = re.compile(r"(?i)(?:ой|ей|ёй|ью|ем|ём|ом|ами|ями|ою|ею|єю|ям)$")
_LOCATIVE = re.compile(r"(?i)(?:е|и|і|ї|ах|ях|ську|цьку)$")
"""The locative after "в"/"у" (in), where the accusative is to: "в Минске", "в Україні", and
Ukrainian towns in -ськ take -у ("у Мінську") where "в Україну" is to."""
_ROLE_WORDS = re.compile(r"[\w'’.-]+|[^\w\s]")
_TRANSPARENT = frozenset(
    [
        *("the", "a", "an", "of", "and", "its", "their", "this", "these", "those", "that"),
        *("government", "governments", "bank", "banks", "и", "і", "та", "й", "а", "также"),
        *("правительства", "банков", "банки", "банка", "банк", "уряду", "урядом", "банків"),
    ]
)
"""Words an economy's noun phrase may hold between its preposition and the name ("from the
government and banks of the Russian Federation")."""
_STOP_TOKENS = frozenset(';:.!?()[]«»"“”—–,')
ROLE_WORDS_BACK = 7
"""How many words back from an economy its preposition may be ("from the government and banks
of the Russian Federation")."""


@dataclass(frozen=True)
class Mention:
    """An economy named in a window: where, and the role its preposition gives it."""

    economy: str
    start: int
    end: int
    role: str
    words: str
    currency: bool = False


def _role(text: str, start: int, end: int, floor: int, language: Language) -> str:
    """The role an economy at ``text[start:end]`` takes from the words before it."""
    before = text[max(floor, start - 80) : start]
    if _AGAINST_PHRASE.search(before):
        return AGAINST
    if _PART_AFTER.match(text[end : end + 30]):
        return PART
    if _GIVEN_TO.search(before):
        return DEST
    tokens = _ROLE_WORDS.findall(before)
    prepositions = _ROLE_PREPOSITIONS[language]
    seen: list[str] = []
    nouns = 0
    for token in reversed(tokens[-ROLE_WORDS_BACK:]):
        word = token.lower()
        if word in _STOP_TOKENS or any(ch.isdigit() for ch in word):
            break
        if economy_named(token):
            break  # another economy's phrase: "для Беларуси Украина", "for Belarus, Ukraine"
        if word in prepositions:
            role = prepositions[word]
            after = seen[-1] if seen else text[start:end]
            if role in ("с", "з"):
                return WITH if _INSTRUMENTAL.search(after) else SOURCE
            if role == "в":
                return IN if _LOCATIVE.search(after) else DEST
            return role
        seen.append(word)
        if word in _TRANSPARENT or _ADJECTIVE_ENDING.search(word):
            continue
        nouns += 1
        if nouns > 1:
            break  # past the economy's own noun phrase ("в регионы Украины", "banks of")
    return PLAIN


def mentions(
    text: str, start: int, end: int, language: Language, *, currencies: bool = False
) -> list[Mention]:
    """The economies named in ``text[start:end]``, in order, each with its role."""
    pattern = _ECONOMY_OR_CURRENCY if currencies else _ECONOMY
    found: list[Mention] = []
    for match in pattern.finditer(text, start, end):
        index = int(match.lastgroup[1:]) if match.lastgroup else -1
        if index < 0:
            continue
        if _is_company_name(text, match.start()):
            continue
        economy = ECONOMIES[index]
        is_currency = bool(
            currencies and economy.currency and _CURRENCY_WORDS.fullmatch(match.group())
        )
        role = _role(text, match.start(), match.end(), start, language)
        between = text[found[-1].end : match.start()] if found else ""
        fronted = between.strip() == "," and _COPULA_AFTER.match(text, match.end(), end)
        if found and role == PLAIN and _coordinated(between) and not fronted:
            role = found[-1].role  # "из Литвы и Польши", "Беларуси и Украины"
        found.append(
            Mention(economy.name, match.start(), match.end(), role, match.group(), is_currency)
        )
    return found


_COORDINATION = re.compile(r"(?i)^\s*(?:,|and|и|і|та|й|&)\s*(?:the\s+)?$")


def _coordinated(between: str) -> bool:
    return bool(_COORDINATION.match(between))


_COMPANY_PREFIX = re.compile(r"[A-ZА-ЯЁІЇЄҐ]{2,}-$")


def _is_company_name(text: str, start: int) -> bool:
    """'БНК-Украина', 'A-95': a name joined to an abbreviation by a hyphen is a company's."""
    return bool(_COMPANY_PREFIX.search(text[max(0, start - 12) : start]))


@lru_cache(maxsize=4)
def _document_counts(text: str) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for match in _ECONOMY.finditer(text):
        if match.lastgroup and not _is_company_name(text, match.start()):
            economy = ECONOMIES[int(match.lastgroup[1:])]
            if not economy.lender:
                counts[economy.name] += 1
                first.setdefault(economy.name, match.start())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], first[item[0]]))
    return tuple(ranked)


def document_economy(text: str) -> str | None:
    """The economy a document is about: the one it names most (the first named on a tie).

    Counted once per text (the count is cached on the text itself), so reading every figure of
    a document scans it once."""
    counts = _document_counts(text)
    return counts[0][0] if counts else None


# ---------------------------------------------------------------------------------------------
# Indicators

MONEY, PRICE, QUANTITY, HEADCOUNT, RANK = "money", "price", "quantity", "headcount", "rank"

# How the economies around an indicator read.
OWNED = "owned"  # a stock or statistic of one economy: no partner
GOODS_FLOW = "goods flow"  # goods moving from an origin to a destination
PAIR_FLOW = "pair flow"  # both directions between two economies
LENDER = "lender"  # money received from a lender: the partner is the source
CREDITOR = "creditor"  # money paid to a creditor: the partner is the destination
PRICE_TERMS = "price terms"  # a seller's price to a buyer
COUNTERPART = "counterpart"  # a relation with one other economy
POLL = "poll"  # respondents of one economy, asked about another
RANKED = "ranked"  # one economy's place among another's markets or partners
MARKET = "market"  # one economy's market, supplied in part by another


@dataclass(frozen=True)
class Indicator:
    """One indicator of the closed vocabulary: its topic, the measure it has by default, the
    units it can be measured in (besides percent, times and fractions), how its economies read,
    and its words in each language (regex alternatives matched from a word's start)."""

    name: str
    title: str
    """English words for titles: "external state debt"."""
    topic: str
    measure: str
    units: frozenset[str]
    relation: str
    words: dict[str, str]
    flow: str | None = None
    product: str | None = None
    weak: bool = False
    """A general word ("economy", "debt", "respondents"), passed over when a specific one is in
    the same clause."""
    verb: bool = False
    """Words that are verbs ("repaid", "погасила"): never inside a prepositional phrase."""


def _words(en: str, ru: str, uk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "uk": uk}


_M = frozenset([MONEY])
_MQ = frozenset([MONEY, QUANTITY])
_MP = frozenset([MONEY, PRICE])
_ANY = frozenset([MONEY, PRICE, QUANTITY, HEADCOUNT, RANK])
_RATES: frozenset[str] = frozenset()
_HEADS = frozenset([HEADCOUNT])

INDICATORS: tuple[Indicator, ...] = (
    # --- prices and terms of oil supply (before trade: "экспортной премией") ---
    Indicator(
        "oil_export_premium",
        "export premium on oil",
        "energy",
        "level",
        _MP,
        PRICE_TERMS,
        _words(
            r"export premium\w*|premium\w*",
            r"экспортн\w* преми\w*|преми[яиюей]\w*",
            r"експортн\w* премі\w*|премі[яїюєй]\w*",
        ),
        product="oil",
    ),
    Indicator(
        "oil_price_discount",
        "discount on oil",
        "energy",
        "level",
        _MP,
        PRICE_TERMS,
        _words(r"discount\w*", r"дисконт\w*|скидк\w*|скидок", r"дисконт\w*|знижк\w*|знижок"),
        product="oil",
    ),
    Indicator(
        "oil_transit_tariff",
        "oil transit tariff",
        "energy",
        "level",
        _MP,
        COUNTERPART,
        _words(
            r"(?:oil )?transit tariffs?|tariffs? for (?:the )?(?:oil )?transit|tariffs? for "
            r"(?:the )?(?:oil )?(?:pumping|transport\w*)",
            r"транзитн\w* тариф\w*|тариф\w* (?:на|за) (?:транзит|прокачк|транспортировк)\w*",
            r"транзитн\w* тариф\w*|тариф\w* (?:на|за) (?:транзит|прокачуван|транспортуван)\w*",
        ),
        product="oil",
    ),
    Indicator(
        "oil_tax_maneuver_loss",
        "loss from the oil tax maneuver",
        "subsidies",
        "flow",
        _M,
        COUNTERPART,
        _words(
            r"tax (?:maneuver|manoeuvre)",
            r"налогов\w* маневр\w*",
            r"податков\w* маневр\w*",
        ),
        product="oil",
    ),
    Indicator(
        "oil_subsidy",
        "oil subsidies",
        "subsidies",
        "flow",
        _M,
        COUNTERPART,
        _words(
            r"(?:oil |energy )?(?:subsid\w*|preferences)",
            r"(?:нефтян\w* |энергетическ\w* )?(?:преференци\w*|субсиди\w*|дотаци\w*)",
            r"(?:нафтов\w* |енергетичн\w* )?(?:преференці\w*|субсиді\w*|дотаці\w*)",
        ),
        product="oil",
    ),
    Indicator(
        "price",
        "price",
        "energy",
        "level",
        _MP,
        PRICE_TERMS,
        _words(r"prices?", r"цен[аыуео]\w*", r"цін[аиуі]\w*|ціна"),
        weak=True,
    ),
    # --- trade and fuel flows ---
    Indicator(
        "market_share",
        "market share",
        "trade",
        "share",
        _RATES,
        MARKET,
        _words(
            r"market shares?|shares? of (?:the )?(?:\w+ ){0,3}market|(?:gasoline|petrol|diesel|fuel"
            r"|oil|gas|electricity|food|car|retail|domestic|internal) markets?",
            r"дол[яиюей] (?:\w+ ){0,3}рынк\w*|(?:внутренн\w+ )?рын\w* (?:бензин|дизел|топлив|нефт"
            r"|газ|электроэнерги|продовольстви)\w*",
            r"частк\w* (?:\w+ ){0,3}ринк\w*|(?:внутрішн\w+ )?рин\w* (?:бензин|дизел|палив|пальн"
            r"|нафт|газ|електроенергі|продовольств)\w*",
        ),
    ),
    Indicator(
        "export_market_rank",
        "rank among export markets",
        "trade",
        "level",
        frozenset([RANK]),
        RANKED,
        _words(
            r"(?:(?:largest|biggest|main|leading|\w+-largest) )?(?:export )?"
            r"(?:markets?|destinations?)"
            r"|(?:(?:largest|biggest|main|leading|\w+-largest) )?trad(?:e|ing) partners?",
            r"(?:(?:крупнейш\w*|основн\w*|главн\w*) )?(?:экспортн\w* )?"
            r"(?:рын\w*|торгов\w* партн\w*)",
            r"(?:(?:найбільш\w*|основн\w*|головн\w*) )?(?:експортн\w* )?"
            r"(?:рин\w*|торгов\w* партн\w*|торговельн\w* партн\w*)",
        ),
    ),
    Indicator(
        "trade",
        "trade balance",
        "trade",
        "flow",
        _MQ,
        PAIR_FLOW,
        _words(
            r"trade (?:balance|surplus|deficit)|balance of trade|foreign trade balance",
            r"(?:внешнеторгов\w* |торгов\w* )?сальдо"
            r"|(?:профицит|дефицит)\w* (?:внешней )?торговл\w*",
            r"(?:зовнішньоторговельн\w* |торговельн\w* )?сальдо"
            r"|(?:профіцит|дефіцит)\w* (?:зовнішньої )?торгівл\w*",
        ),
        flow="balance",
    ),
    Indicator(
        "fuel_transit",
        "transit",
        "energy",
        "flow",
        _MQ,
        GOODS_FLOW,
        _words(
            r"transit\w*|trans-?ship\w*",
            r"транзит\w*|перевалк\w*|перевалива\w*",
            r"транзит\w*|перевалк\w*|перевантаж\w*",
        ),
        flow="exports",
    ),
    Indicator(
        "trade",
        "exports",
        "trade",
        "flow",
        _MQ,
        GOODS_FLOW,
        _words(r"export\w*", r"экспорт\w*|вывоз\w*|вывез\w*", r"експорт\w*|вивез\w*|вивіз\w*"),
        flow="exports",
    ),
    Indicator(
        "trade",
        "imports",
        "trade",
        "flow",
        _MQ,
        GOODS_FLOW,
        _words(r"import\w*", r"импорт\w*|ввоз\w*|ввез\w*", r"імпорт\w*|ввез\w*|ввіз\w*"),
        flow="imports",
    ),
    Indicator(
        "trade",
        "trade",
        "trade",
        "flow",
        _MQ,
        PAIR_FLOW,
        _words(
            r"(?:trade|commodity) turnover|turnover|bilateral trade|mutual trade|foreign trade"
            r"|external trade|trade",
            r"товарооборот\w*|внешнеторгов\w* оборот\w*|взаимн\w* торговл\w*|внешн\w* торговл\w*"
            r"|торговл\w*|оборот\w*",
            r"товарообіг\w*|товарооборот\w*|взаємн\w* торгівл\w*|зовнішн\w* торгівл\w*"
            r"|торгівл\w*|товарообор\w*",
        ),
        flow="turnover",
    ),
    Indicator(
        "fuel_supply",
        "supplies",
        "energy",
        "flow",
        _MQ,
        GOODS_FLOW,
        _words(
            r"deliver\w*|suppl(?:y|ies|ied)|shipments?|shipped|pumped",
            r"поставк\w*|поставок|постав[илья]\w*|поставлен\w*|отгрузк\w*|отгрузок|отгруж\w*"
            r"|прокачк\w*",
            r"постачан\w*|постача\w*|постав[илья]\w*|поставк\w*|поставок|відвантаж\w*"
            r"|прокачуван\w*",
        ),
    ),
    Indicator(
        "arms_transfer",
        "arms transferred",
        "security",
        "flow",
        frozenset([QUANTITY, HEADCOUNT]),
        COUNTERPART,
        _words(
            r"hand(?:ed|s|ing)?(?: over)?|transferred|transfers? of|deliver(?:ed|ies) of arms",
            r"переда[лнв]\w*|передач\w*",
            r"переда[лнв]\w*|передач\w*",
        ),
    ),
    # --- debt, reserves and money ---
    Indicator(
        "debt_repayment",
        "debt repayment",
        "debt",
        "flow",
        _M,
        CREDITOR,
        _words(
            r"repa(?:y|id|ying|yment)\w*|redemption\w*|redeem\w*|debt (?:payments?|service|"
            r"servicing)|returned",
            r"погаш\w*|погас[илт]\w*|выплат\w* (?:по )?(?:долг|кредит|займ)\w*"
            r"|обслуживани\w* долг\w*|вернул\w*|возврат\w*",
            r"погашен\w*|погаси\w*|погасил\w*|виплат\w* (?:за )?(?:борг|кредит)\w*"
            r"|обслуговуван\w* борг\w*|повернул\w*|повернен\w*",
        ),
        verb=True,
    ),
    Indicator(
        "state_borrowing",
        "state borrowing",
        "debt",
        "flow",
        _M,
        LENDER,
        _words(
            r"(?:external |state |government |foreign |public )*borrowings?|borrowed",
            r"заимствовани\w*|(?:привлекл|занял|одолжил)\w*",
            r"запозичен\w*|(?:залучил|позичил)\w*",
        ),
        verb=True,
    ),
    Indicator(
        "external_state_debt",
        "external state debt",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"external (?:state|public|government|sovereign) debt|foreign (?:state|public) debt",
            r"внешн\w* (?:государственн\w* |госу?\w* )долг\w*|внешн\w* госдолг\w*",
            r"зовнішн\w* (?:державн\w* )борг\w*|зовнішн\w* держборг\w*",
        ),
    ),
    Indicator(
        "internal_state_debt",
        "internal state debt",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"(?:internal|domestic) (?:state |public |government )?debt",
            r"внутренн\w* (?:государственн\w* )?долг\w*|внутренн\w* госдолг\w*",
            r"внутрішн\w* (?:державн\w* )?борг\w*|внутрішн\w* держборг\w*",
        ),
    ),
    Indicator(
        "external_debt",
        "gross external debt",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"(?:gross )?external debt|foreign debt",
            r"(?:валов\w* )?внешн\w* долг\w*|внешн\w* задолженност\w*",
            r"(?:валов\w* )?зовнішн\w* борг\w*|зовнішн\w* заборгованіст\w*",
        ),
    ),
    Indicator(
        "state_debt",
        "state debt",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"(?:state|public|government|sovereign) debt",
            r"государственн\w* долг\w*|госдолг\w*",
            r"державн\w* борг\w*|держборг\w*",
        ),
    ),
    Indicator(
        "national_debt",
        "national debt",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"national debt|debts?",
            r"национальн\w* долг\w*|долг\w*|задолженност\w*",
            r"національн\w* борг\w*|борг\w*|заборгованіст\w*",
        ),
        weak=True,
    ),
    Indicator(
        "government_bonds",
        "government bonds",
        "debt",
        "flow",
        _M,
        OWNED,
        _words(
            r"(?:government|state|treasury|sovereign) bonds?|eurobonds?|bonds?",
            r"облигаци\w*|еврооблигаци\w*",
            r"облігаці\w*|єврооблігаці\w*|ОВДП",
        ),
    ),
    Indicator(
        "loan",
        "loan",
        "debt",
        "level",
        _M,
        LENDER,
        _words(
            r"(?:state |government )?loans?|credits?|tranches?",
            r"(?:гос)?кредит\w*|за[её]м\w*|займ\w*|транш\w*",
            r"(?:держ)?кредит\w*|позик\w*|транш\w*",
        ),
    ),
    Indicator(
        "international_reserves",
        "international reserves",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"(?:international|gold(?: and (?:foreign )?(?:currency|exchange))?|foreign "
            r"(?:exchange|currency)|fx) reserves|reserve assets|reserves",
            r"золотовалютн\w* резерв\w*|международн\w* резерв\w*|резервн\w* актив\w*|резерв\w*",
            r"золотовалютн\w* резерв\w*|міжнародн\w* резерв\w*|резервн\w* актив\w*|резерв\w*",
        ),
    ),
    Indicator(
        "foreign_currency_deposits",
        "foreign currency deposits",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"(?:foreign )?currency deposits|deposits",
            r"валютн\w* (?:депозит|вклад)\w*|депозит\w*|вклад\w*",
            r"валютн\w* (?:депозит|вклад)\w*|депозит\w*|вклад\w*",
        ),
    ),
    Indicator(
        "net_foreign_assets",
        "net foreign assets",
        "debt",
        "level",
        _M,
        OWNED,
        _words(
            r"net (?:foreign )?assets",
            r"чист\w* (?:иностранн\w* |внешн\w* )?актив\w*",
            r"чист\w* (?:іноземн\w* |зовнішн\w* )?актив\w*",
        ),
    ),
    Indicator(
        "payments_balance",
        "balance of external payments",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"(?:external |international )?payments (?:balance|deficit|surplus)|balance of "
            r"(?:external )?payments|current account\w*",
            r"платежн\w* баланс\w*|(?:сальдо|дефицит|профицит)\w* (?:внешних |международных )?"
            r"платеж\w*|текущ\w* счет\w*",
            r"платіжн\w* баланс\w*|(?:сальдо|дефіцит|профіцит)\w* (?:зовнішніх |міжнародних )?"
            r"платеж\w*|поточн\w* рахун\w*",
        ),
        flow="balance",
    ),
    Indicator(
        "budget_balance",
        "budget balance",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"budget (?:deficit|surplus|balance)",
            r"(?:дефицит|профицит)\w* (?:\w+ )?бюджет\w*|бюджетн\w* (?:дефицит|профицит)\w*",
            r"(?:дефіцит|профіцит)\w* (?:\w+ )?бюджет\w*|бюджетн\w* (?:дефіцит|профіцит)\w*",
        ),
        flow="balance",
    ),
    Indicator(
        "budget_revenue",
        "budget revenue",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"(?:budget )?revenues?|(?:budget )?receipts|budget income",
            r"доход\w* (?:\w+ )?бюджет\w*|бюджетн\w* доход\w*|доход\w*|поступлени\w*",
            r"доход\w* (?:\w+ )?бюджет\w*|бюджетн\w* доход\w*|доход\w*|надходжен\w*",
        ),
    ),
    Indicator(
        "programme_financing",
        "financing of state programmes",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"(?:programme|program) (?:financing|funding)|financing|funding",
            r"финансировани\w*",
            r"фінансуван\w*",
        ),
    ),
    Indicator(
        "exchange_rate",
        "exchange rate",
        "economy",
        "level",
        _MP,
        COUNTERPART,
        _words(
            r"exchange rates?|devalu\w*|depreciat\w*|appreciat\w*",
            r"курс\w*|девальв\w*|продевальвирова\w*|обесцен\w*",
            r"курс\w*|девальв\w*|продевальвова\w*|знецін\w*",
        ),
    ),
    Indicator(
        "inflation",
        "consumer price inflation",
        "economy",
        "change",
        _RATES,
        OWNED,
        _words(
            r"inflation|consumer prices?|(?-i:CPI)",
            r"инфляци\w*|потребительск\w* цен\w*|(?-i:ИПЦ)",
            r"інфляці\w*|споживч\w* цін\w*|(?-i:ІСЦ)",
        ),
    ),
    Indicator(
        "gdp_deflator",
        "GDP deflator",
        "economy",
        "index",
        _RATES,
        OWNED,
        _words(r"(?:GDP )?deflator\w*", r"дефлятор\w*", r"дефлятор\w*"),
    ),
    Indicator(
        "economic_losses",
        "economic losses",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"econom\w* (?:lost|loses|losses)|(?:economic )?loss(?:es)?|lost|damage",
            r"экономик\w* потерял\w*|потер[иья]\w*|потерял\w*|убытк\w*|ущерб\w*",
            r"економік\w* втратил\w*|втрат[иа]\w*|втратил\w*|збитк\w*|збиток",
        ),
    ),
    Indicator(
        "gdp",
        "GDP",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"(?-i:GDP)|gross domestic product|economic growth",
            r"(?-i:ВВП)|валов\w* внутренн\w* продукт\w*|экономическ\w* рост\w*",
            r"(?-i:ВВП)|валов\w* внутрішн\w* продукт\w*|економічн\w* зростан\w*",
        ),
    ),
    Indicator(
        "gdp",
        "GDP",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(r"econom(?:y|ies)", r"экономик\w*", r"економік\w*"),
        weak=True,
    ),
    Indicator(
        "refining_capacity",
        "refining capacity",
        "energy",
        "level",
        frozenset([QUANTITY]),
        OWNED,
        _words(r"(?:refining |annual |processing )?capacit\w*", r"мощност\w*", r"потужн\w*"),
        product="oil",
    ),
    Indicator(
        "oil_refining",
        "oil refining",
        "energy",
        "flow",
        frozenset([QUANTITY]),
        OWNED,
        _words(
            r"(?:oil )?refining(?: volumes?)?|throughput|refinery output",
            r"переработк\w* нефт\w*|нефтепереработк\w*|переработк\w*",
            r"переробк\w* нафт\w*|нафтопереробк\w*|переробк\w*",
        ),
        product="oil",
    ),
    Indicator(
        "industrial_production",
        "industrial production",
        "economy",
        "flow",
        _M,
        OWNED,
        _words(
            r"industrial (?:production|output)|industr(?:y|ies)|(?:volume of )?production"
            r"|output",
            r"промышленн\w* производств\w*|промышленност\w*|производств\w*|выпуск\w*",
            r"промислов\w* виробництв\w*|промисловіст\w*|промисловост\w*|виробництв\w*",
        ),
    ),
    # --- politics, security, opinion ---
    Indicator(
        "positive_attitude",
        "positive attitude",
        "opinion",
        "share",
        _RATES,
        POLL,
        _words(
            r"(?:positive|favou?rable|warm) (?:attitudes?|views?|opinions?)",
            r"(?:положительн|позитивн|хорош)\w* (?:отношени|мнени)\w*",
            r"(?:позитивн|добр)\w* (?:ставлен|думк)\w*",
        ),
    ),
    Indicator(
        "poll_share",
        "respondents",
        "opinion",
        "share",
        frozenset([HEADCOUNT]),
        POLL,
        _words(
            r"respondents|(?:those |people )?(?:polled|surveyed|questioned)",
            r"респондент\w*|опрошенн\w*|опрос\w*",
            r"респондент\w*|опитан\w*|опитуван\w*",
        ),
        weak=True,
    ),
    Indicator(
        "parliament_opposition_seats",
        "opposition seats in parliament",
        "politics",
        "level",
        _HEADS,
        OWNED,
        _words(
            r"opposition (?:deputies|members|candidates|MPs|seats)",
            r"оппозиционн\w* (?:депутат|кандидат)\w*",
            r"опозиційн\w* (?:депутат|кандидат)\w*",
        ),
    ),
    Indicator(
        "parliament_party_seats",
        "party seats in parliament",
        "politics",
        "level",
        _HEADS,
        OWNED,
        _words(
            r"(?:party|parties) (?:deputies|members|representatives)|representatives of "
            r"(?:political )?parties",
            r"(?:партийн\w* депутат|представител\w* (?:политических )?парти)\w*",
            r"(?:партійн\w* депутат|представник\w* (?:політичних )?парті)\w*",
        ),
    ),
    Indicator(
        "parliament_seats",
        "seats in parliament",
        "politics",
        "level",
        _HEADS,
        OWNED,
        _words(
            r"seats|deputies|members of parliament|(?-i:MPs)",
            r"мандат\w*|депутат\w*",
            r"мандат\w*|депутат\w*",
        ),
    ),
    Indicator(
        "embassy_staff",
        "embassy staff",
        "politics",
        "level",
        _HEADS,
        COUNTERPART,
        _words(
            r"(?:embassy|diplomatic) (?:staff|personnel|employees)|diplomats",
            r"(?:сотрудник|работник)\w* посольств\w*|дипломат\w*",
            r"(?:працівник|співробітник)\w* посольств\w*|дипломат\w*",
        ),
    ),
    Indicator(
        "military_facility_rent",
        "rent for military facilities",
        "subsidies",
        "flow",
        _M,
        COUNTERPART,
        _words(
            r"rent\w*|lease\w*|(?:its |their )?military (?:facilities|bases|installations)",
            r"аренд\w*|военн\w* (?:объект|баз)\w*",
            r"оренд\w*|військов\w* (?:об['’]єкт|баз)\w*",
        ),
    ),
    Indicator(
        "troops",
        "troops",
        "security",
        "level",
        _HEADS,
        COUNTERPART,
        _words(
            r"troops|soldiers|servicemen|military personnel|contingent",
            r"военнослужащ\w*|войск\w*|солдат\w*|контингент\w*",
            r"військовослужбовц\w*|військ\w*|солдат\w*|контингент\w*",
        ),
    ),
    Indicator(
        "soe_share_of_debt",
        "state-owned enterprises' share of debt",
        "debt",
        "share",
        _RATES,
        OWNED,
        _words(
            r"(?:state-owned enterprises|state enterprises|(?-i:SOEs?))(?= (?:\w+ ){0,6}debt)",
            r"(?:госпредприяти|государственн\w* предприяти)\w*(?= (?:\S+ ){0,6}долг)",
            r"(?:держпідприємств|державн\w* підприємств)\w*(?= (?:\S+ ){0,6}борг)",
        ),
    ),
    Indicator(
        "soe_share_of_gdp",
        "state-owned enterprises' share of GDP",
        "economy",
        "share",
        _RATES,
        OWNED,
        _words(
            r"state-owned enterprises|state enterprises|(?-i:SOEs?)",
            r"госпредприяти\w*|государственн\w* предприяти\w*",
            r"держпідприємств\w*|державн\w* підприємств\w*",
        ),
    ),
    Indicator(
        "it_share_of_gdp",
        "IT industry's share of GDP",
        "economy",
        "share",
        _RATES,
        OWNED,
        _words(
            r"(?-i:IT) (?:sector|industry)|information technolog\w*|high-tech park",
            r"(?-i:IT)-?(?:сектор|отрасл)\w*|(?-i:ИТ)|информационн\w* технолог\w*",
            r"(?-i:IT)-?(?:сектор|галуз)\w*|(?-i:ІТ)|інформаційн\w* технолог\w*",
        ),
    ),
    Indicator(
        "transfer_payments",
        "payments",
        "subsidies",
        "flow",
        _M,
        COUNTERPART,
        _words(
            r"payments?|paid|transfers?",
            r"выплат\w*|платеж\w*|заплатил\w*|перечисл\w*",
            r"виплат\w*|платеж\w*|сплатил\w*|перерах\w*",
        ),
        weak=True,
    ),
)
"""The closed vocabulary of indicators, most specific words first (a regex alternation takes
the first alternative that matches at a place: "external state debt" before "state debt"
before "debt"). Extend it with an entry and its words in the three languages."""

INDICATOR_NAMES: tuple[str, ...] = tuple(dict.fromkeys(i.name for i in INDICATORS))
_INDICATOR_BY_NAME = {i.name: i for i in reversed(INDICATORS)}


def _term_pattern(language: str) -> re.Pattern[str]:
    parts = [f"(?P<t{k}>{i.words[language]})" for k, i in enumerate(INDICATORS)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


_TERMS = {language: _term_pattern(language) for language in ("en", "ru", "uk")}


@dataclass(frozen=True)
class Term:
    """An indicator's word in a window."""

    entry: Indicator
    start: int
    end: int
    words: str
    modifier: bool
    """Inside a prepositional phrase: a complement of another noun, not the clause's head."""


def terms(text: str, start: int, end: int, language: Language) -> list[Term]:
    """The indicator words in ``text[start:end]``, in order."""
    found = []
    goods = [(m.start(), m.end()) for m in _PRODUCTS[language].finditer(text, start, end)]
    for match in _TERMS[language].finditer(text, start, end):
        if not match.lastgroup or any(
            a <= match.start() and match.end() <= b and (a, b) != match.span() for a, b in goods
        ):
            continue  # a word of a product's name ("water supply"), not an indicator
        entry = INDICATORS[int(match.lastgroup[1:])]
        modifier = not entry.verb and _in_phrase(text, start, match.start(), language)
        found.append(Term(entry, match.start(), match.end(), match.group(), modifier))
    return found


def indicator_named(words: str, language: Language) -> str | None:
    """The indicator a phrase names ("внешний государственный долг" → external_state_debt)."""
    found = terms(words, 0, len(words), language)
    return found[0].entry.name if found else None


_PREPOSITIONS = {
    "en": r"of|for|in|into|through|from|to|with|on|by|at|about|against|via|over|under|due to",
    "ru": r"в|во|на|с|со|из|от|для|по|при|о|об|к|за|через|у|до|между|под|над",
    "uk": r"в|у|на|з|із|зі|від|для|по|при|про|до|за|через|між|під|над",
}
_PHRASE = {
    language: re.compile(
        rf"(?i)(?:^|[\s(])(?:{words})\s+(?:the\s+|a\s+|an\s+)?(?P<between>(?:[^\s\d.,;:()]+\s+)"
        r"{0,2})$"
    )
    for language, words in _PREPOSITIONS.items()
}
_TIME_WORD = re.compile(
    r"(?i)^(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|year|quarter|half|month|week|period|first|second|third|last|this|early|"
    r"январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|год|"
    r"полугод|квартал|месяц|недел|итог|перв|втор|трет|прошл|текущ|"
    r"січ|лют|берез|квіт|травн|черв|лип|серп|верес|жовт|листопад|груд|рок|рік|півріч|"
    r"місяц|тижн|підсумк|минул|поточн)"
)


def _in_phrase(text: str, floor: int, start: int, language: Language) -> bool:
    """Whether the word at ``start`` is a preposition's complement ("for further export", "во
    внешней торговле", "differences in currency exchange rates"), not a temporal phrase
    before the clause's subject ("In December the international payments deficit", "В первом
    полугодии экспорт")."""
    before = text[max(floor, start - 50) : start]
    match = _PHRASE[language].search(before)
    if not match:
        return False
    between = match.group("between").split()
    return not any(_TIME_WORD.match(word) for word in between)


# ---------------------------------------------------------------------------------------------
# Products


@dataclass(frozen=True)
class Product:
    """Goods a flow or price is of, and their words in each language."""

    name: str
    words: dict[str, str]
    weak: bool = False
    """A general word ("fuel", "топливо"), passed over when a specific one is near."""


PRODUCTS: tuple[Product, ...] = (
    Product(
        "petroleum products",
        _words(
            r"petroleum products|oil products|refined products",
            r"нефтепродукт\w*",
            r"нафтопродукт\w*",
        ),
    ),
    Product("diesel", _words(r"diesel\w*", r"дизел\w*|дизельн\w*", r"дизел\w*|дизельн\w*")),
    Product("gasoline", _words(r"gasoline|petrol", r"бензин\w*", r"бензин\w*")),
    Product("oil", _words(r"(?:crude )?oil|crude", r"нефт\w*", r"нафт\w*")),
    Product(
        "gas",
        _words(
            r"(?:natural |liquefied )?gas|(?-i:LNG|LPG)",
            r"газ|газа|газу|газом|газе|(?:сжижен|природн)\w* газ\w*",
            r"газ|газу|газом|газі|(?:скраплен|природн)\w* газ\w*",
        ),
    ),
    Product(
        "electricity",
        _words(
            r"(?:supply of )?electricity(?: supply)?|electric power",
            r"электроэнерги\w*|электроснабжени\w*",
            r"електроенергі\w*|електропостачан\w*",
        ),
    ),
    Product("potash", _words(r"potash", r"кали[йя]\w*|калийн\w*", r"калі[йю]\w*|калійн\w*")),
    Product("fertilisers", _words(r"fertili[sz]ers?", r"удобрени\w*", r"добрив\w*")),
    Product(
        "food", _words(r"food\w*", r"продовольстви\w*|продукт\w* питани\w*", r"продовольств\w*")
    ),
    Product(
        "armoured vehicles",
        _words(
            r"tanks|armou?red vehicles|infantry fighting vehicles|(?-i:BMP|APCs?)|trucks",
            r"танк\w*|бронетехник\w*|(?-i:БМП|БТР)|грузовик\w*",
            r"танк\w*|бронетехнік\w*|(?-i:БМП|БТР)|вантажівк\w*",
        ),
    ),
    Product(
        "munitions",
        _words(
            r"munitions|ammunition|shells", r"боеприпас\w*|снаряд\w*", r"боєприпас\w*|снаряд\w*"
        ),
    ),
    Product(
        "mining",
        _words(r"mining|extractive|quarrying", r"добывающ\w*|добыч\w*", r"добувн\w*|видобу\w*"),
    ),
    Product(
        "manufacturing",
        _words(r"manufactur\w*", r"обрабатывающ\w*", r"переробн\w*"),
    ),
    Product(
        "water supply",
        _words(
            r"water supply|sewerage|waste management",
            r"водоснабжени\w*|канализаци\w*",
            r"водопостачан\w*|каналізаці\w*",
        ),
    ),
    Product(
        "petroleum products",
        _words(r"fuels?", r"топлив\w*|горюч\w*", r"палив\w*|пальн\w*"),
        weak=True,
    ),
    Product("services", _words(r"services", r"услуг\w*", r"послуг\w*")),
    Product(
        "goods",
        _words(r"goods|merchandise|commodit\w*", r"товар\w*|продукци\w*", r"товар\w*|продукці\w*"),
    ),
)
"""What goods a flow or price is of, most specific first (oil products before oil)."""
FUELS = frozenset(["petroleum products", "diesel", "gasoline", "oil", "gas", "electricity"])
"""Products whose trade is a fuel supply: a flow of fuel is read as ``fuel_supply``."""


def _product_pattern(language: str) -> re.Pattern[str]:
    parts = [f"(?P<p{k}>{p.words[language]})" for k, p in enumerate(PRODUCTS)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?!\w)", re.IGNORECASE)


_PRODUCTS = {language: _product_pattern(language) for language in ("en", "ru", "uk")}


def products(text: str, start: int, end: int, language: Language) -> list[tuple[str, int, str]]:
    """The products named in ``text[start:end]``: (name, position, words), specific ones first
    (a general word only where no specific one is named: "дизельного топлива" is diesel)."""
    found = [
        (PRODUCTS[int(m.lastgroup[1:])], m.start(), m.group())
        for m in _PRODUCTS[language].finditer(text, start, end)
        if m.lastgroup
    ]
    specific = [(p.name, at, words) for p, at, words in found if not p.weak]
    return specific or [(p.name, at, words) for p, at, words in found]


# ---------------------------------------------------------------------------------------------
# Windows: the sentence around a figure, its clauses, the sentences before it


_FIGURE = re.compile(
    r"(?:[$€₽£]\s?|\b(?:USD|EUR|RUB|BYN|BYR|UAH|Br)\s?)?\d(?:[\d.,]|\s(?=\d{3}\b))*"
    r"|[¼½¾⅓⅔⅛]"
)
_BOUNDARY = re.compile(
    r"[;:()\[\]]|,\s|\s[–—-]\s|\s[–—](?=\S)|(?<=\S)[–—]\s|(?<![\s\d])—(?![\s\d])"
    r"|\s(?:and|or|и|или|і|та|й|або)\s+(?=(?:[$€₽£]|USD|EUR|Br)?\s?\d)"
    r"|(?i:\s(?:while|whereas|тогда\s+как|в\s+то\s+время\s+как|тоді\s+як|у\s+той\s+час\s+як"
    r"|в\s+той\s+час\s+як)\s)"
)
"""Where a clause ends: punctuation, a spaced dash or an em dash set between words ("after
Russia—and Minsk", "the “tax maneuver”—export duties"), a conjunction before the next item of
a list of figures ("$300 million for eurobonds and $250 million to China"), or one that sets
a clause against another ("imported $1.5 billion while exporting $5.4 billion")."""
_ITEM = re.compile(
    r"(?i)^\s*(?:including|incl\.|of which|and|as well as|в том числе|в т\.\s?ч\.|из них|и|а также"
    r"|у тому числі|зокрема|з них|і|та|й)?\s*(?:[$€₽£]|USD|EUR|RUB|BYN|BYR|UAH|Br)?\s?\d"
)
_PRONOUN = re.compile(
    r"(?i)(?<!\w)(?:it|its|they|them|their|these|those|он|она|оно|они|его|её|ее|их|эти|він|"
    r"вона|воно|вони|його|її|їх|ці|такі|such)(?!\w)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“„(]?[A-ZА-ЯЁІЇЄҐ0-9])|\n+")


@dataclass(frozen=True)
class Window:
    """The figure's sentence cut to a bounded window, and its clauses."""

    start: int
    end: int
    figure: tuple[int, int]
    segments: tuple[tuple[int, int], ...]
    own: int
    """Index of the clause the figure is in."""

    @property
    def segment(self) -> tuple[int, int]:
        return self.segments[self.own]

    def before_own(self) -> Iterator[tuple[int, int]]:
        """The clauses before the figure's, nearest first."""
        return reversed(self.segments[: self.own])

    def after_own(self) -> Iterator[tuple[int, int]]:
        return iter(self.segments[self.own + 1 :])

    def statement_end(self, text: str) -> int:
        """Where the figure's statement ends: a semicolon after it starts another ("over 5% of
        GDP by 2018; the future would be murky under a Russia-dominated economy")."""
        stop = text.find(";", self.figure[1], self.end)
        return self.end if stop < 0 else stop


def _window(text: str, figure: tuple[int, int], sentence: tuple[int, int]) -> Window:
    start = max(sentence[0], figure[0] - SENTENCE_BEFORE)
    end = min(max(sentence[1], figure[1]), figure[1] + SENTENCE_AFTER)
    cuts = [start]
    for match in _BOUNDARY.finditer(text, start, end):
        if figure[0] < match.end() <= figure[1] or figure[0] <= match.start() < figure[1]:
            continue  # a dash or comma inside the figure ("$6–10", "1,571.9")
        cuts.extend((match.start(), match.end()))
    cuts.append(end)
    segments = []
    for left, right in zip(cuts[::2], cuts[1::2], strict=False):
        if right > left:
            segments.append((left, right))
    if not segments:
        segments = [(start, end)]
    own = next(
        (k for k, (left, right) in enumerate(segments) if left <= figure[0] < right),
        len(segments) - 1,
    )
    return Window(start, end, figure, tuple(segments), own)


def _is_item(text: str, segment: tuple[int, int]) -> bool:
    """A list item opens with its own figure ("$353.1 million to the EFSD", "и 58%")."""
    return bool(_ITEM.match(text[segment[0] : segment[1]]))


def _sentences_before(
    text: str, sentence: tuple[int, int], paragraph: tuple[int, int]
) -> list[tuple[int, int]]:
    """The sentences of the paragraph before the figure's, nearest first (at most a few)."""
    start = max(paragraph[0], sentence[0] - PARAGRAPH_BEFORE)
    if start >= sentence[0]:
        return []
    cuts = [start] + [m.end() for m in _SENTENCE_END.finditer(text, start, sentence[0])]
    spans = [(a, b) for a, b in zip(cuts, [*cuts[1:], sentence[0]], strict=True) if b > a]
    return list(reversed(spans))[:PARAGRAPH_SENTENCES]


# ---------------------------------------------------------------------------------------------
# The indicator


def unit_kind(unit: str) -> str | None:
    """What kind of quantity a unit measures: money, a price, a physical quantity, a headcount,
    a rank; None for a ratio (percent, times, fraction), which any indicator can be in."""
    if unit in ("percent", "percentage points", "times", "fraction") or unit.startswith("percent"):
        return None
    if " per " in unit:
        head = unit.split(" per ")[0]
        return PRICE if re.fullmatch(r"[A-Z]{3}", head) else QUANTITY
    if re.fullmatch(r"[A-Z]{3}", unit):
        return MONEY
    if unit in ("persons", "count"):
        return HEADCOUNT
    if unit == "rank":
        return RANK
    return QUANTITY


def _fits(entry: Indicator, kind: str | None) -> bool:
    return kind is None or kind in entry.units


def _pick(found: Iterable[Term], kind: str | None) -> Term | None:
    """The clause's indicator among its words: a head before a complement, a specific word
    before a general one, the first of a kind (the subject comes first)."""
    usable = [t for t in found if _fits(t.entry, kind)]
    for modifier in (False, True):
        for weak in (False, True):
            for term in usable:
                if term.modifier == modifier and term.entry.weak == weak:
                    return term
    return None


_RELATIVE = re.compile(
    r"(?i)\s*(?:which|who|whose|that|котор\w+|чей|чья|чьи|як(?:ий|а|е|і|ого|ої|их|им|ими)"
    r"|котр\w+|чий|чия|чиї)(?!\w)"
)
"""A relative clause describes the noun before it ("SOEs, which took cheap credits, hold 45%"):
its nouns name the figure only when the sentence's other clauses name nothing ("Частка
українців, які мають позитивне ставлення до Білорусі, — 20%")."""
_PART_OF_WHOLE = re.compile(
    r"(?i)\s+(?:out\s+of|of|из|з|із)\s+\d[\d.,\s]*(?:[^\W\d_]+\s+)?[^\W\d_]+"
)
"""The whole after a part ("5 out of 110 deputies were elected as party members"): its noun is
the whole's; what the part is comes after it."""
_NUMBER_ANAPHOR = re.compile(
    r"(?i)(?<!\w)(?:(?:the|this|that|their|its)\s+(?:number|figure|count|total|share)"
    r"|(?:это|эта|этот|их|его|ее|её)\s+(?:число|цифр\w*|количеств\w*|показател\w*|дол\w+)"
    r"|(?:це|ця|цей|їх|їхн\w+|його|її)\s+(?:число|цифр\w*|кількіст\w*|показник\w*|частк\w*))"
    r"(?!\w)"
)
"""A clause that calls its figure "the number", "эта цифра", "їх кількість" speaks of the figure
of the sentence before."""
_COMPLEMENT = re.compile(
    r"(?i)^\s*(?:of|at|worth|totall?ing|amounting to|was|were|is|are|amounted to|totall?ed"
    r"|stood at|reached|в|во|на|на уровне|в размере|в объеме|в сумме|составил\w*|составля\w*"
    r"|у розмірі|на рівні|обсягом|сумою|склал\w*|становит\w*|становил\w*|[-–—:])?"
    r"\s*(?:only|just|about|around|almost|nearly|up to|some|почти|около|порядка|примерно|лишь"
    r"|всего|майже|близько|приблизно|лише)?\s*(?:[$€₽£]|USD|EUR|Br)?\s*$"
)
_WHOLE = re.compile(
    r"(?i)^\s*(?:%|percent|per cent|процент\w*|відсот\w*)?\s*(?:of\s+(?:all\s+|total\s+|the\s+)?"
    r"|(?:от\s+|из\s+|від\s+|з\s+)?(?:всего|всей|всех|общего|общей|общих|усього|всього"
    r"|загальн\w*)\s+)"
)
_SHARE_WORD = re.compile(
    r"(?i)(?<!\w)(?:share|proportion|portion|part of|accounted for|accounts for|дол[яиюей]|"
    r"част[ьиюей]\b|пришл\w*|приход\w*|частк\w*|частин\w*|припада\w*)(?!\w)"
)
_GROWTH_NOUN = re.compile(
    r"(?i)(?<!\w)(?:growth|increase|decrease|decline|rise|fall|drop|gain|lag|contraction|"
    r"expansion|change|рост\w*|прирост\w*|снижени\w*|сокращени\w*|падени\w*|увеличени\w*|"
    r"уменьшени\w*|темп\w*|изменени\w*|спад\w*|зростан\w*|приріст\w*|знижен\w*|скорочен\w*|"
    r"падін\w*|збільшен\w*|зменшен\w*|змін\w*)(?!\w)"
)
_INDEX_WORD = re.compile(
    r"(?i)(?<!\w)(?:index|indices|индекс\w*|індекс\w*|(?:in\s+)?comparable prices|"
    r"сопоставим\w* цен\w*|порівнянн\w* цін\w*|constant prices|постоянн\w* цен\w*)(?!\w)"
)
_BASE = re.compile(
    r"(?i)(?<!\w)(?:compared|against|over the same|year-on-year|y/y|к\s|по сравнению|"
    r"относительно|до\s+аналогічн|порівняно|відносно|in comparison)"
)


@dataclass(frozen=True)
class Found:
    """A dimension's reading: its value, the words, and where they were."""

    value: str | None
    words: str | None
    where: str


def _indicator(
    text: str,
    window: Window,
    before: list[tuple[int, int]],
    language: Language,
    kind: str | None,
    previous: Subject | None,
    *,
    refers_back: bool = False,
) -> tuple[Term | None, str]:
    """The term naming the figure's indicator, and where it was found. A count is of the noun
    it is written with, else of what its sentence names: never of a noun sentences away ("one
    faction", "three stages" count nothing an indicator measures). ``refers_back``: the
    clause calls it "the number", whose indicator is the previous sentence's."""
    figure = window.figure
    seg_start, seg_end = window.segment
    counted = _pick(
        (
            t
            for t in terms(text, seg_start, seg_end, language)
            if t.start < figure[1] and figure[0] < t.end
        ),
        kind,
    )
    if counted is None and kind == RANK:
        counted = _pick(
            (
                t
                for t in terms(text, figure[1], seg_end, language)
                if len(text[figure[1] : t.start].split()) <= COUNTED_WORDS
            ),
            kind,
        )  # "a second export market": what the ordinal ranks
    if counted is not None and kind in (HEADCOUNT, QUANTITY, RANK):
        return counted, "complement"  # "110 deputies", "second-largest export market"
    whole = _PART_OF_WHOLE.match(text, figure[1], seg_end)
    if whole is not None:  # "5 out of 110 deputies were elected as …": not the whole's noun
        figure = (figure[0], whole.end())

    def ours(found: list[Term], floor: int) -> list[Term]:
        """The terms that may be this figure's: not a whole's noun after it, nor (for a
        count) a noun another number counts."""
        return [
            t
            for t in found
            if not figure[1] > t.start >= window.figure[1]
            and not (kind == HEADCOUNT and _counted_by_another(text, floor, t, window.figure))
        ]

    own = ours(terms(text, seg_start, seg_end, language), seg_start)
    reach = max(window.start, figure[0] - COMPLEMENT_GAP)
    near = [
        t
        for t in ours(terms(text, reach, figure[0], language), reach)
        if _COMPLEMENT.match(text[t.end : figure[0]])
    ]
    if near and _fits(near[-1].entry, kind):
        return near[-1], "complement"
    heads = _pick((t for t in own if t.end <= figure[0]), kind)
    if heads:
        return heads, "clause"
    if refers_back:
        return None, "previous"  # "the number rose to 15": the previous sentence's figure
    anaphoric = bool(_PRONOUN.search(text, seg_start, figure[0]))
    clauses = [s for s in window.before_own() if not _is_item(text, s)]
    for relative in (False, True):  # a relative clause describes the noun before it
        for segment in clauses:
            if bool(_RELATIVE.match(text, *segment)) != relative:
                continue
            found = _pick(ours(terms(text, *segment, language), segment[0]), kind)
            if found:
                return found, "sentence"
    if not anaphoric:
        after = _pick((t for t in own if t.start >= figure[1]), kind)
        if after:
            return after, "after"
        for segment in window.after_own():
            found = _pick(terms(text, *segment, language), kind)
            if found:
                return found, "after"
    if kind == HEADCOUNT:
        return None, "none"  # a count is of what its own sentence names, or of nothing
    for sentence in before:
        found = _pick(terms(text, *sentence, language), kind)
        if found:
            return found, "paragraph"
    return None, "previous" if previous and previous.indicator else "none"


def _counted_by_another(text: str, floor: int, term: Term, figure: tuple[int, int]) -> bool:
    """A noun right after another number is what that number counts ("Из 110 депутатов только
    5 избраны как …", "Of the 110 deputies, 5 …"): not what this count counts."""
    before = text[max(floor, term.start - 24) : term.start]
    other = _COUNTED_AFTER.search(before)
    return (
        other is not None and not figure[0] <= term.start - len(before) + other.start() < figure[1]
    )


_COUNTED_AFTER = re.compile(r"\d[\d.,]*\s+(?:[^\W\d_]+\s+)?$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_WHOLE_BEFORE = re.compile(r"(?i)(?<!\w)(?:out\s+of|of|из|з|із)\s+(?:the\s+)?$")
"""A number after "of", "из", "з" is a whole its part is taken from ("Из 110 депутатов 5 …")."""


def _whole(text: str, figure: tuple[int, int], end: int, language: Language) -> Term | None:
    """The whole a share is of: "¾ всего импортированного дизельного топлива", "33 percent of
    respondents", "20% доходов бюджета" (a term right after the figure)."""
    after = text[figure[1] : end]
    match = _WHOLE.match(after)
    offset = figure[1] + (match.end() if match else 0)
    if not match:
        percent = re.match(r"(?i)\s*(?:%|percent|per cent|процент\w*|відсот\w*)\s*", after)
        if not percent:
            return None
        offset = figure[1] + percent.end()
    found = terms(text, offset, min(end, offset + 80), language)
    if not found or (not match and found[0].start != offset):
        return None
    return found[0]


def _measure(
    text: str,
    window: Window,
    entry: Indicator | None,
    unit: str,
    is_change: bool,
    whole: Term | None,
) -> Found:
    """How the figure measures its indicator: a change, share, index, flow or level."""
    own = text[window.segment[0] : window.segment[1]]
    sentence = text[window.start : window.end]
    default = entry.measure if entry else "level"
    if is_change:
        return Found("change", "a change", "unit")
    if unit in ("times", "percentage points"):
        return Found("change", unit, "unit")
    if unit == "fraction":
        return Found("share", unit, "unit")
    if unit_kind(unit) is not None:  # an amount: a flow or a level, as its indicator is
        if default in ("flow", "level"):
            return Found(default, unit, "unit")
        return Found("flow" if entry and entry.relation != POLL else "level", unit, "unit")
    share = _SHARE_WORD.search(own)
    if whole is not None:
        return Found("share", whole.words, "clause")
    if share:
        return Found("share", share.group(), "clause")
    growth = _GROWTH_NOUN.search(own)
    if growth:
        return Found("change", growth.group(), "clause")
    index = _INDEX_WORD.search(sentence)
    if index:
        return Found("index", index.group(), "sentence")
    if default in ("share", "change", "index"):
        return Found(default, None, "default")
    base = _BASE.search(own)
    if base:
        return Found("change", base.group().strip(), "clause")
    return Found("share", None, "default")


# ---------------------------------------------------------------------------------------------
# Economies around the indicator

_TOTAL = re.compile(
    r"(?i)(?<!\w)(?:в целом|в цілому|в совокупности|в сумме|загалом|у сумі|разом|overall|"
    r"in total|total|altogether|combined|with the world|со всем миром|з усім світом)(?!\w)"
)
_THESE = re.compile(
    r"(?i)(?<!\w)(?:(?:из|в|с|со|для|между|на)\s+)?(?:этих|эти|этими|этим|тех|те|тем|"
    r"цих|ці|цими|цим|тих|these|those)\s+(?:стран\w*|государств\w*|країн\w*|держав\w*|"
    r"countries|states|economies|markets|рынк\w*|ринк\w*)"
)
_OTHERS = re.compile(
    r"(?i)(?<!\w)(?:остальн\w*|други\w*|прочи\w*|інш\w*|решт\w*|other|the rest of the)\s+"
    r"(?:стран\w*|государств\w*|країн\w*|держав\w*|countries|world)"
)
_ADJECTIVE_ENDING = re.compile(
    r"(?i)(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ых|их|ого|его|ому|ему|ым|им|ую|юю|ыми|ими|ої|ою|ій|ім"
    r"|іх|ська|ський|ське|ські|ian|ish|ese|an|’s|'s|s’|')$"
)


_ADJECTIVE_SUFFIX = re.compile(r"(?i)(?:ск|цк|ськ|зьк|цьк)[а-яёіїєґ]+$")
_CAPITAL_CITY = re.compile(r"(?i)^(?:минск|мінськ)")


def _is_adjective(word: str) -> bool:
    """A Russian or Ukrainian country adjective ("белорусской", "Российские", "литовського"):
    lower case, or the -ск-/-ськ- suffix every one of them has (a sentence may open with one);
    a name's instrumental ("Украиной") ends like an adjective but is neither."""
    return word[:1].islower() or bool(
        _ADJECTIVE_SUFFIX.search(word) and not _CAPITAL_CITY.match(word)
    )


_DEMONYM = re.compile(
    r"(?i)(?:ians|ans|ese|цы|цев|цам|цами|ці|ців|цям|русы|русов|руси|русів|яне|ян|яни)$"
)
"""A people's name ("Ukrainians", "белорусов", "українців", "россиян"): whose opinion a poll
reports."""


_SAYING = re.compile(
    r"(?i)(?<!\w)(?:said|say|says|believed?|believes|thought|think|thinks|that|what|считают"
    r"|считает|сказал\w*|заявил\w*|что|думают|вважають|вважає|сказал\w*|заявил\w*|що)(?!\w)"
)


def _same_proposition(text: str, mention: Mention, figure: tuple[int, int]) -> bool:
    """No verb of saying or "that" between a figure and an economy: "37% said the army won in
    Ukraine" puts Ukraine in what they said, not where they were asked."""
    start, end = sorted((mention.start, figure[0]))
    return _SAYING.search(text, start, end) is None


def _is_demonym(mention: Mention, text: str, language: Language) -> bool:
    """A people's name: "Ukrainians", "белорусы", "українців" — in Russian and Ukrainian written
    in lower case unless it opens the sentence ("Беларуси", "Білорусі" are the country); never
    what a preposition makes the object of an attitude ("к Беларуси")."""
    if not _DEMONYM.search(mention.words) or mention.role in (AGAINST, DEST):
        return False
    if language == "en" or mention.words[:1].islower():
        return True
    return not text[max(0, mention.start - 3) : mention.start].strip(' "«“(')


_OF_IN = re.compile(r"(?i)^\s*(?:of|in|within|by)\s+(?:the\s+)?$")
_PUNCTUATION = re.compile(r"[,;:()–—]")


def _attached(
    term: Term | None, found: Sequence[Mention], text: str, language: Language
) -> Mention | None:
    """The economy attached to the indicator's noun.

    Before it: in English any modifier ("Belarus' external state debt", "Belarusian economy",
    "Belarus GDP"); in Russian and Ukrainian only an adjective ("белорусская экономика": a
    country's name before a Russian noun belongs to the phrase before). After it: in English
    "of"/"in" ("GDP of Belarus", "respondents in Belarusian cities"); in Russian and Ukrainian
    a genitive or instrumental with no preposition, or "в" with the locative ("экспорт
    Беларуси", "Импорт Украиной", "Інфляція в Білорусі")."""
    if term is None:
        return None
    for mention in found:
        if mention.currency:
            continue
        if mention.end <= term.start:
            between = text[mention.end : term.start]
            if (
                mention.role == PLAIN
                and len(between.split()) <= ATTACHED_WORDS
                and not _PUNCTUATION.search(between)
                and (language == "en" or _is_adjective(mention.words))
            ):
                return mention
        elif mention.start >= term.end:
            between = text[term.end : mention.start]
            if _PUNCTUATION.search(between) or len(between.split()) > ATTACHED_WORDS - 1:
                continue
            if language == "en" and _OF_IN.match(between):
                return mention
            if language != "en" and mention.role in (PLAIN, IN):
                return mention
    return None


def _first(found: Iterable[Mention], roles: frozenset[str] | set[str], *, not_: str | None = None):
    return next(
        (m for m in found if m.role in roles and not m.currency and m.economy != not_), None
    )


def _is_lender(mention: Mention | None) -> bool:
    return mention is not None and _ECONOMY_BY_NAME[mention.economy].lender


def _reporters(found: Iterable[Mention]) -> list[Mention]:
    """Mentions that can be a reporter: an international lender reports no statistic here."""
    return [m for m in found if not _is_lender(m)]


def _respective(text: str, window: Window, found: Sequence[Mention], role: str) -> Mention | None:
    """Figures and economies listed in the same order pair up: "на 48% и 58% уменьшились
    отгрузки из Литвы и Польши" gives Lithuania to 48% and Poland to 58%."""
    figures = list(_FIGURE.finditer(text, window.start, window.end))
    position = next(
        (k for k, f in enumerate(figures) if f.start() <= window.figure[0] < f.end()), None
    )
    if position is None:
        return None
    group = [position]
    for k in range(position - 1, -1, -1):
        if _list_link(text[figures[k].end() : figures[group[0]].start()]):
            group.insert(0, k)
        else:
            break
    for k in range(position + 1, len(figures)):
        if _list_link(text[figures[group[-1]].end() : figures[k].start()]):
            group.append(k)
        else:
            break
    if len(group) < 2:
        return None
    listed = [m for m in found if m.role == role and not m.currency]
    chains: list[list[Mention]] = []
    for mention in listed:
        if chains and _coordinated(text[chains[-1][-1].end : mention.start]):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    for chain in chains:
        if len(chain) == len(group):
            return chain[group.index(position)]
    return None


def _list_link(between: str) -> bool:
    return bool(re.fullmatch(r"(?i)\s*(?:%|percent|per cent)?\s*(?:,|and|и|і|та|й)\s*", between))


_FAMILIES = {"trade": "goods", "fuel_supply": "goods", "fuel_transit": "goods"}


def _family(indicator: str | None) -> str | None:
    """Indicators whose figures continue one another: a trade flow and a fuel supply are both
    goods moving between two economies ("поставки литовского дизеля … Импорт из Польши")."""
    return _FAMILIES.get(indicator or "", indicator)


def _ends(subject: Subject) -> tuple[str | None, str | None]:
    """Where a previous figure's goods came from and went to."""
    if subject.flow == "imports":
        return subject.partner, subject.reporter
    return subject.reporter, subject.partner


@dataclass
class _Reading:
    """What the economies of one figure read as, with the words each came from."""

    reporter: Found = field(default_factory=lambda: Found(None, None, "none"))
    partner: Found = field(default_factory=lambda: Found(None, None, "none"))
    flow: Found | None = None


def _named(mention: Mention | None, where: str) -> Found | None:
    return Found(mention.economy, mention.words, where) if mention else None


def _subject_economy(found: Sequence[Mention], skip: Mention | None = None) -> Mention | None:
    """The sentence's subject economy: its first economy with no preposition before it."""
    return next(
        (m for m in found if m.role in (PLAIN, FOR) and not m.currency and m is not skip), None
    )


def _part_of_share(text: str, found: Sequence[Mention], own: tuple[int, int]) -> Mention | None:
    """The economy a share is of: "На Беларусь пришлось", "Доля стран ЕС", "Russia's share"."""
    for mention in found:
        if mention.role == PART:
            return mention
    for share in _SHARE_WORD.finditer(text, own[0], own[1]):
        for mention in found:
            if mention.currency:
                continue
            after = text[share.end() : mention.start]
            before = text[mention.end : share.start()]
            if (
                mention.start >= share.end()
                and len(after.split()) <= 2
                and not re.search(r"[,;:]", after)
            ):
                return mention
            if mention.end <= share.start() and len(before.split()) <= 1:
                return mention
    return None


def _goods_flow(
    text: str,
    window: Window,
    entry: Indicator,
    term: Term | None,
    found: Sequence[Mention],
    own: Sequence[Mention],
    context: _Context,
) -> _Reading:
    """Goods moving from an origin to a destination, seen from the reporter's side: exports
    from the origin's, imports from the destination's, a neutral "поставки"/"deliveries" from
    the side the figures before it took, else the document's economy's when it is an end."""
    reading = _Reading()
    segment = text[window.start : window.segment[1]]  # "Overall, imports rose by 4%"
    word_flow = context.flow_word
    # the ends are named in the figure's clause or its indicator's ("Импорт из Польши,
    # наоборот, сократился на 57%"), not in a clause of another flow ("… from Ukraine while
    # exporting $5.4 billion")
    spoken = [m for m in found if m in own or _in_term_clause(m, term, window)]
    origin = _named(_respective(text, window, found, SOURCE) or _first(spoken, {SOURCE}), "clause")
    dest = _named(_respective(text, window, found, DEST) or _first(spoken, {DEST}), "clause")
    if dest is None and entry.name == "fuel_transit":
        dest = _named(_first(found, {VIA}), "clause")  # transit through Russian ports
    part = _part_of_share(text, found, window.segment) if context.measure == "share" else None
    if part and word_flow == "exports":
        dest = _named(part, "clause")  # Russia's share of Belarus's exports: goods to Russia
    elif part:
        origin = _named(part, "clause")  # На Беларусь пришлось 82% импорта: goods from Belarus
    if origin is None:  # "белорусских товаров", "Russian oil": where the goods come from
        origin = _named(_product_origin(text, found, context), "clause")
    candidates = _reporters(found)
    home = _named(_attached(term, candidates, text, context.language), "clause") or _named(
        _subject_economy(candidates, skip=part), "sentence"
    )
    if home and word_flow == "imports":
        if dest is None and (origin is None or home.value != origin.value):
            dest = home
    elif home and origin is None and (dest is None or home.value != dest.value):
        origin = home
    previous = context.previous if context.same else None
    if word_flow == "exports":
        side = "origin"
    elif word_flow == "imports":
        side = "destination"
    elif previous is not None and context.previous_side:
        side = context.previous_side
    elif context.document and dest and dest.value == context.document:
        side = "destination"
    else:
        side = "origin"
    reporter, partner = (origin, dest) if side == "origin" else (dest, origin)
    total = _TOTAL.search(segment)
    these = _THESE.search(text, window.start, window.end) or _THESE.search(text, *context.intro)
    others = _OTHERS.search(text, window.start, window.end) or _OTHERS.search(text, *context.intro)
    if total:
        partner = Found(None, total.group(), "clause")
    elif these and context.previous:
        partner = Found(context.previous.partner, these.group(), "clause")
    elif others:
        partner = _others(others.group(), context)
    elif partner is None and reporter is None:
        intro = _first(context.intro_mentions, PARTNER_ROLES)
        partner = _named(intro, "paragraph")
    if previous is not None:
        if reporter is None and partner is None:
            reporter = Found(previous.reporter, None, "previous")
            partner = Found(previous.partner, None, "previous")
        elif reporter is None:
            reporter = _other_end(previous, partner)
        elif partner is None:
            partner = _other_end(previous, reporter)
    if (
        reporter is None
        and context.document
        and (partner is None or partner.value != context.document)
    ):
        reporter = Found(context.document, None, "document")
    if partner is None and not total:  # "imported $1.5bn from Ukraine while exporting $5.4bn"
        value = reporter.value if reporter else None
        other = next((m for m in found if m.role in (SOURCE, DEST) and m.economy != value), None)
        partner = _named(other, "sentence")
    reading.reporter = reporter or Found(None, None, "none")
    reading.partner = partner or Found(None, None, "none")
    if entry.flow is None:
        reading.flow = Found("exports" if side == "origin" else "imports", None, "default")
    return reading


def _in_term_clause(mention: Mention, term: Term | None, window: Window) -> bool:
    """Whether the economy is in the clause of the figure's indicator word."""
    if term is None:
        return False
    return any(a <= term.start < b and a <= mention.start < b for a, b in window.segments)


def _other_end(previous: Subject, named: Found | None) -> Found | None:
    """The end of the previous figure's flow that this figure does not name: "Импорт из
    Польши" after Lithuania's supplies to Ukraine is Ukraine's."""
    value = named.value if named else None
    for end in (previous.reporter, previous.partner):
        if end is not None and end != value:
            return Found(end, None, "previous")
    return None


def _others(words: str, context: _Context) -> Found:
    """ "Остальные страны" after the CIS are the non-CIS countries; otherwise the rest of the
    world, which no partner names."""
    previous = context.previous
    named = [m.economy for m in context.paragraph_mentions]
    if (previous and previous.partner in ("CIS", "non-CIS countries")) or "CIS" in named:
        return Found("non-CIS countries", words, "clause")
    return Found(None, words, "clause")


_BILATERAL = re.compile(r"(?i)bilateral|mutual|взаимн|взаємн|двусторонн|двосторонн")
"""Trade said to be between the two economies a text is about, without naming them."""
_THE_TWO = re.compile(
    r"(?i)(?<!\w)(?:between\s+(?:the|our)\s+two\s+(?:states|countries|economies|sides|nations)"
    r"|между\s+(?:двумя\s+|нашими\s+|обеими\s+)?(?:странами|государствами|сторонами)"
    r"|між\s+(?:двома\s+|нашими\s+|обома\s+)?(?:країнами|державами|сторонами))(?!\w)"
)
"""A flow "between the two states": the pair the text has just named."""


def _pair_flow(
    text: str,
    window: Window,
    entry: Indicator,
    term: Term | None,
    found: Sequence[Mention],
    own: Sequence[Mention],
    context: _Context,
) -> _Reading:
    """Trade in both directions (a turnover) or its balance, between a pair of economies."""
    reading = _Reading()
    segment = text[window.segment[0] : window.segment[1]]
    pair = [m for m in found if m.role == PAIR and not m.currency]
    if len(pair) < 2:
        chain: list[Mention] = []
        for mention in found:
            if mention.currency or mention.role != PLAIN:
                continue
            if chain and _coordinated(text[chain[-1].end : mention.start]):
                chain.append(mention)
            elif len(chain) < 2:
                chain = [mention]
        pair = chain if len(chain) >= 2 else pair
    part = _part_of_share(text, found, window.segment) if context.measure == "share" else None
    if len(pair) >= 2 and pair[0].economy != pair[1].economy:
        reading.reporter = Found(pair[0].economy, pair[0].words, "clause")
        reading.partner = Found(pair[1].economy, pair[1].words, "clause")
        return reading
    if len(pair) < 2 and _THE_TWO.search(text, window.start, window.segment[1]):
        named_pair = _the_pair(text, context)
        if named_pair is not None:
            reading.reporter, reading.partner = named_pair
            return reading
    if len(pair) < 2 and term is not None and _BILATERAL.search(term.words):
        # "bilateral trade", "взаимной торговли": between the two economies the text is about
        named = _document_counts(text)
        if len(named) >= 2:
            reading.reporter = Found(named[0][0], None, "document")
            reading.partner = Found(named[1][0], term.words, "clause")
            return reading
    partner = part or _first(own, PARTNER_ROLES) or _first(found, PARTNER_ROLES)
    candidates = _reporters(found)
    attached = _attached(term, candidates, text, context.language)
    home = next((m for m in candidates if m.role == FOR and not m.currency), None) or attached
    if home is None or (partner and home.economy == partner.economy):
        home = _subject_economy(candidates, skip=partner)
    if home and partner and home.economy == partner.economy:
        home = None
    same = context.same and context.previous is not None
    if home:
        reading.reporter = Found(home.economy, home.words, "clause")
    elif same and not partner:
        reading.reporter = Found(context.previous.reporter, None, "previous")
    elif context.document and (not partner or partner.economy != context.document):
        reading.reporter = Found(context.document, None, "document")
    total = _TOTAL.search(segment)
    these = _THESE.search(text, window.start, window.end) or _THESE.search(text, *context.intro)
    others = _OTHERS.search(text, window.start, window.end) or _OTHERS.search(text, *context.intro)
    if partner:
        reading.partner = Found(partner.economy, partner.words, "clause")
    elif total:
        reading.partner = Found(None, total.group(), "clause")
    elif these and context.previous:
        reading.partner = Found(context.previous.partner, these.group(), "clause")
    elif others:
        reading.partner = _others(others.group(), context)
    elif same and context.previous.partner != reading.reporter.value:
        reading.partner = Found(context.previous.partner, None, "previous")
    return reading


def _the_pair(text: str, context: _Context) -> tuple[Found, Found] | None:
    """The two economies "the two states" are: the previous figure's two ends, else the first
    two the paragraph names, else the two the text names most."""
    previous = context.previous
    if previous is not None and previous.reporter and previous.partner:
        return Found(previous.reporter, None, "previous"), Found(previous.partner, None, "previous")
    named = list(dict.fromkeys(m.economy for m in context.paragraph_mentions if not m.currency))
    where = "paragraph"
    if len(named) < 2:
        named, where = [name for name, _ in _document_counts(text)], "document"
    if len(named) < 2:
        return None
    return Found(named[0], None, where), Found(named[1], None, where)


def _owned(
    text: str,
    window: Window,
    entry: Indicator,
    term: Term | None,
    found: Sequence[Mention],
    own: Sequence[Mention],
    context: _Context,
) -> _Reading:
    """A statistic of one economy (a debt, reserves, GDP), and the other economy of a relation
    (a lender, a creditor, a seller, a counter-currency, what a poll asks about)."""
    reading = _Reading()
    relation = entry.relation
    attached = _attached(term, _reporters(found), text, context.language)
    partner: Mention | None = None
    home: Mention | None = None
    if relation == LENDER:
        borrower = _first(own, {DEST})  # "Russia will provide Belarus a loan": the lender acts
        lender = _subject_economy(_reporters(own), skip=borrower) if borrower else None
        if borrower and lender and lender.economy != borrower.economy:
            home, partner = lender, borrower
        else:
            partner = _first(own, {SOURCE}) or _first(own, {PLAIN}, not_=context.document)
        if partner and attached is partner:
            attached = None
    elif relation == CREDITOR:
        partner = _first(own, {DEST})
    elif relation == PRICE_TERMS:
        home = _first(found, {SOURCE}) or _product_origin(text, found, context)
        partner = _first(found, {DEST}, not_=home.economy if home else None)
        if home is None:
            home = _subject_economy(found, skip=partner)
        if partner is None:
            partner = next(
                (m for m in found if not m.currency and home and m.economy != home.economy), None
            )
    elif relation == COUNTERPART:
        home = attached or _subject_economy(_reporters(found))
        if home is not None and not attached and _TAKES_AFTER.match(text, home.end):
            partner, home = home, None  # "Russia is taking away $2 billion": Belarus's loss
        against = [m for m in found if m.role == AGAINST]
        recipient = _first(found, {DEST}, not_=home.economy if home else None)
        partner = (
            partner
            or (against[0] if against else None)
            or recipient
            or next(
                (
                    m
                    for m in found
                    if (home is None or m.economy != home.economy)
                    and (not m.currency or m.role == AGAINST)
                ),
                None,
            )
        )
    elif relation == POLL:  # "respondents in Belarusian cities", "Частка українців"
        home = (
            attached
            or next((m for m in found if _is_demonym(m, text, context.language)), None)
            or next(  # "attitudes toward Belarus dropped in Ukraine from 58%"
                (m for m in own if m.role == IN and _same_proposition(text, m, window.figure)),
                None,
            )
        )
    if home is None and relation not in (POLL,):
        home = (
            attached
            or _first(_reporters(own), OWNER_ROLES)
            or _first(_reporters(found), OWNER_ROLES)
        )
        if home and partner and home.economy == partner.economy:
            home = None
    same = context.same and context.previous is not None
    if home and not (home.currency and relation != COUNTERPART):
        reading.reporter = Found(home.economy, home.words, "clause")
    elif same and context.previous.reporter:
        reading.reporter = Found(context.previous.reporter, None, "previous")
    elif context.document:
        reading.reporter = Found(context.document, None, "document")
    if relation == POLL:
        reporter = reading.reporter.value
        asked = _first(own, {DEST, AGAINST}, not_=reporter) or next(
            (m for m in own if not m.currency and m.economy != reporter), None
        )
        names_question = bool(_TERMS[context.language].search(text, *window.segment))
        if asked is None and not names_question:  # "44 oppose them": the sentence's question
            asked = next(
                (
                    m
                    for m in found
                    if not m.currency and m.economy != reporter and m.start < window.figure[0]
                ),
                None,
            )
        if asked:
            partner = asked
        elif same and not names_question:
            reading.partner = Found(context.previous.partner, None, "previous")
    if relation == COUNTERPART and partner is None:
        for mention in context.paragraph_mentions:
            if not mention.currency and mention.economy != reading.reporter.value:
                reading.partner = Found(mention.economy, mention.words, "paragraph")
                break
    if partner is not None:
        reading.partner = Found(partner.economy, partner.words, "clause")
    return reading


_TAKES_AFTER = re.compile(
    r"(?i)['’]?s?\s+(?:\w+\s+){0,2}?(?:tak(?:es|ing)\s+away|took\s+away|deprives?|deprived"
    r"|costs?|cost|забира\w*|забрал\w*|отбира\w*|отобрал\w*|лиша\w*|лишил\w*|обходится"
    r"|обошл\w*|забира\w*|забрав\w*|позбавля\w*|позбавив\w*|обходиться|обійшл\w*)(?!\w)"
)
"""An economy that takes away, deprives or costs is the other side of the loss the figure
is: "Russia is taking away $2 billion a year", "Москва лишает Минск $2 млрд"."""


def _product_origin(text: str, found: Sequence[Mention], context: _Context) -> Mention | None:
    """The economy a product comes from, an adjective right before its name ("российскую
    нефть", "Russian oil")."""
    for mention in found:
        if mention.currency or mention.role not in (PLAIN,):
            continue
        if context.language != "en" and not _is_adjective(mention.words):
            continue  # a noun before a product is another phrase's ("Импорт Украиной товаров")
        follows = products(text, mention.end, min(len(text), mention.end + 30), context.language)
        if follows and len(text[mention.end : follows[0][1]].split()) <= 1:
            return mention
    return None


@dataclass(frozen=True)
class _Context:
    """What reading the economies of one figure needs beyond its windows."""

    language: Language
    document: str | None
    previous: Subject | None
    same: bool
    """The figure continues the previous figure's subject (names none, or the same)."""
    flow_word: str | None
    measure: str
    paragraph_mentions: tuple[Mention, ...]
    previous_side: str | None
    intro: tuple[int, int] = (0, 0)
    """The sentence before the figure's when it states no figure of its own: it introduces
    this one ("Обратная картина с торговлей с остальными странами. … вырос импорт")."""
    intro_mentions: tuple[Mention, ...] = ()


def _ranked(
    text: str,
    window: Window,
    entry: Indicator,
    term: Term | None,
    found: Sequence[Mention],
    own: Sequence[Mention],
    context: _Context,
) -> _Reading:
    """One economy's place among another's markets: the economy ranked is the one the clause
    says it of ("Ukraine is the second largest export market", "Украина стала вторым
    торговым партнером"), the reporter the one whose markets they are ("for Belarus", "для
    Беларуси", "Belarus's", "партнером Беларуси")."""
    reading = _Reading()
    ranked = next(
        (
            m
            for m in found
            if m.role == PLAIN
            and not m.currency
            and m.end <= window.figure[0]
            and _COPULA_AFTER.match(text, m.end, window.figure[0])
        ),
        None,
    )
    owner = _first(found, {FOR}, not_=ranked.economy if ranked else None) or next(
        (
            m
            for m in found
            if m is not ranked
            and not m.currency
            and m.role in (PLAIN, IN)
            and (m.start >= window.figure[1] or text[m.end : m.end + 2] in ("'s", "’s"))
        ),
        None,
    )
    if (
        owner is None
        and context.document
        and (ranked is None or ranked.economy != context.document)
    ):
        reading.reporter = Found(context.document, None, "document")
    else:
        reading.reporter = _named(owner, "clause") or Found(None, None, "none")
    reading.partner = _named(ranked, "clause") or Found(None, None, "none")
    return reading


_COPULA_AFTER = re.compile(
    r"(?i)['’]?s?\s*(?:is|was|remains|remained|became|has\s+become|ranks|ranked|—|–|-|является"
    r"|являлась|являлся|была|был|стала|стал|остается|остаётся|осталась|занимает|заняла|є|була|був"
    r"|стала|став|залишається|залишилася|посідає|посіла)\s"
)
"""A copula or a dash after an economy: the clause says of it what the figure ranks."""


def _market(
    text: str,
    window: Window,
    entry: Indicator,
    term: Term | None,
    found: Sequence[Mention],
    own: Sequence[Mention],
    context: _Context,
) -> _Reading:
    """A share of one economy's market held by another: the market's economy reports it
    ("Ukraine's gasoline market", "рынок бензина Украины", "на украинском рынке"), the
    supplier is the partner ("Belarus controlled 54%", "поставки из Беларуси", "на Беларусь
    пришлось")."""
    reading = _Reading()
    candidates = _reporters(found)
    owner = _attached(term, candidates, text, context.language) or _first(own, {IN})
    supplier = (
        _part_of_share(text, found, window.segment)
        or _first(own, {SOURCE}, not_=owner.economy if owner else None)
        or next(
            (
                m
                for m in candidates
                if m.role in (PLAIN, FOR)
                and not m.currency
                and m is not owner
                and (owner is None or m.economy != owner.economy)
            ),
            None,
        )
    )
    if owner is not None:
        reading.reporter = Found(owner.economy, owner.words, "clause")
    elif context.document and (supplier is None or supplier.economy != context.document):
        reading.reporter = Found(context.document, None, "document")
    reading.partner = _named(supplier, "clause") or Found(None, None, "none")
    return reading


_RELATIONS = {
    GOODS_FLOW: _goods_flow,
    PAIR_FLOW: _pair_flow,
    RANKED: _ranked,
    MARKET: _market,
}


PRODUCT_INDICATORS = frozenset(
    [
        "trade",
        "fuel_supply",
        "fuel_transit",
        "arms_transfer",
        "market_share",
        "export_market_rank",
        "oil_price_discount",
        "oil_export_premium",
        "price",
        "oil_subsidy",
        "oil_refining",
        "refining_capacity",
        "industrial_production",
        "budget_revenue",
        "oil_transit_tariff",
        "oil_tax_maneuver_loss",
    ]
)
"""Indicators a product is read for: flows and prices of goods, output by branch, revenue by
sector; a debt or a poll has none."""


DUE = "repayments due"
"""What a repayment figure is when its clause states an obligation, not a payment made. Unlike
goods, it is no part of the total a series naming no product takes: payments falling due are
not payments made."""

_OBLIGATION = {
    language: re.compile(pattern, re.IGNORECASE)
    for language, pattern in _words(
        r"\b(?:had|has|have|is|are|was|were|needs?|needed) to (?:re)?pay\b|\bmust (?:re)?pay\b"
        r"|\bdue\b(?! to\b)|\bscheduled (?:re)?payments?\b|\bmatur(?:e|es|ing)\b",
        r"предстоит (?:погасить|выплатить|вернуть)|долж(?:ен|на|но|ны) (?:будет |будут )?"
        r"(?:погасить|выплатить|вернуть)|подлежа\w* погашению|к погашению"
        r"|(?:нужно|необходимо) (?:погасить|выплатить|вернуть)",
        r"(?:має|мала|мав|мали|матиме) (?:погасити|сплатити|виплатити|повернути)"
        r"|належить (?:погасити|сплатити)|підляга\w* погашенню|до погашення"
        r"|(?:потрібно|необхідно) (?:погасити|сплатити|виплатити|повернути)",
    ).items()
}
"""A payment falling due rather than made: "had to repay", "is due" (not "due to"),
"предстоит погасить", "подлежит погашению", "має сплатити"."""


def _product(
    text: str,
    window: Window,
    source: tuple[int, int] | None,
    entry: Indicator,
    language: Language,
    previous: Subject | None,
    same: bool,
) -> Found:
    if entry.name == "debt_repayment":
        due = _OBLIGATION[language].search(text, *window.segment)
        return Found(DUE, due.group(), "clause") if due else Found(None, None, "none")
    if entry.name not in PRODUCT_INDICATORS:
        return Found(None, None, "none")

    def products_of(start: int, end: int) -> list[tuple[str, int, str]]:
        """Products named for this indicator: not words of another indicator's phrase ("due
        to a decline in oil refining volumes" names no product of a transit)."""
        others = [
            (t.start, t.end) for t in terms(text, start, end, language) if t.entry is not entry
        ]
        return [
            p
            for p in products(text, start, end, language)
            if not any(a <= p[1] < b for a, b in others)
        ]

    counted = products_of(window.figure[0], min(window.segment[1], window.figure[1] + 40))
    if counted and len(text[window.figure[1] : counted[0][1]].split()) <= COUNTED_WORDS:
        return Found(counted[0][0], counted[0][2], "clause")  # "132,000 tonnes of munitions"
    own = products_of(*window.segment)
    if own:
        return Found(own[0][0], own[0][2], "clause")
    near = products_of(window.start, window.statement_end(text))
    if near:
        return Found(near[0][0], near[0][2], "sentence")
    if source:
        there = products_of(*source)
        if there:
            return Found(there[0][0], there[0][2], "paragraph")
    if same and previous and previous.product and _family(entry.name) == "goods":
        return Found(previous.product, None, "previous")  # the goods a paragraph is about
    if entry.product:
        return Found(entry.product, None, "default")
    if entry.name == "trade":
        return Found("goods", None, "default")
    return Found(None, None, "none")


def read_subject(
    text: str,
    figure: tuple[int, int],
    sentence: tuple[int, int],
    paragraph: tuple[int, int],
    language: Language,
    *,
    unit: str,
    is_change: bool,
    previous: Subject | None = None,
    _depth: int = 0,
) -> Subject:
    """What the figure at ``text[figure[0]:figure[1]]`` is about.

    ``sentence`` and ``paragraph`` are the spans around it; ``unit`` is its unit ("USD",
    "percent", "tonnes"), ``is_change`` whether it is a change (its modifiers say so);
    ``previous`` is the subject of the figure before it in the text, for figures that continue
    it ("Импорт возрос на 26%", "44 oppose them", "these countries")."""
    language = sentence_language(text, figure, sentence, language)
    window = _window(text, figure, sentence)
    before = _sentences_before(text, sentence, paragraph)
    kind = unit_kind(unit)
    anaphor = _NUMBER_ANAPHOR.search(text, window.segment[0], figure[0])
    antecedent = (
        _antecedent(text, (window.start, anaphor.start()), before, paragraph, language, unit)
        if anaphor and not _depth
        else None
    )
    if antecedent is not None:
        previous = antecedent
    term, where = _indicator(
        text, window, before, language, kind, previous, refers_back=antecedent is not None
    )
    whole = None
    if kind is None:
        whole = _whole(text, figure, window.segment[1], language)
        if whole is not None and whole.entry.name == "gdp" and term and term.entry.name != "gdp":
            whole = None  # "$3–5 billion a year, or up to 5% of GDP": GDP is the yardstick
        if whole is not None and term and "_share_of_" in term.entry.name and where != "paragraph":
            term, whole = _share_of(term, whole), None  # "SOEs … account for 45% of the debt"
        if whole is not None and _fits(whole.entry, kind):
            term, where = whole, "clause"
    source: tuple[int, int] | None = None
    if term is not None:
        entry: Indicator | None = term.entry
        indicator = Found(entry.name, term.words, where)
        if where == "paragraph":
            source = next(s for s in before if s[0] <= term.start < s[1])
    elif (
        previous is not None
        and previous.indicator in _INDICATOR_BY_NAME
        and (kind != HEADCOUNT or antecedent is not None)
    ):
        entry = _INDICATOR_BY_NAME[previous.indicator]
        if previous.indicator == "trade" and previous.flow:
            entry = _trade_entry(previous.flow)
        if antecedent is not None and anaphor is not None:
            indicator = Found(previous.indicator, anaphor.group(), "clause")
        else:
            indicator = Found(previous.indicator, None, "previous")
    else:
        entry, indicator = None, Found(None, None, "none")
    measure = _measure(text, window, entry, unit, is_change, whole)
    if entry is None:
        return _unread(measure, unit)
    same = previous is not None and (
        term is None or where == "paragraph" or _family(entry.name) == _family(previous.indicator)
    )
    found = mentions(
        text,
        window.start,
        window.statement_end(text),
        language,
        currencies=entry.name == "exchange_rate",
    )
    if source:
        found = found + mentions(text, *source, language)
    own = [m for m in found if window.segment[0] <= m.start < window.segment[1]]
    paragraph_mentions = tuple(m for span in before for m in mentions(text, *span, language))
    previous_side = None
    if previous is not None and previous.flow in ("exports", "imports"):
        previous_side = "origin" if previous.flow == "exports" else "destination"
    intro = before[0] if before and not _FIGURE.search(text, *before[0]) else (0, 0)
    context = _Context(
        language,
        document_economy(text),
        previous,
        same,
        entry.flow if entry.relation == GOODS_FLOW else None,
        measure.value or "level",
        paragraph_mentions,
        previous_side,
        intro,
        tuple(mentions(text, *intro, language)) if intro != (0, 0) else (),
    )
    reader = _RELATIONS.get(entry.relation, _owned)
    reading = reader(text, window, entry, term, found, own, context)
    if antecedent is not None:  # "this share": the economies of the figure it refers to
        if reading.reporter.where in ("document", "none", "previous") and antecedent.reporter:
            reading.reporter = Found(antecedent.reporter, None, "previous")
        if reading.partner.where in ("none", "previous") and antecedent.partner:
            reading.partner = Found(antecedent.partner, None, "previous")
    product = _product(text, window, source, entry, language, previous, same)
    if reading.flow is not None:
        flow = reading.flow
    elif entry.flow:
        flow = Found(entry.flow, indicator.words, indicator.where)
    else:
        flow = Found(None, None, "none")
    name = entry.name
    if name == "trade" and product.value in FUELS:
        name = "fuel_supply"  # a flow of fuel is a supply, whichever word names it
        indicator = Found(name, indicator.words, indicator.where)
    return _subject(indicator, reading.reporter, reading.partner, flow, product, measure)


def _share_of(part: Term, whole: Term) -> Term:
    """The part's share of the whole a clause names: "SOEs" (their share of GDP, by default)
    accounting for "45% of national debt" is their share of debt."""
    owner = part.entry.name.split("_share_of_")[0]
    entry = next(
        (
            i
            for i in INDICATORS
            if i.name.startswith(f"{owner}_share_of_")
            and i.name.split("_share_of_")[1] in whole.entry.name
        ),
        part.entry,
    )
    return Term(entry, part.start, part.end, part.words, part.modifier)


def _antecedent(
    text: str,
    earlier: tuple[int, int],
    before: list[tuple[int, int]],
    paragraph: tuple[int, int],
    language: Language,
    unit: str,
) -> Subject | None:
    """What "the number" or "this share" of a clause is: the figure before it in its sentence
    ("Belarus held 54% of the market; this share is expected to fall"), else the first figure
    of the sentence before, its leading statement ("Only 5 out of 110 deputies were elected as
    party members. The number rose to 15": the party members). Figures are the grammar's
    quantities: dates and years are none."""
    own = _quantities_in(text, earlier, language)
    sentence = earlier
    if own:
        first = own[-1]
    elif before:
        sentence = before[0]
        first = next(
            (
                q
                for q in _quantities_in(text, sentence, language)
                if not _WHOLE_BEFORE.search(text, sentence[0], q[0])
            ),
            None,
        )
    else:
        return None
    if first is None:
        return None
    found = read_subject(
        text, first, sentence, paragraph, language, unit=unit, is_change=False, _depth=1
    )
    return found if found.indicator else None


def _quantities_in(text: str, span: tuple[int, int], language: Language) -> list[tuple[int, int]]:
    """The spans of the quantities the grammar reads in ``text[span]`` (one bounded window)."""
    from etl.intake.grammar.quantities import Quantity, find_quantities

    start, end = span
    return [
        (start + q.start, start + q.end)
        for q in find_quantities(text[start:end], language)
        if isinstance(q, Quantity)
    ]


def _trade_entry(flow: str) -> Indicator:
    return next(i for i in INDICATORS if i.name == "trade" and i.flow == flow)


def _unread(measure: Found, unit: str) -> Subject:
    return Subject(
        reporter=None,
        partner=None,
        indicator=None,
        flow=None,
        product=None,
        measure=measure.value or "level",
        confidence=0.1,
        why=f"no indicator named near the figure; measure {measure.value} ({unit})",
        words={},
    )


_DIMENSIONS = ("indicator", "reporter", "partner", "flow", "product", "measure")
_READ = frozenset(["complement", "clause", "sentence", "after", "paragraph", "unit"])


def _subject(
    indicator: Found,
    reporter: Found,
    partner: Found,
    flow: Found,
    product: Found,
    measure: Found,
) -> Subject:
    readings = dict(
        zip(_DIMENSIONS, (indicator, reporter, partner, flow, product, measure), strict=True)
    )
    words = {
        dimension: found.words
        for dimension, found in readings.items()
        if found.words and found.where in _READ
    }
    confidences = {
        dimension: CONFIDENCE.get(found.where, 0.6) for dimension, found in readings.items()
    }
    others = [c for d, c in confidences.items() if d != "indicator"]
    confidence = round(min(confidences["indicator"], sum(others) / len(others)), 2)
    why = "; ".join(
        f"{dimension} {found.value or 'none'}"
        + (f" from '{found.words}'" if found.words else "")
        + f" ({found.where})"
        for dimension, found in readings.items()
    )
    return Subject(
        reporter=reporter.value,
        partner=partner.value,
        indicator=indicator.value,
        flow=flow.value,
        product=product.value,
        measure=measure.value or "level",
        confidence=confidence,
        why=why,
        words=words,
    )
