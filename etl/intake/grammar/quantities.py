"""Every numeral in a text, read as a quantity — number, scale, unit — or as a numeral that is
none (a year, a date, a name), with the reason.

A figure in a report is written around its numeral: a currency sign or code before it
("$195,6 млн.", "Br328.6 trillion", "USD554"), a scale word and a unit after it
("21 млрд 14 млн долларов", "684 тыс. т", "33 percent"), sometimes a second numeral that makes
it a range ("$3–5 млрд") or a rate ("$2 за 1 т"). The same digits are no figure at all in
"1 июля 2016 года", "А-95" or "за 10 місяців": those are dates, names and durations, which the
intake must recognise so it neither proposes them nor loses them.

One pass reads the text left to right. At each numeral the rules look at a bounded window
around it — a few words before, a clause after — and read the longest expression that
grammar allows; the numerals inside it (the "607" of "1 млрд 607 млн", the "1" of "за 1 т")
belong to it. Nothing reads the whole text per numeral, so the work grows linearly with the
text (the only whole-text reads are one search for the country a text is about and the pass).

The rules are the three languages' own, written from how each writes numbers, currencies and
units (see :mod:`etl.intake.grammar.numerals` for the numerals themselves).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from etl.intake.grammar.language import Language
from etl.intake.grammar.numerals import (
    CARDINALS,
    FRACTION_WORDS,
    GROUP_SPACES,
    ORDINAL_FRACTIONS,
    SCALE,
    SCALE_ABBREVIATIONS,
    TWICE,
    VULGAR_FRACTIONS,
    WordNumeral,
    fraction_value,
    half_scale,
    multiplier_word,
    number_adjective,
    ordinal_value,
    plain_digits,
    read_digits,
    scale_of,
    word_key,
    word_numeral,
    written_scale,
)
from etl.model import UNITS

__all__ = ["KINDS", "Numeral", "Quantity", "find_quantities"]


@dataclass(frozen=True)
class Quantity:
    """A numeral read as a figure: what it counts or measures, and how sure the reading is.

    ``start``/``end`` span the whole expression (currency, number, scale, unit); ``number``
    is the numeral before its scale; ``value_text`` is what a curated file writes as its value
    (``etl.normalize.parse_value`` reads it back to ``number * scale``).
    """

    start: int
    end: int
    number_start: int
    number_end: int
    written: str
    number: Decimal | None
    scale: int
    value_text: str
    unit: str
    kind: str
    low: Decimal | None = None
    high: Decimal | None = None
    low_text: str | None = None
    high_text: str | None = None
    confidence: float = 0.0
    why: str = ""


@dataclass(frozen=True)
class Numeral:
    """A numeral that is no quantity: its role in the sentence and the reason, for the curator."""

    start: int
    end: int
    written: str
    role: str
    reason: str


KINDS = (
    "amount",
    "percent",
    "points",
    "multiplier",
    "fraction",
    "physical",
    "count",
    "rank",
    "bare",
)
"""What a quantity is: money, a percentage, percentage points, a multiplier ("втричі"), a
fraction ("¾"), a physical amount (tonnes, barrels, cubic metres), a count (of persons or
things), a rank ("second largest") or a bare number whose unit the text does not give."""

_BEFORE = 48
"""How far before a numeral its rules read: a currency code, "в" of "в 3 раза", "from",
a month name, "p." or "№"."""
_AFTER = 160
"""How far after a numeral its rules read: scale words, a compound's second part, a range's
second end, a unit with its adjective, a rate ("за 1 тыс. кубометров")."""
_LIST_WINDOW = 200
"""How far back a figure may stand and still lend its unit to a bare numeral in the same list
("33 percent ..., 44 oppose them")."""

_SP = f"[{GROUP_SPACES}]"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"

# --------------------------------------------------------------------------------------------
# The lexicon: units, currencies and the words around numerals, in the three languages
# --------------------------------------------------------------------------------------------

_NUMERAL = re.compile(
    r"(?P<fraction>(?<![\d.,])\d{1,3}\u2044\d{1,3}(?!\d))"
    rf"|(?P<digits>(?<!\d)(?:\d{{1,3}}(?:{_SP}\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*))"
    rf"|(?P<vulgar>[{''.join(VULGAR_FRACTIONS)}])"
    r"|(?P<word>(?<![^\W\d_'’ʼ])[^\W\d_]+(?:['’ʼ][^\W\d_]+)?(?:[-\u2010\u2011][^\W\d_]+)*)"
)
"""Where a numeral may start: a fraction as NFKC writes "¾" ("3⁄4"), digits (grouped by
spaces or not), a vulgar fraction, or a word (looked up in the languages' tables)."""

_CURRENCY_CODES = {
    "USD": "USD",
    "US$": "USD",
    "$": "USD",
    "EUR": "EUR",
    "€": "EUR",
    "RUB": "RUB",
    "₽": "RUB",
    "UAH": "UAH",
    "₴": "UAH",
    "CNY": "CNY",
    "RMB": "CNY",
    "¥": "CNY",
    "PLN": "PLN",
    "GBP": "GBP",
    "£": "GBP",
    "BYN": "BYN",
    "BYR": "BYR",
    "Br": "Belarusian",
}
"""Signs and codes written next to a number. "Br", "BYN" and "BYR" are Belarusian rubles,
whose code the document's date decides (see :meth:`_Reader._ruble`): a code the date
contradicts is read by the date, with low confidence and a note."""
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:US\$|USD|EUR|RUB|UAH|CNY|RMB|PLN|GBP|BYN|BYR|Br)|[$€₽₴¥£])"
    rf"{_SP}?$"
)
_CURRENCY_SIGN_AFTER = re.compile(
    rf"{_SP}?(?P<code>[$€₽₴¥£])|{_SP}(?P<word>USD|EUR|RUB|UAH|CNY|RMB|PLN|GBP|BYN|BYR)(?![A-Za-z])"
)

_RUBLE_FORMS = r"(?:rubles?|roubles?|рубл(?:ей|я|ь|ям|ями|ях|ю|ем|і|ів)|руб\.?)"
_CURRENCY_WORD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "Belarusian",
        re.compile(
            rf"(?i){_SP}(?:Belarusian\s+{_RUBLE_FORMS}|белорусск\w*\s+{_RUBLE_FORMS}"
            rf"|бел\.\s?руб\.?|білоруськ\w*\s+{_RUBLE_FORMS}|біл\.\s?руб\.?)"
        ),
    ),
    (
        "RUB",
        re.compile(
            rf"(?i){_SP}(?:Russian\s+{_RUBLE_FORMS}|российск\w*\s+{_RUBLE_FORMS}"
            rf"|рос\.\s?руб\.?|російськ\w*\s+{_RUBLE_FORMS})"
        ),
    ),
    (
        "USD",
        re.compile(
            rf"(?i){_SP}(?:(?:US\s+|U\.S\.\s+)?dollars?|доллар(?:ов|а|ы|ам|ами|ах|у|ом)?|долл\."
            r"|долар(?:ів|а|и|ам|ами|ах|у|ом)?|дол\.)"
            r"(?:\s+(?:США|US|U\.S\.))?"
        ),
    ),
    ("EUR", re.compile(r"(?i)\s(?:euros?|евро|євро)")),
    (
        "UAH",
        re.compile(
            r"(?i)\s(?:hryvnias?|hryvnyas?|hryvnia|гривен|гривн(?:а|ы|у|ой|ах|ам|ами)"
            r"|гривень|гривн(?:і|я|ю|ею|ями)|грн\.?)"
        ),
    ),
    ("CNY", re.compile(r"(?i)\s(?:yuan|юан(?:ей|я|ь|ям|ях|ями|ів|і)|renminbi)")),
    ("PLN", re.compile(r"(?i)\s(?:zlotys?|zloty|zlotych|злот(?:ых|ый|ого|ым|их|ий)|злотих)")),
    (
        "GBP",
        re.compile(r"(?i)\s(?:pounds?\s+sterling|фунт\w*\s+стерлинг\w*|фунт\w*\s+стерлінг\w*)"),
    ),
    ("ruble", re.compile(rf"(?i){_SP}{_RUBLE_FORMS}")),
]
_CURRENCY_WORDS = [
    (name, re.compile(f"{pattern.pattern}{_NOT_LETTER_AFTER}"))
    for name, pattern in _CURRENCY_WORD_PATTERNS
]
"""Currency words after a number (or its scale), in every case, with their adjective:
"белорусских рублей", "доларів США", "гривень". A bare "рублей" is decided by the text."""
_RUBLE_LETTER = re.compile(r"\sр\.")
"""Rubles as one letter, read only after a scale word: "5 млн р."."""

_UNIT_START = re.compile(rf"{_SP}?[^\W\d_%$€£₽₴¥/]|{_SP}?[%$€£₽₴¥/]")
"""Where a unit may follow a number: a letter or a sign after at most one space."""
_PERCENT_POINTS = re.compile(
    rf"(?i){_SP}?(?:п\.{_SP}?п\.?|в\.{_SP}?п\.?|процентн\w*\s+пункт\w*|відсотков\w*\s+пункт\w*"
    r"|percentage[\s-]+points?|pp\b|p\.p\.)"
)
_PERCENT = re.compile(
    rf"(?i){_SP}?%|{_SP}(?:per\s?cent|percent|pct\b|процент(?:ов|а|ы|у|ам|ами|ах|ом)?(?![^\W\d_])"
    r"|відсот(?:ок|ка|ки|ків|ку|кам|ками|ках|ком)(?![^\W\d_])"
    # news agencies' abbreviations: "на 25,3 проц", "на 5 відс."
    r"|проц\.?(?![^\W\d_])|відс\.?(?![^\W\d_]))"
)
_OF_GDP = re.compile(r"(?i)\s+(?:of\s+)?(?:GDP|ВВП)(?![^\W\d_])")
_PHYSICAL: list[tuple[str, re.Pattern[str]]] = [
    (
        "barrels per day",
        re.compile(r"(?i)\s?(?:b/d|bpd|bbl/d)(?![^\W\d_])"),
    ),
    (
        "barrels",
        re.compile(
            r"(?i)\s(?:barrels?|bbl|баррел(?:ей|я|ь|ям|ях|ями|и)|барел(?:ів|я|ь|ям|ях|ями|і))"
            r"(?![^\W\d_])"
        ),
    ),
    (
        "cubic metres",
        re.compile(
            r"(?i)\s?(?:cubic\s+met(?:re|er)s?|cu\.?\s?m|m³|m3|м³|м3|кубометр(?:ов|а|ы|ам|ів|и)?"
            r"|кубическ\w*\s+метр\w*|кубічн\w*\s+метр\w*|куб\.\s?м\.?)(?![^\W\d_])"
        ),
    ),
    ("bcm", re.compile(r"\s?bcm(?![^\W\d_])")),
    (
        "tonnes",
        re.compile(
            r"(?i)\s(?:(?:metric\s+)?(?:tonnes?|tons?)|тонн(?:а|ы|у|ой|ах|ам|ами|и)?"
            r"|т)(?![^\W\d_])"
        ),
    ),
]
"""Physical units after a number or its scale. "bcm" is billion cubic metres; the bare "т"
is tonnes only here, right after an amount ("684 тыс. т")."""
_PER_DAY = re.compile(
    r"(?i)\s*(?:per\s+day|a\s+day|/\s?d(?:ay)?|в\s+сутки|в\s+день|за\s+сутки|на\s+добу"
    r"|на\s+день|за\s+добу)(?![^\W\d_])"
)
_PER_YEAR = re.compile(
    r"(?i)\s*(?:per\s+year|a\s+year|per\s+annum|/\s?y(?:ea)?r|в\s+год|на\s+рік|за\s+рік"
    r"|/\s?год|/\s?рік)"
    r"(?![^\W\d_])"
)
_ANNUAL_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:annual|annually|yearly|годов\w*|ежегодн\w*|річн\w*|щорічн\w*)"
    r"(?:\s+[^\W\d_]+){0,3}\s+(?:of\s+|—\s*)?(?:about\s+|around\s+|approximately\s+|около"
    r"\s+|примерно\s+|близько\s+|приблизно\s+)?$"
)
"""An annual quantity named before the number: "an annual capacity of 12 million tons",
"годовой мощностью 12 млн т"."""
_PER_UNIT = re.compile(
    r"(?i)(?:\s+(?:per|a|за|на)\s+|\s*/\s*)(?:1\s+|one\s+)?(?:"
    r"(?P<tonne>(?:metric\s+)?(?:tonne|ton)|t|т|тонн[ауы])"
    r"|(?P<barrel>barrel|bbl|баррель|барреля|барель|бареля)"
    r"|(?P<kcm>(?:1[ ,.\u00a0\u2009\u202f]?000|thousand|тыс\.?|тысячу|тис\.?|тисячу)\s+"
    r"(?:cubic\s+met(?:re|er)s|cu\.?\s?m|m3|m³|м3|м³|кубометров|кубометрів|куб\.\s?м\.?"
    r"|кубических\s+метров|кубічних\s+метрів))"
    r"|(?P<cm>cubic\s+met(?:re|er)|кубометр|кубический\s+метр|кубічний\s+метр)"
    r"|(?P<usd>(?:US\s+)?dollar|доллар|долл\.|долар|дол\.)|(?P<eur>euro|евро|євро))"
    r"(?![^\W\d_])"
)
"""A price's unit after its amount: "$2 за 1 т", "$60 per barrel", "$60 a barrel",
"$230 за 1000 кубометров"; an exchange rate's: "3,25 рубля за доллар"."""
_PER_UNIT_NAMES = {
    "tonne": "tonne",
    "barrel": "barrel",
    "kcm": "thousand cubic metres",
    "cm": "cubic metre",
    "usd": "USD",
    "eur": "EUR",
}

_PERSONS = re.compile(
    r"(?i)\s+(?:[^\W\d_]+\s+)?(?:people|persons|residents|citizens|workers|employees|soldiers"
    r"|troops|servicemen|personnel|refugees|migrants|prisoners|students|children|men|women"
    r"|voters|respondents|человек|чел\.|людей|граждан|жителей|работник\w*"
    r"|сотрудник\w*|военнослужащ\w*|солдат\w*|беженц\w*|мигрант\w*|студент\w*|детей"
    r"|респондент\w*|осіб|особи|людини|громадян|жителів|мешканц\w*|працівник\w*"
    r"|співробітник\w*|військовослужбовц\w*|біженц\w*|мігрант\w*|дітей)(?![^\W\d_])"
)
_THINGS = re.compile(
    r"(?i)\s+(?:[^\W\d_]+\s+)?(?:companies|firms|enterprises|plants|factories|refineries|tanks"
    r"|vehicles|aircraft|cars|trucks|wagons|units|seats|deputies|(?-i:MPs)|mandates|votes"
    r"|cases|projects|jobs|countries|regions|предприяти\w*|компани\w*|завод\w*|танк\w*"
    r"|автомобил\w*|вагон\w*|единиц\w*|мест|депутат\w*|мандат\w*|голос\w*|стран[ыа]?"
    r"|регион\w*|проект\w*|рабочих\s+мест|підприємств\w*|компані\w*|завод\w*|автомобіл\w*"
    r"|одиниц\w*|місць|країн[иа]?|регіон\w*|проєкт\w*)(?![^\W\d_])"
)
"""Things counted. Deputies, MPs and mandates are seats of a parliament, counted as seats are,
not as persons: a chamber of 110 deputies has 110 seats whoever holds them."""

_SCALE_AFTER = re.compile(
    rf"(?i){_SP}?(?P<word>thousand|million|billion|trillion|mln|bln|mn|bn|trn|tn"
    r"|тыс|тысяч[аиуе]?|тысячей|тысячами|тысячах|млн|миллион(?:а|ов|ы|ам|ами|ах)?|млрд"
    r"|миллиард(?:а|ов|ы|ам|ами|ах)?|трлн|триллион(?:а|ов|ы|ам|ами|ах)?"
    r"|тис|тисяч[аіу]?|тисячами|тисячах|мільйон(?:а|ів|и|ам|ами|ах)?|мільярд(?:а|ів|и|ам|ами|ах)?"
    r"|трильйон(?:а|ів|и|ам|ами|ах)?)(?:(?<=[а-яі]{5})|(?<=[а-яі])(?P<dot>\.)|)(?![^\W\d_])"
)
_LETTER_SCALE_AFTER = re.compile(r"(?P<word>k|m|b|bn|mn)(?![^\W\d_])")
"""One-letter scales, attached: "$12m", "$4.5bn", "30k"; "m" and "b" only after money."""
_COMPOUND_PART = re.compile(r"\s+(?P<number>\d{1,3}(?P<decimals>[.,]\d+)?)(?![\d.,]\d)")
"""A compound amount's smaller part: "607" of "1 млрд 607 млн", "80,3" of "6 млрд 80,3 млн" (a
decimal part ends the compound)."""

_DASH_RANGE = re.compile(
    r"\s?[-\u2010\u2011\u2012\u2013\u2014]\s?(?P<sign>US\$|\$|€|£|₽|₴|Br)?(?=\d)"
)
_WORD_RANGE = re.compile(
    r"(?i)\s+(?P<joint>to|and|до|и|і|та|по)\s+(?P<sign>US\$|\$|€|£|₽|₴|Br)?(?=\d)"
)
_SHARED_JOINT = re.compile(r"(?i)\s+(?:or|или|або|чи)\s+(?P<sign>US\$|\$|€|£|₽|₴|Br)?(?=\d)")
_OUT_OF = re.compile(r"(?i)\s+(?:out\s+of|of|из|з|із)\s+(?P<sign>US\$|\$|€|£|₽|₴|Br)?(?=\d)")
"""A part of a whole: "5 out of 110 deputies", "5 из 110 депутатов", "5 з 110 депутатів": the
part counts what the whole counts."""
_RANGE_OPENER = re.compile(r"(?i)(?<![^\W\d_])(?:from|between|от|между|від|між|од)\s+$")
_CHANGE_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:rose|risen|rise|rising|increased?|increasing|grew|grown|growing"
    r"|fell|fallen|falling|declined?|declining|dropped|decreased?|climbed|jumped|slid|slumped"
    r"|surged|soared|shrank|cut|up|down|went|changed|вырос\w*|вырастет|вырастут|увеличил\w*"
    r"|снизил\w*|сократил\w*|упал\w*|уменьшил\w*|повысил\w*|понизил\w*|подорожал\w*"
    r"|подешевел\w*|зріс|зросла|зросло|зросли|збільшил\w*|знизил\w*|скоротил\w*|впал\w*"
    r"|зменшил\w*|підвищил\w*|подорожча\w*|подешевша\w*)"
    r"(?:\s+[^\W\d_]+){0,4}\s+(?:from|от|від|з|с|со)\s+$"
)
"""A verb of change before "from": "rose from 3 to 5 percent" is two levels, not a range."""

_MULTIPLIER_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:в|во|у)\s+$")
_RAZ_AFTER = re.compile(r"(?i)\s+раз(?:а|и|ів)?(?![^\W\d_])")
_TIMES_AFTER = re.compile(r"(?i)\s*(?:times|fold|[x×])(?![^\W\d_])|[-\u2010\u2011]fold(?![^\W\d_])")
_FREQUENCY_AFTER = re.compile(
    r"(?i)\s+(?:a|per|in\s+a|each|every)\s+(?:day|week|month|year|row|quarter)(?![^\W\d_])"
)
_COMPARATIVE_AFTER = re.compile(
    r"(?i)\s+(?:as|more|less|higher|lower|larger|bigger|greater|smaller|fewer|faster|slower"
    r"|over|the|than|cheaper|dearer)(?![^\W\d_])"
)

_MONTHS_EN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTHS_GENITIVE = (
    r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    r"|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада"
    r"|грудня)"
)
_YEAR_WORD = (
    r"(?:гг?\.|года|году|годом|годах|годы|годов|год|годе|р\.|рр\.|року|році|рік|роком|роках"
    r"|роки|років)"
)
_DAY_MONTH_AFTER = re.compile(
    rf"(?:st|nd|rd|th|-?(?:го|е|ое))?\s+(?:of\s+)?(?:{_MONTHS_EN}|(?i:{_MONTHS_GENITIVE}))"
    rf"(?![^\W\d_])(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d)(?:\s+{_YEAR_WORD}(?![^\W\d_]))?)?"
)
_DAY_RANGE_MONTH_AFTER = re.compile(
    rf"\s?[-\u2013\u2014]\s?(?:0?[1-9]|[12]\d|3[01]){_DAY_MONTH_AFTER.pattern}"
)
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_]){_MONTHS_EN}\s?$")
_DAY_AFTER_MONTH = re.compile(
    r"(?:st|nd|rd|th)?(?!\d)(?![.,]\d)(?:,?\s?(?P<year>(?:19|20)\d\d)(?!\d))?"
)
_YEAR_AFTER = re.compile(
    rf"(?:\s?[-\u2010\u2011\u2013\u2014/]\s?(?:(?:19|20)\d\d|\d\d)(?!\d)(?![.,]\d))?"
    rf"(?:{_SP}?{_YEAR_WORD}(?![^\W\d_]))?"
)
_DECADE_AFTER = re.compile(r"(?:'?s|-(?:х|е|ые|ых|ті|х|і|их))(?![^\W\d_])")
_TIME_AFTER = re.compile(r":\d\d(?::\d\d)?(?!\d)")
_ISO_DATE_AFTER = re.compile(r"-\d{1,2}-\d{1,2}(?!\d)")
_SLASH_DATE_AFTER = re.compile(r"/\d{1,2}/\d{2,4}(?!\d)")
_DOTTED_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})")
_SLASH_FRACTION_AFTER = re.compile(r"/(?P<denominator>[1-9]\d?)(?!\d)(?![./]\d)")
_LARGEST_DENOMINATOR = 12
"""Fractions a text writes with a slash are simple ones: halves to twelfths."""

_ORDINAL_SUFFIX = re.compile(
    r"(?:st|nd|rd|th|[-\u2010\u2011](?:й|го|я|е|ое|ий|ый|ая|ого|ому|ом|ую|ых|ые|ым|ми|ю|м|х"
    r"|ша|ше|ші|шого|шої|ій|ої|ого|тя|ту|му))(?![^\W\d_])"
)
_HYPHEN_WORD_AFTER = re.compile(r"[-\u2010\u2011](?P<word>[^\W\d_]+)")
_RANK_AFTER = re.compile(
    r"(?i)(?:\s+|[-\u2010\u2011])(?:largest|biggest|most|main|leading|place|position|место"
    r"|месте|місце|місці"
    r"|по\s+величине|по\s+объ[её]му|за\s+величиною|за\s+обсягом"
    r"|крупнейш\w*|найбільш\w*|позиці\w*|позици\w*"
    r"|(?:[^\W\d_]+\s+)?(?:export|import|trade|trading|sales|экспортн\w*|импортн\w*|торгов\w*"
    r"|сбыт\w*|експортн\w*|імпортн\w*|торговельн\w*|збут\w*)\s+(?:markets?|partners?"
    r"|destinations?|suppliers?|рын\w*|партн[её]р\w*|поставщик\w*|ринк\w*|ринок|партнер\w*"
    r"|постачальник\w*))(?![^\W\d_])"
)
"""What makes an ordinal a rank: a superlative or a place ("second largest", "на 2-м месте",
"второй по величине"), or the market or partner it ranks ("a second export market", "третьим
торговым партнером", "другим експортним ринком"); "a second term" is no rank."""
_UK_SECOND = re.compile(r"друг(?:ий|ого|ому|им|ім|а|ої|ій|у|ою|е)")
"""Ukrainian "другий" is "second" as often as "other"; before a market or partner in the
singular it ranks ("другим торговельним партнером")."""
_UK_SINGULAR_RANKED = re.compile(
    r"(?i)(?:ринок|ринку|ринком|ринка|партнер|партнера|партнеру|партнером|партнері"
    r"|постачальник|постачальника|постачальником)$"
)
_RANK_TAIL = re.compile(r"(?i)(?:largest|biggest|крупнейш\w*|найбільш\w*)")
"""The superlative hyphened to an ordinal: "second-largest"."""
_PERIOD_PART_AFTER = re.compile(
    r"(?i)\s+(?:half|quarter|полугоди\w*|квартал\w*|половин\w*|півріччя|півроку|декад\w*)"
    r"(?![^\W\d_])"
)
_DURATION_AFTER = re.compile(
    r"(?i)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)"
    r"|quarters|год(?:а|у|ом|ы|ов)?|лет|месяц(?:а|ев|ы|ем|ам|ах)?|недел(?:я|и|ь|ю|ям)"
    r"|дн(?:я|ей|ям)|день|сут(?:ок|ки)|час(?:а|ов)?|минут(?:ы|у)?|квартал(?:а|ов|ы)?"
    r"|десятилети[еяй]|век(?:а|ов)?|полугоди[еяй]|рік|роки|років|року|місяц(?:ь|і|ів|я|ями)"
    r"|тижн(?:і|ів|я)|тиждень|дн(?:і|ів)|доб(?:а|и)|годин(?:а|и|у)?|хвилин(?:а|и|у)?"
    r"|квартал(?:и|ів|у)|десятиліт(?:тя|ь)|століт(?:тя|ь)|півріч(?:чя|ь))(?![^\W\d_])"
)
"""Periods counted by a numeral: "12 months", "6 месяцев", "10 місяців", "two years" are
lengths of time, read with the period a figure is about, not figures."""
_DURATION_STEMS = re.compile(
    r"(?i)(?:year|month|week|day|hour|minute|decade|летн|годичн|месячн|дневн|недельн|часов"
    r"|річн|місячн|денн|тижнев|годинн)\w*"
)
_PERCENT_STEMS = re.compile(r"(?i)(?:percent|per-cent|процентн|відсотков)\w*")
_MULTIPLIER_STEMS = re.compile(r"(?i)(?:fold|кратн|разов)\w*")

_FURNITURE_AFTER = re.compile(
    r"(?i)\s*(?:(?:m|min(?:ute)?s?)\.?\s+(?:to\s+)?read|мин\.?\s+чтения|хв\.?\s+читання"
    r"|хвилин\w*\s+читання)"
    r"(?![^\W\d_])"
)
_COUNTER_AFTER = re.compile(
    r"(?i)\s+(?:articles|posts|comments|views|photos|videos|статей|публикаци\w*"
    r"|комментари\w*|просмотр\w*|коментар\w*|перегляд\w*|публікаці\w*)\s*\)"
)
_REFERENCE_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:pp?\.|page|pages|nos?\.|vol\.|volume|issue|art\.|article|section"
    r"|table|figure|fig\.|chart|annex|paragraph|resolution|decree|law|chapter|№|No|с\.|стр\."
    r"|выпуск|том|стать[яиюе]|пункт|таблиц[аыеу]|рис\.|рисун\w*|глав[аыеу]|раздел\w*|указ\w*"
    r"|постановлени\w*|закон\w*|статт[яіюе]|таблиц[яіює]|розділ\w*|постанов\w*)\s?$"
)
_URL_BEFORE = re.compile(r"(?:https?://|www\.)\S*$")
_LIST_NUMBER_AFTER = re.compile(r"[.)]\s")
_LINE_START_BEFORE = re.compile(r"\n[^\S\n]*$")
_SENTENCE_BEFORE = re.compile(r"[.:;!?\]]\s+$")
_LIST_ITEM_AFTER = re.compile(r"[.)]\s+(?=[A-ZА-ЯЁІЇЄҐ\"«“(])")
_REFERENCE_TAIL = re.compile(r"(?:\s?[-\u2013\u2014]\s?\d+)?(?:\s?\(\s?\d+\s?\))?")
"""The rest of a reference: a page range ("pp. 72–73"), an issue's number ("№ 8 (257)")."""

_QUARTER_LETTERS = frozenset("QHКкПп")
_APPROXIMATELY_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:approximately|about|around|nearly|almost|roughly|some|over|under"
    r"|more\s+than|less\s+than|at\s+least|up\s+to|около|примерно|почти|более|менее|свыше"
    r"|близько|майже|понад|приблизно)\s+$"
)
_DATED_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:since|in|until|till|before|after|by|from|c\.)\s+$")
"""A preposition of time before "around": "since around 2015" is a year."""

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZА-ЯЁІЇЄҐ\"«“])|\n\s*\n")
_LIST_JOINT = re.compile(
    r"(?i)[,;]|\s[-–—]\s|(?<![^\W\d_])(?:and|while|whereas|but|и|а|но|і|й|та|але)(?![^\W\d_])"
)
"""What joins the members of a list: "33 percent support it, 44 oppose it"."""
_MINOR_UNITS = re.compile(
    r"(?i)\s*(?:,|and|и|і|та)?\s*(?P<number>\d{1,2}(?!\d)|[^\W\d_]+)\s+(?:kopecks?|kopeks?"
    r"|cents?|копе(?:ек|йки|йка|йку|йкой)|копій(?:ок|ки|ка|ку|кою)|цент(?:ов|а|ы|ів|и)?)"
    r"(?![^\W\d_])"
)
"""A currency's hundredths after its units: "20 kopeks", "and zero kopecks", "50 копійок"."""
_PEOPLE_WINDOW = 100
"""How far back in its clause a number that names nothing looks for the people it counts."""
_PEOPLE_SUBJECT = re.compile(
    r"(?i)(?<![^\W\d_])(?:staff|personnel|workforce|headcount|population|contingent|employees"
    r"|workers|troops|soldiers|residents|штат\w*|персонал\w*|численност\w*|населени\w*"
    r"|контингент\w*|сотрудник\w*|работник\w*|военнослужащ\w*|чисельн\w*|населенн\w*"
    r"|працівник\w*|співробітник\w*|військовослужбовц\w*)(?![^\W\d_])"
)
"""Nouns for a group of people, which a clause may count without repeating them."""
_MEASURE_WORDS = re.compile(
    r"(?i)(?<![^\W\d_])(?:costs?|salar\w*|wages?|pay|budget|spending|share|percent|income"
    r"|расход\w*|зарплат\w*|заработн\w*|бюджет\w*|дол[яиюе]|витрат\w*|зарплат\w*|частк\w*)"
    r"(?![^\W\d_])|[$€£₽₴%]"
)
"""Words after the people that make the figure something else of theirs: "staff costs"."""
_CLAUSE_GOES_ON = frozenset(
    {"and", "but", "or", "in", "by", "from", "since", "after", "last", "this", "as", "while"}
    | {"и", "а", "но", "или", "в", "во", "за", "с", "к", "по", "после", "человек"}
    | {"і", "й", "та", "але", "або", "у", "в", "за", "з", "до", "після"}
)
"""Words that may follow a number that names nothing: the clause goes on, or ends."""
_FUNCTION_WORDS = frozenset(
    {"of", "in", "on", "at", "to", "for", "from", "by", "with", "the", "a", "an", "per"}
    | {"and", "or", "than", "as", "out"}
)
"""Words after a bare number that make it no list member on its own: "3 of them"."""
_NEXT_WORD = re.compile(r"\s*(?P<punct>[,.;:!?)]|$)|\s+(?P<word>[^\W\d_]+)")

_WORD_AFTER = re.compile(r"(?:\s+|[-\u2010\u2011])(?P<word>[^\W\d_]+(?:['’ʼ][^\W\d_]+)?)")
"""The next word of a numeral written in words ("two hundred and five", "thirty-three")."""
_ARTICLE_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:a|one)\s+$")
_PRONOUN_AFTER = re.compile(r"(?i)\s+(?:of|another|из|изо|з|із|зі|от|с)(?![^\W\d_])")
_PRONOUN_BEFORE = re.compile(
    r"(?i)(?<![^\W\d_])(?:the|no|any|every|each|this|that|which|such|a|someone|ни|ни\s+в)\s+$"
)
_ONE_HAND = re.compile(
    r"(?i)(?:on\s+the\s+one\s+hand|с\s+одной\s+стороны|з\s+одного\s+боку|з\s+одн[іо]єї\s+сторони)"
)
_PAIR_AFTER = re.compile(
    r"(?i)\s+(?:countries|states|sides|presidents|leaders|men|economies|nations|governments"
    r"|capitals|neighbou?rs|parties|allies|стран\w*|государств\w*|сторон\w*|президент\w*"
    r"|країн\w*|держав\w*|сторін|сторонами)(?![^\W\d_])"
)
_THE_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:the|эти|этих|обе|обеих|ці|цих|обидві|обох)\s+$")
_BETWEEN_THE_BEFORE = re.compile(r"(?i)(?<![^\W\d_])between\s+the\s+$")
_BETWEEN_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:between|между|між)\s+$")
"""The pair a text is about: "between the two countries", "между двумя странами"."""
_ARGUMENT_AFTER = re.compile(
    r"(?i)\s+(?:reasons?|explanations?|arguments?|points?|причин\w*|аргумент\w*)(?![^\W\d_])"
)
_SENTENCE_START_BEFORE = re.compile(r"(?:[.!?:;\"'(\[•*–—-]\s*|\n\s*)$")

_BELARUS = re.compile(r"(?i)belarus|белорус|беларус|білорус")
_RUSSIA = re.compile(r"(?i)russia|росси[яиюйе]|российск|росі[яїюі]|російськ")

_RUSSIA_WORDS = r"russia\w*|moscow|kremlin|росси\w*|москв\w*|кремл\w*|росі\w*|російськ\w*|рф"
_BELARUS_WORDS = r"belarus\w*|minsk|белорус\w*|беларус\w*|минск\w*|білорус\w*|мінськ\w*|рб"
_RUSSIA_NAMED = re.compile(rf"(?i)(?<![^\W\d_])(?:{_RUSSIA_WORDS})(?![^\W\d_])")
_BELARUS_NAMED = re.compile(rf"(?i)(?<![^\W\d_])(?:{_BELARUS_WORDS})(?![^\W\d_])")
_PAYER = re.compile(
    rf"(?i)(?<![^\W\d_])(?:(?P<russia>{_RUSSIA_WORDS})|(?P<belarus>{_BELARUS_WORDS}))"
    r"(?:\s+[^\W\d_]+){0,2}\s+(?:pays?|paid|paying|charges?|charged|lends?|lent|spends?|spent"
    r"|платит|платят|платил\w*|заплатил\w*|выплатил\w*|выплачива\w*|потратил\w*|тратит"
    r"|плат(?:ить|ять)|платив\w*|заплатив\w*|сплатив\w*|сплачу\w*|виплатив\w*|виплачу\w*"
    r"|витрача\w*|витратив\w*)(?![^\W\d_])"
)
"""An economy before a verb of paying, charging or lending: whose money changes hands."""
_ECONOMY_WINDOW = 300
"""How far around a bare "rubles" its sentence is read for the economy it is about."""
_LINE_OR_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZА-ЯЁІЇЄҐ\"«“])|\n")

_BYN_DAY = (2016, 7, 1)
"""The redenomination: from 1 July 2016 a new Belarusian ruble (BYN) replaced 10,000 old
ones (BYR)."""

_CONFIDENCE = {
    "amount": 0.9,
    "percent": 0.95,
    "points": 0.9,
    "multiplier": 0.85,
    "fraction": 0.85,
    "physical": 0.9,
    "count": 0.75,
    "rank": 0.7,
    "bare": 0.4,
}
"""How sure a reading of number, scale and unit is, by what the text said about its unit."""


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


@dataclass
class _Unit:
    """What follows (or precedes) a number: its unit and the end of the expression."""

    end: int
    unit: str = ""
    kind: str = "bare"
    why: list[str] = field(default_factory=list)
    confidence: float | None = None
    scale: int = 1
    """A scale the unit carries: "bcm" is billion cubic metres."""


@dataclass
class _Number:
    """A numeral with its scale, as found: where it is, what it is worth, how to write it."""

    start: int
    end: int
    number: Decimal
    scale: int
    value_text: str
    scale_end: int
    why: list[str] = field(default_factory=list)


_NUMBER_NEXT = re.compile(r"\s?\d")
"""A number right after a currency sign or code: the sign is that number's, not the one before."""


def find_quantities(
    text: str, language: Language, *, document_date: str | None = None
) -> list[Quantity | Numeral]:
    """Every numeral in ``text``, in text order, read as a :class:`Quantity` or a
    :class:`Numeral`; each numeral lies inside exactly one of them.

    ``language`` decides how digits are separated ("19,407" is nineteen thousand in English,
    nineteen and a bit in Russian) and which words are numbers; ``document_date`` ("2016",
    "2016-01", "2016-01-29") decides which Belarusian ruble a ruble amount is in.
    """
    return _Reader(text, language, document_date).read()


class _Reader:
    """One left-to-right pass over a text; each numeral is read in a window around it."""

    def __init__(self, text: str, language: Language, document_date: str | None) -> None:
        self.text = text
        self.language = language
        self.date = _date_tuple(document_date)
        belarus = sum(1 for _ in _BELARUS.finditer(text))
        self.about_belarus = belarus > 0 and belarus >= sum(1 for _ in _RUSSIA.finditer(text))
        self.items: list[Quantity | Numeral] = []

    # -- the pass --------------------------------------------------------------------------

    def read(self) -> list[Quantity | Numeral]:
        cursor = 0
        for match in _NUMERAL.finditer(self.text):
            if match.start() < cursor:
                continue
            if match.group("fraction"):
                numerator, denominator = match.group().split("\u2044")
                item = self._fraction(
                    match.start(), match.end(), int(numerator), int(denominator), "a fraction"
                )
            elif match.group("digits"):
                item = self._digits(match.start(), match.end())
            elif match.group("vulgar"):
                item = self._vulgar(match.start())
            else:
                item = self._word(match.start(), match.end())
            if item is None:
                continue
            item = self._carried(item)
            self.items.append(item)
            cursor = item.end
        return self.items

    # -- windows ---------------------------------------------------------------------------

    def _before(self, start: int, width: int = _BEFORE) -> str:
        return self.text[max(0, start - width) : start]

    def _match(
        self, pattern: re.Pattern[str], pos: int, width: int = _AFTER
    ) -> re.Match[str] | None:
        return pattern.match(self.text, pos, pos + width)

    def _ends(self, pattern: re.Pattern[str], end: int, width: int) -> re.Match[str] | None:
        """``pattern`` (written to end in "$") matched right before ``end``, reading at most
        ``width`` characters back."""
        return pattern.search(self.text, max(0, end - width), end)

    def _starts_a_sentence(self, start: int) -> bool:
        """Whether a word opens a sentence, heading or list item (a capital there is no name)."""
        return start == 0 or self._ends(_SENTENCE_START_BEFORE, start, 8) is not None

    def _numeral(self, start: int, end: int, role: str, reason: str) -> Numeral:
        return Numeral(start, end, self.text[start:end], role, reason)

    # -- digits ----------------------------------------------------------------------------

    def _digits(self, start: int, end: int) -> Quantity | Numeral:
        written = self.text[start:end]
        before = self._before(start)
        not_a_quantity = self._digits_not_a_quantity(start, end, written, before)
        if not_a_quantity is not None:
            return not_a_quantity
        if (fraction := self._slash_fraction(start, end, written)) is not None:
            return fraction
        currency = self._ends(_CURRENCY_BEFORE, start, 8)
        opening = start - len(currency.group()) if currency else start
        code = currency.group().strip(GROUP_SPACES) if currency else None
        if currency is None and (named := self._name_or_code(start, before)) is not None:
            return named
        if (multiplier := self._digit_multiplier(start, end, written)) is not None:
            return multiplier
        number = self._scaled(start, end, money=code is not None)
        if number is None:
            return self._numeral(start, end, "unreadable", "separators that make no number")
        if (hyphenated := self._hyphen_word(number, opening, code)) is not None:
            return hyphenated
        if self._is_year(written, currency, number):
            return self._year(start, end)
        if (ordinal := self._ordinal(start, end)) is not None:
            return ordinal
        if number.scale == 1 and code is None:
            if (duration := self._match(_DURATION_AFTER, end, 40)) is not None:
                return self._numeral(
                    start, duration.end(), "duration", "a length of time, not a figure"
                )
            if (counter := self._match(_COUNTER_AFTER, end, 40)) is not None and "(" in before[-2:]:
                return self._numeral(
                    start, counter.end(), "page furniture", "a count of the page's items"
                )
            if (reading := self._match(_FURNITURE_AFTER, end, 40)) is not None:
                return self._numeral(start, reading.end(), "page furniture", "a reading time")
        return self._quantity(opening, number, code)

    def _slash_fraction(self, start: int, end: int, written: str) -> Quantity | None:
        """ "1/3", "2/3 of exports": a fraction written with a slash, a smaller number over a
        small one ("24/7" is none)."""
        found = self._match(_SLASH_FRACTION_AFTER, end, 4)
        if found is None or not written.isdigit():
            return None
        numerator, denominator = int(written), int(found.group("denominator"))
        if not 0 < numerator < denominator <= _LARGEST_DENOMINATOR:
            return None
        return self._fraction(start, found.end(), numerator, denominator, "a fraction")

    def _digits_not_a_quantity(
        self, start: int, end: int, written: str, before: str
    ) -> Numeral | None:
        """Times, dates, references, footnotes and list numbers: numerals that measure nothing."""
        if (time := self._match(_TIME_AFTER, end, 8)) is not None and len(written) <= 2:
            return self._numeral(start, time.end(), "time", "a time of day")
        if _DOTTED_DATE.fullmatch(written):
            return self._numeral(start, end, "date", "a date (day.month.year)")
        if len(written) == 4 and (iso := self._match(_ISO_DATE_AFTER, end, 8)) is not None:
            return self._numeral(start, iso.end(), "date", "a date (year-month-day)")
        if (slashed := self._match(_SLASH_DATE_AFTER, end, 10)) is not None and len(written) <= 2:
            return self._numeral(start, slashed.end(), "date", "a date (day/month/year)")
        if written.isdigit() and len(written) <= 2 and 1 <= int(written) <= 31:
            day = self._match(_DAY_MONTH_AFTER, end, 40) or self._match(
                _DAY_RANGE_MONTH_AFTER, end, 50
            )
            if day is not None:
                return self._numeral(start, day.end(), "date", "a day of the month")
            if self._ends(_MONTH_BEFORE, start, 14):
                after = self._match(_DAY_AFTER_MONTH, end, 12)
                stop = after.end() if after is not None else end
                return self._numeral(start, stop, "date", "a day of the month")
        if self._ends(_URL_BEFORE, start, 120):
            return self._numeral(start, end, "name", "part of a web address")
        if self._ends(_REFERENCE_BEFORE, start, 24):
            more = self._match(_REFERENCE_TAIL, end, 24)
            stop = more.end() if more is not None else end
            return self._numeral(start, stop, "reference", "the number of a page, part or document")
        if before.endswith("[") and self.text.startswith("]", end):
            return self._numeral(start, end, "page furniture", "a footnote mark")
        if written.isdigit() and len(written) <= 2 and self._opens_a_list_item(start, end, before):
            return self._numeral(start, end, "list number", "the number of a list item")
        decade = written.isdigit() and len(written) in (2, 4) and written.endswith("0")
        if decade and (suffix := self._match(_DECADE_AFTER, end, 6)) is not None:
            return self._numeral(start, suffix.end(), "year", "a decade")
        return None

    def _opens_a_list_item(self, start: int, end: int, before: str) -> bool:
        """ "1. Between …", "2) Minsk …": a number opening a line, or a sentence, followed by a
        point or parenthesis and a capitalised word."""
        text_start = start == len(before) and not before.strip()
        if text_start or self._ends(_LINE_START_BEFORE, start, 16):
            return self._match(_LIST_NUMBER_AFTER, end, 2) is not None
        after_sentence = self._ends(_SENTENCE_BEFORE, start, 8) is not None
        return after_sentence and self._match(_LIST_ITEM_AFTER, end, 6) is not None

    def _name_or_code(self, start: int, before: str) -> Numeral | None:
        """Digits glued to a letter or hyphenated to a word on their left: a name or a code
        ("А-95", "T-72", "COVID-19", "G7"); "Q1", "H1" are parts of a year."""
        if before and before[-1].isalpha():
            letter = before[-1]
            if letter in _QUARTER_LETTERS and (len(before) < 2 or not before[-2].isalpha()):
                return self._numeral(
                    start, self._digits_end(start), "period", f"a part of a year ({letter}…)"
                )
            return self._numeral(start, self._digits_end(start), "name", "part of a name or code")
        if len(before) >= 2 and before[-1] in "-\u2010\u2011" and before[-2].isalpha():
            if before.lower().endswith(("mid-", "середины-", "середини-")):
                return None
            return self._numeral(start, self._digits_end(start), "name", "part of a name or code")
        return None

    def _digits_end(self, start: int) -> int:
        match = _NUMERAL.match(self.text, start, start + 40)
        return match.end() if match else start + 1

    def _digit_multiplier(self, start: int, end: int, written: str) -> Quantity | Numeral | None:
        """A number in digits saying how many times: "в 3 раза", "у 2,5 рази", "3 times",
        "2.5-fold", "3x"."""
        value = read_digits(written, self.language)
        if value is None:
            return None
        return self._times(start, end, value, _shown_digits(written, self.language))

    def _times(self, start: int, end: int, value: Decimal, shown: str) -> Quantity | Numeral | None:
        """How many times: "в N раз(а)", "у N рази", "N times", "N-fold" multiply; without
        the "в" ("3 раза в год") or with "a year" after ("3 times a year") they say how often."""
        if (raz := self._match(_RAZ_AFTER, end, 12)) is not None:
            prefix = self._ends(_MULTIPLIER_BEFORE, start, 6)
            if prefix is None:
                return self._numeral(start, raz.end(), "frequency", "how often something happened")
            opening = start - len(prefix.group())
            return self._make_multiplier(opening, start, end, raz.end(), value, shown, "в … раз")
        if (times := self._match(_TIMES_AFTER, end, 10)) is not None:
            if self._match(_FREQUENCY_AFTER, times.end(), 20):
                return self._numeral(
                    start, times.end(), "frequency", "how often something happened"
                )
            return self._make_multiplier(start, start, end, times.end(), value, shown, "times")
        return None

    def _make_multiplier(
        self,
        start: int,
        number_start: int,
        number_end: int,
        end: int,
        value: Decimal,
        shown: str,
        how: str,
    ) -> Quantity:
        why = f"a multiplier ({how})" if how else "a multiplier"
        return Quantity(
            start, end, number_start, number_end, self.text[start:end], value, 1, shown,
            "times", "multiplier", confidence=_CONFIDENCE["multiplier"], why=why,
        )  # fmt: skip

    def _scaled(self, start: int, end: int, *, money: bool) -> _Number | None:
        """The number at ``start:end`` with its scale word and a compound's smaller parts:
        "4.5 billion", "$12m", "1 млрд 607 млн" (1607 million)."""
        written = self.text[start:end]
        value = read_digits(written, self.language)
        if value is None:
            return None
        why = (
            [_separator_why(written, self.language)]
            if _separator_why(written, self.language)
            else []
        )
        shown = _shown_digits(written, self.language)
        scale_match = self._match(_SCALE_AFTER, end, 24)
        if scale_match is None:
            letter = self._match(_LETTER_SCALE_AFTER, end, 3)
            if letter is not None and (money or letter.group("word") == "k"):
                scale_match = letter
        if scale_match is None:
            return _Number(start, end, value, 1, shown, end, why)
        factor = scale_of(scale_match.group("word")) or 1
        scale_word = written_scale(scale_match.group("word"), factor, self.language)
        scale_end = scale_match.end()
        number, scale = value, factor
        while (part := self._match(_COMPOUND_PART, scale_end, 12)) is not None:
            smaller = self._match(_SCALE_AFTER, part.end(), 24)
            smaller_factor = scale_of(smaller.group("word")) if smaller else None
            if smaller is None or smaller_factor is None or smaller_factor >= scale:
                break
            part_value = Decimal(part.group("number").replace(",", "."))
            number = number * (scale // smaller_factor) + part_value
            scale = smaller_factor
            scale_word = written_scale(smaller.group("word"), smaller_factor, self.language)
            scale_end = smaller.end()
            end = part.end("number")
            shown = str(number)
            if self.language in ("ru", "uk"):
                shown = shown.replace(".", ",")  # the decimal comma the language writes
            why = ["a compound amount, in its smaller unit"]
            if part.group("decimals"):
                break
        return _Number(start, end, number, scale, f"{shown} {scale_word}", scale_end, why)

    def _hyphen_word(
        self, number: _Number, opening: int, code: str | None
    ) -> Quantity | Numeral | None:
        """A number hyphenated to a word: "5-летний" (a duration), "10-процентный" (a
        percentage), "3-кратный" (a multiplier), "$5-billion" (a scale), "1-й" (an ordinal)."""
        if number.scale != 1:
            return None
        hyphen = self._match(_HYPHEN_WORD_AFTER, number.end, 30)
        if hyphen is None:
            return None
        word = hyphen.group("word")
        end = hyphen.end()
        if _DURATION_STEMS.fullmatch(word):
            return self._numeral(number.start, end, "duration", "a length of time, not a figure")
        if _PERCENT_STEMS.fullmatch(word):
            return self._build(
                opening, end, number, _Unit(end, "percent", "percent", ["a percentage adjective"])
            )
        if _MULTIPLIER_STEMS.fullmatch(word):
            return self._make_multiplier(
                number.start,
                number.start,
                number.end,
                end,
                number.number,
                number.value_text,
                "-fold",
            )
        if (factor := scale_of(word)) is not None and len(word) > 1:
            scaled = replace(
                number,
                scale=factor,
                value_text=f"{number.value_text} {written_scale(word, factor, self.language)}",
                scale_end=end,
            )
            return self._quantity(opening, scaled, code)
        return None

    def _is_year(self, written: str, currency: re.Match[str] | None, number: _Number) -> bool:
        """A year: four digits from 1900 to 2099 with no currency, scale, unit or count after
        them, and no "about" before (which counts: "approximately 2000 soldiers")."""
        if currency or number.scale != 1 or not written.isdigit() or len(written) != 4:
            return False
        if not 1900 <= int(written) <= 2099:
            return False
        unit = self._unit_after(number.scale_end, None)
        if unit.unit:
            return False
        approx = self._ends(_APPROXIMATELY_BEFORE, number.start, 24)
        return approx is None or self._ends(_DATED_BEFORE, approx.start(), 12) is not None

    def _year(self, start: int, end: int) -> Numeral:
        after = self._match(_YEAR_AFTER, end, 20)
        stop = after.end() if after is not None and after.end() > end else end
        return self._numeral(start, stop, "year", "a year")

    def _ordinal(self, start: int, end: int) -> Quantity | Numeral | None:
        suffix = self._match(_ORDINAL_SUFFIX, end, 8)
        if suffix is None:
            return None
        stop = suffix.end()
        if self._match(_RANK_AFTER, stop, 30) is not None:
            value = Decimal(self.text[start:end])
            return Quantity(
                start, stop, start, end, self.text[start:stop], value, 1, str(value), "rank",
                "rank", confidence=_CONFIDENCE["rank"], why="an ordinal before a rank word",
            )  # fmt: skip
        if (part := self._match(_PERIOD_PART_AFTER, stop, 30)) is not None:
            return self._numeral(start, part.end(), "period", "a part of a year")
        return self._numeral(start, stop, "ordinal", "an ordinal")

    # -- units -----------------------------------------------------------------------------

    def _unit_after(
        self, pos: int, code: str | None, start: int | None = None, *, scaled: bool = False
    ) -> _Unit:
        """The unit written after a number and its scale, or the currency written before it.
        ``scaled``: a scale word stands before ``pos``, after which "р." is rubles ("5 млн
        р."), where after a bare number it is a year ("2011 р.")."""
        if code is None and self._match(_UNIT_START, pos, 3) is None:
            return _Unit(pos, "", "bare", ["no unit in the text"])  # a digit, a bracket, an end
        if (points := self._match(_PERCENT_POINTS, pos, 40)) is not None:
            return _Unit(points.end(), "percentage points", "points", ["percentage points"])
        if (percent := self._match(_PERCENT, pos, 20)) is not None:
            of_gdp = self._match(_OF_GDP, percent.end(), 12)
            if of_gdp is not None:
                return _Unit(of_gdp.end(), "percent", "percent", ["percent of GDP"])
            return _Unit(percent.end(), "percent", "percent", ["percent"])
        if code is not None:
            unit = _Unit(pos, *self._currency(code))
        elif (sign := self._match(_CURRENCY_SIGN_AFTER, pos, 6)) is not None and not (
            _NUMBER_NEXT.match(self.text, sign.end())  # "2019 $4.5 billion": the next one's sign
        ):
            unit = _Unit(sign.end(), *self._currency(sign.group("code") or sign.group("word")))
            unit.why = ["currency code after the number"]
        else:
            unit = self._currency_word(pos, scaled)
        if unit is not None and unit.unit:
            if (per := self._match(_PER_UNIT, unit.end, 60)) is not None:
                name = _PER_UNIT_NAMES[per.lastgroup or "tonne"]
                unit.unit = f"{unit.unit} per {name}"
                unit.end = per.end()
                rate = name in _CURRENCY_CODES
                unit.why = [*unit.why, "an exchange rate" if rate else f"a price per {name}"]
            return unit
        for name, pattern in _PHYSICAL:
            if (physical := self._match(pattern, pos, 60)) is not None:
                return self._physical(name, physical.end(), start)
        if (persons := self._match(_PERSONS, pos, 60)) is not None:
            return _Unit(persons.end(), "persons", "count", ["persons"])
        if (things := self._match(_THINGS, pos, 60)) is not None:
            return _Unit(things.end(), "count", "count", ["a count of things"])
        return _Unit(pos, "", "bare", ["no unit in the text"])

    def _physical(self, name: str, end: int, start: int | None) -> _Unit:
        if name == "bcm":
            return _Unit(
                end, "cubic metres", "physical", ["billion cubic metres (bcm)"], scale=10**9
            )
        unit = name
        if name == "barrels" and (day := self._match(_PER_DAY, end, 20)) is not None:
            unit, end = "barrels per day", day.end()
        elif (year := self._match(_PER_YEAR, end, 20)) is not None:
            rate = f"{unit} per year"  # a capacity or a yearly rate
            return _Unit(year.end(), rate if rate in UNITS else unit, "physical", [rate])
        elif start is not None and self._ends(_ANNUAL_BEFORE, start, _BEFORE):
            rate = f"{unit} per year"
            return _Unit(end, rate if rate in UNITS else unit, "physical", [f"{unit} a year"])
        return _Unit(end, unit, "physical", [unit])

    def _currency_word(self, pos: int, scaled: bool) -> _Unit | None:
        words = [*_CURRENCY_WORDS, ("ruble", _RUBLE_LETTER)] if scaled else _CURRENCY_WORDS
        for name, pattern in words:
            found = self._match(pattern, pos, 60)
            if found is None:
                continue
            if name in ("Belarusian", "ruble"):
                code, confidence, why = self._ruble(explicit=name == "Belarusian", at=pos)
                return _Unit(found.end(), code, "amount", [why], confidence)
            return _Unit(found.end(), name, "amount", ["currency word after the number"])
        return None

    def _currency(self, code: str) -> tuple[str, str, list[str], float | None]:
        """A sign or code written before or after a number: its currency code."""
        currency = _CURRENCY_CODES.get(code, code)
        if currency in ("Belarusian", "BYN", "BYR"):
            resolved, confidence, why = self._ruble(explicit=True)
            if currency != "Belarusian" and resolved != currency:
                if self.date is None:  # the code is all the text says
                    why = f"{currency} as written; the document's date is unknown"
                    return currency, "amount", [why], confidence
                why = f"written {currency}, but {why}: check which ruble"
                confidence = min(confidence, 0.5)
            return resolved, "amount", [why], confidence
        kind = "code" if code.isalpha() else "sign"
        return currency, "amount", [f"currency {kind} {code}"], None

    def _ruble(self, *, explicit: bool, at: int | None = None) -> tuple[str, float, str]:
        """Which ruble: Belarusian ones are BYR before 1 July 2016 and BYN from then on. A bare
        "rubles" is the currency of the economy that pays or charges them ("Moscow pays zero
        rubles"), else of the one economy its sentence names, else Belarusian in a text about
        Belarus and Russian otherwise."""
        economy = self._sentence_economy(at) if not explicit and at is not None else None
        if economy is not None:
            ruble, why = economy
            if ruble == "RUB":
                return "RUB", 0.6, why
        elif not explicit and not self.about_belarus:
            return "RUB", 0.6, "rubles in a text not about Belarus: Russian rubles"
        lower = 0.0 if explicit else 0.15
        what = "Belarusian rubles" if explicit else "rubles in a text about Belarus"
        if economy is not None:
            what = economy[1]
        if self.date is None:
            return "BYN", 0.45 - lower, f"{what}; the document's date is unknown, so BYN is a guess"
        if self.date[:2] == (2016, 0):
            return "BYN", 0.5 - lower, f"{what}; 2016 straddles the redenomination of 1 July"
        if self.date < _BYN_DAY:
            return "BYR", 0.9 - lower, f"{what} before the redenomination of 1 July 2016"
        return "BYN", 0.9 - lower, f"{what} after the redenomination of 1 July 2016"

    def _sentence_economy(self, at: int) -> tuple[str, str] | None:
        """The ruble a sentence's own economy makes of a bare "rubles" at ``at``: the payer's
        ("Moscow pays", "Минск заплатил"), else the one economy of Russia and Belarus the
        sentence names; None when it names both, or neither, with no payer."""
        window = self.text[max(0, at - _ECONOMY_WINDOW) : at + _ECONOMY_WINDOW // 2]
        offset = at - max(0, at - _ECONOMY_WINDOW)
        ends = [m.end() for m in _LINE_OR_SENTENCE_END.finditer(window, 0, offset)]
        stop = _LINE_OR_SENTENCE_END.search(window, offset)
        sentence = window[ends[-1] if ends else 0 : stop.start() if stop else len(window)]
        payer = _PAYER.search(sentence)
        if payer is not None:
            russian = payer.group("russia") is not None
            who = payer.group("russia") or payer.group("belarus")
            return ("RUB" if russian else "Belarusian"), f"rubles paid by {who}"
        russia, belarus = _RUSSIA_NAMED.search(sentence), _BELARUS_NAMED.search(sentence)
        if russia and not belarus:
            return "RUB", f"rubles in a sentence about {russia.group()}: Russian rubles"
        if belarus and not russia:
            return "Belarusian", "rubles in a sentence about Belarus"
        return None

    # -- building a quantity ---------------------------------------------------------------

    def _quantity(self, opening: int, number: _Number, code: str | None) -> Quantity:
        """A number read: its unit after it; or, when nothing follows it, a range or a unit
        shared with the next number."""
        unit = self._unit_after(number.scale_end, code, number.start, scaled=number.scale != 1)
        if unit.end == number.scale_end:
            paired = self._paired(opening, number, code, unit)
            if paired is not None:
                return paired
        if not unit.unit and (people := self._people_counted(opening, unit.end)) is not None:
            unit = people
        if unit.kind == "amount" and number.scale == 1 and " per " not in unit.unit:
            number, unit = self._with_minor_units(number, unit)
        return self._build(opening, unit.end, number, unit)

    def _with_minor_units(self, number: _Number, unit: _Unit) -> tuple[_Number, _Unit]:
        """An amount in a currency and its hundredths: "5 rubles 20 kopeks", "zero rubles and
        zero kopeks", "12 гривень 50 копійок", "$3 and 40 cents" is 5.20, 0, 12.50, 3.40."""
        minor = self._match(_MINOR_UNITS, unit.end, 40)
        if minor is None:
            return number, unit
        written = minor.group("number")
        if written.isdigit():
            hundredths = Decimal(written)
        else:
            read = word_numeral([written], self.language)
            if read is None or read.scale != 1 or read.number >= 100:
                return number, unit
            hundredths = read.number
        total = number.number + hundredths / 100
        shown = number.value_text
        if hundredths:  # written to the kopek: "5.20", as precise as the text
            shown = format(total.quantize(Decimal("0.01")), "f")
            shown = shown if self.language == "en" else shown.replace(".", ",")
        why = [*unit.why, "with its hundredths"]
        return replace(number, number=total, value_text=shown), replace(
            unit, end=minor.end(), why=why
        )

    def _people_counted(self, start: int, end: int) -> _Unit | None:
        """A number that names nothing after it counts its clause's subject: "the embassy's
        staff was reduced to five", "население сократилось до 9,2 млн", "чисельність персоналу
        — 300". A group of people for subject makes it a count of persons."""
        following = self._match(_NEXT_WORD, end, 40)
        if following is None or (
            following.group("word") is not None
            and following.group("word").lower() not in _CLAUSE_GOES_ON
        ):
            return None  # a word after it may be what it counts: "five plants"
        clause = self._before(start, _PEOPLE_WINDOW)
        clause = clause[max((clause.rfind(mark) for mark in ".;:!?\n"), default=-1) + 1 :]
        found = _PEOPLE_SUBJECT.search(clause)
        if found is None or _MEASURE_WORDS.search(clause, found.end()):
            return None
        return _Unit(end, "persons", "count", [f"a count of the {found.group()} it speaks of"], 0.6)

    def _build(self, opening: int, end: int, number: _Number, unit: _Unit) -> Quantity:
        if unit.scale != 1 and number.scale == 1:
            number = replace(
                number,
                scale=unit.scale,
                value_text=_value_text(number.number, unit.scale, self.language),
            )
        kind = unit.kind
        confidence = unit.confidence if unit.confidence is not None else _CONFIDENCE[kind]
        if kind == "bare" and number.scale != 1:
            confidence = 0.5
        why = [*number.why, *unit.why]
        return Quantity(
            opening, end, number.start, number.end, self.text[opening:end], number.number,
            number.scale, number.value_text, unit.unit, kind, confidence=round(confidence, 2),
            why="; ".join(dict.fromkeys(w for w in why if w)),
        )  # fmt: skip

    def _paired(
        self, opening: int, first: _Number, code: str | None, own: _Unit
    ) -> Quantity | None:
        """A number with nothing after it, then another: a range ("$6–10 за 1 т", "3-5%",
        "from 3 to 5 percent", "от 3 до 5%") or two figures sharing the second's scale and unit
        ("rose from 3 to 5 percent", "2 or 3 billion dollars")."""
        for joint in (_DASH_RANGE, _WORD_RANGE, _SHARED_JOINT, _OUT_OF):
            found = self._match(joint, first.scale_end, 12)
            if found is not None:
                break
        else:
            return None
        second_start = found.end()
        digits = _NUMERAL.match(self.text, second_start, second_start + 40)
        if digits is None or not digits.group("digits"):
            return None
        written = digits.group()
        if self._digits_not_a_quantity(second_start, digits.end(), written, "") is not None:
            return None  # "1–2 июля": days, not figures
        second_code = found.group("sign") or code
        second = self._scaled(second_start, digits.end(), money=second_code is not None)
        if second is None or (first.scale == 1 and _is_plain_year(first, second)):
            return None
        unit = self._unit_after(second.scale_end, found.group("sign"))
        if not unit.unit and code is not None:  # "$3–5 млрд": the first's currency is both's
            unit = self._unit_after(second.scale_end, code)
        if own.unit and not unit.unit.startswith(own.unit):
            return None  # "$3 and 5%": each its own
        if joint is _OUT_OF:
            if not unit.unit or first.scale != 1:
                return None
            why = [*unit.why, "a part of the whole after it, counted as it is"]
            part = replace(unit, end=first.scale_end, why=why, confidence=unit.confidence)
            return self._build(opening, first.scale_end, first, part)
        if joint is not _DASH_RANGE and not unit.unit and second.scale == 1:
            return None
        if self._is_range(joint, found, opening):
            return self._range(opening, first, second, unit)
        if own.unit and (first.scale != 1 or second.scale == 1):
            return None  # nothing to share: the first has its own unit and scale
        shared = replace(
            first,
            scale=second.scale if first.scale == 1 else first.scale,
            value_text=_with_scale(first, second, self.language),
        )
        unit = replace(
            unit,
            end=first.scale_end,
            why=[*unit.why, "unit shared with the figure after it"],
            confidence=min(unit.confidence or _CONFIDENCE[unit.kind], 0.7),
        )
        return self._build(opening, first.scale_end, shared, unit)

    def _is_range(self, joint: re.Pattern[str], found: re.Match[str], opening: int) -> bool:
        """A dash between two numbers makes a range; so do "from … to", "between … and",
        "от … до", "від … до", and a bare "3 to 5" — but not after a verb of change, where
        "from 3 to 5" are two levels."""
        if joint is _DASH_RANGE:
            return True
        if joint is not _WORD_RANGE:
            return False
        if self._ends(_CHANGE_BEFORE, opening, 80):
            return False
        if self._ends(_RANGE_OPENER, opening, 12):
            return True
        return found.group("joint").lower() == "to"

    def _range(self, opening: int, first: _Number, second: _Number, unit: _Unit) -> Quantity:
        scale = second.scale if first.scale == 1 else first.scale
        low_text = _with_scale(first, second, self.language)
        high_text = second.value_text
        why = [*first.why, "a range", *unit.why]
        kind = unit.kind
        confidence = unit.confidence if unit.confidence is not None else _CONFIDENCE[kind]
        shown = f"{first.value_text.split()[0]}–{second.value_text}"
        return Quantity(
            opening, unit.end, first.start, second.end, self.text[opening : unit.end], None,
            scale, shown, unit.unit, kind, low=first.number, high=second.number,
            low_text=low_text, high_text=high_text, confidence=round(confidence * 0.95, 2),
            why="; ".join(dict.fromkeys(w for w in why if w)),
        )  # fmt: skip

    def _carried(self, item: Quantity | Numeral) -> Quantity | Numeral:
        """A bare number in a list after a figure with a unit takes that unit: "33 percent
        support it, 44 oppose it, and 24 don't know"; "за — 45%, против — 30"."""
        if not isinstance(item, Quantity) or item.kind != "bare" or item.scale != 1:
            return item
        previous = next((q for q in reversed(self.items[-3:]) if isinstance(q, Quantity)), None)
        if (
            previous is None
            or previous.kind not in ("percent", "amount")
            or " per " in previous.unit
            or previous.low is not None
        ):
            return item
        if item.start - previous.end > _LIST_WINDOW:
            return item
        gap = self.text[previous.end : item.start]
        if _SENTENCE_END.search(gap) or not _LIST_JOINT.search(gap):
            return item
        if not self._ends_a_list_member(item.end):
            return item
        return replace(
            item,
            unit=previous.unit,
            kind=previous.kind,
            confidence=0.45,
            why=f"unit carried from {previous.written!r} earlier in the list",
        )

    def _ends_a_list_member(self, end: int) -> bool:
        """What follows a list member whose unit was left out: punctuation, or (in English) a
        verb rather than a noun ("44 oppose them", not "44 regions")."""
        following = self._match(_NEXT_WORD, end, 40)
        if following is None:
            return False
        if following.group("punct") is not None:
            return True
        word = following.group("word")
        if self.language != "en" or not word.islower() or word in _FUNCTION_WORDS:
            return False
        return not word.endswith("s")  # a plural noun counts something else: "3 bakeries"

    # -- fractions -------------------------------------------------------------------------

    def _vulgar(self, start: int) -> Quantity:
        numerator, denominator = VULGAR_FRACTIONS[self.text[start]]
        return self._fraction(start, start + 1, numerator, denominator, "a fraction sign")

    def _fraction(
        self, start: int, end: int, numerator: int, denominator: int, why: str
    ) -> Quantity:
        """A fraction; of GDP, a percentage ("half of the country's GDP" is 50 percent of it):
        a share of GDP is stated in percent, and so is every series of one."""
        if denominator == 0:
            denominator = 1
        if (of_gdp := self._match(_FRACTION_OF_GDP, end, 60)) is not None:
            return Quantity(
                start, of_gdp.end(), start, end, self.text[start : of_gdp.end()],
                fraction_value(numerator, denominator) * 100, 1, f"{numerator}/{denominator}",
                "percent", "percent", confidence=_CONFIDENCE["fraction"],
                why=f"{why} of GDP, in percent",
            )  # fmt: skip
        return Quantity(
            start, end, start, end, self.text[start:end], fraction_value(numerator, denominator),
            1, f"{numerator}/{denominator}", "fraction", "fraction",
            confidence=_CONFIDENCE["fraction"], why=why,
        )  # fmt: skip

    # -- words -----------------------------------------------------------------------------

    def _word(self, start: int, end: int) -> Quantity | Numeral | None:
        """A word that may be a numeral: a multiplier, half a scale, a fraction, an ordinal,
        an adjective built on a number, or a cardinal; None for any other word."""
        token = self.text[start:end]
        key = word_key(token)
        head = _HYPHEN_PARTS.match(key)
        first = head.group() if head else key
        if (factor := multiplier_word(key, self.language)) is not None:
            return self._multiplier_word(start, end, token, key, factor)
        if (scale := half_scale(key)) is not None:
            value = Decimal("0.5")
            shown = _value_text(value, scale, self.language)
            return self._quantity(start, _Number(start, end, value, scale, shown, end), None)
        ordinal = ordinal_value(first, self.language)
        if key in FRACTION_WORDS and (ordinal is None or not self._ranks(end)):
            return self._fraction_word(start, end, key, None)
        if ordinal is not None:
            return self._ordinal_word(start, end, first, ordinal)
        if self.language == "uk" and _UK_SECOND.fullmatch(key) and self._ranks(end, singular=True):
            return self._rank(start, end, 2)
        if (adjective := number_adjective(key, self.language)) is not None:
            return self._number_adjective(start, end, *adjective)
        if first not in CARDINALS[self.language]:
            return None
        return self._cardinal(start, end)

    def _multiplier_word(
        self, start: int, end: int, token: str, key: str, factor: int
    ) -> Quantity | Numeral:
        """ "втричі", "quadrupled", "twice as much"; a capitalised one inside a sentence is a
        name ("Double Elections"), "twice" without a comparative says how often."""
        if token[:1].isupper() and not self._starts_a_sentence(start):
            return self._numeral(start, end, "name", "part of a name or title")
        if key in TWICE and self._match(_COMPARATIVE_AFTER, end, 20) is None:
            return self._numeral(start, end, "frequency", "how often something happened")
        return self._make_multiplier(start, start, end, end, Decimal(factor), str(factor), token)

    def _ordinal_word(self, start: int, end: int, key: str, value: int) -> Quantity | Numeral:
        """ "second", "третьему", "перший": an ordinal; with "half" or "quarter" after it a
        part of a year; before "largest", "place", "по величине" a rank; "a third of" is a
        fraction."""
        tail = self.text[start:end][len(key) :].lstrip("-\u2010\u2011")
        ranked = self._ranks(end) or _RANK_TAIL.fullmatch(tail) is not None
        if (
            key in FRACTION_WORDS
            and not ranked
            and (self._ends(_ARTICLE_BEFORE, start, 6) or self._match(_OF_AFTER, end, 6))
        ):
            return self._fraction_word(start, end, key, None)
        if (part := self._match(_PERIOD_PART_AFTER, end, 30)) is not None:
            return self._numeral(start, part.end(), "period", "a part of a year")
        if value and ranked:
            return self._rank(start, end, value)
        return self._numeral(start, end, "ordinal", "an ordinal")

    def _ranks(self, end: int, *, singular: bool = False) -> bool:
        """Whether a rank word follows an ordinal ending at ``end``; ``singular``: only a
        market or partner in the singular ("другим партнером", never "другим партнерам")."""
        found = self._match(_RANK_AFTER, end, 40)
        if found is None:
            return False
        return not singular or _UK_SINGULAR_RANKED.search(found.group()) is not None

    def _rank(self, start: int, end: int, value: int) -> Quantity:
        return Quantity(
            start, end, start, end, self.text[start:end], Decimal(value), 1, str(value),
            "rank", "rank", confidence=_CONFIDENCE["rank"], why="an ordinal before a rank word",
        )  # fmt: skip

    def _fraction_word(
        self, start: int, end: int, key: str, numerator: tuple[int, int] | None
    ) -> Quantity | Numeral | None:
        """ "half", "a third of", "половина", "три чверті" (``numerator``: the cardinal before
        the noun and where it starts). "The first half" is a part of a year, "четверть века"
        a length of time."""
        one, denominator = FRACTION_WORDS[key]
        opening, count = (numerator[1], numerator[0]) if numerator else (start, one)
        article = self._ends(_ARTICLE_BEFORE, opening, 6)
        bare = numerator is None and article is None and self._match(_OF_AFTER, end, 6) is None
        if bare and key in ORDINAL_FRACTIONS:
            return self._numeral(start, end, "ordinal", "an ordinal")
        if numerator is None and self._ends(_ORDINAL_BEFORE_PERIOD, opening, 24):
            return self._numeral(start, end, "period", "a part of a year")
        if (period := self._match(_FRACTION_PERIOD_AFTER, end, 30)) is not None:
            return self._numeral(opening, period.end(), "duration", "a length of time")
        if numerator is None and article is not None:
            opening = start - len(article.group())
        return self._fraction(opening, end, count, denominator, "a fraction in words")

    def _number_adjective(
        self, start: int, end: int, value: int, kind: str, factor: int
    ) -> Quantity | Numeral:
        """An adjective built on a number: "пятимиллиардный", "двухпроцентный",
        "трехкратный", "п'ятирічний" (a length of time)."""
        if kind == "duration":
            return self._numeral(start, end, "duration", "a length of time, not a figure")
        if kind == "multiplier":
            return self._make_multiplier(start, start, end, end, Decimal(value), str(value), "")
        shown = _value_text(Decimal(value), factor, self.language)
        number = _Number(start, end, Decimal(value), factor, shown, end, [_BUILT_IN])
        if kind == "percent":
            return self._build(start, end, number, _Unit(end, "percent", "percent", ["percent"]))
        return self._build(start, end, number, self._unit_after(end, None))

    def _cardinal(self, start: int, end: int) -> Quantity | Numeral | None:
        """A cardinal in words: its run of words ("two hundred and five", "двадцать пять
        миллионов"), then what it counts — or what it is instead (a pronoun, a name, a length
        of time, how often)."""
        words, ends = self._word_run(start, end)
        first = word_key(words[0])
        lone_scale = CARDINALS[self.language][first][1] == SCALE
        if lone_scale and not self._lone_scale_counts(first, start):
            return None
        read = word_numeral(words, self.language)
        if read is None:
            return None
        stop = ends[read.words - 1]
        if stop < end:  # the token's hyphenated tail is no number: "five-year", "one-sided"
            return self._hyphen_tail(start, end, stop, read, word_key(words[read.words]))
        if read.words == 1 and read.scale == 1:
            not_a_quantity = self._word_not_a_quantity(start, stop, first)
            if not_a_quantity is not None:
                return not_a_quantity
        if self.text[start].isupper() and not self._starts_a_sentence(start):
            return self._numeral(start, stop, "name", "part of a name or title")
        if read.scale == 1:
            after = self._match(_WORD_AFTER, stop, 40)
            denominator = word_key(after.group("word")) if after else ""
            if denominator in FRACTION_WORDS and read.number < 20:
                numerator = (int(read.number), start)
                return self._fraction_word(after.start("word"), after.end(), denominator, numerator)
            shown = _value_text(read.number, 1, self.language)
            if (times := self._times(start, stop, read.number, shown)) is not None:
                return times
            if (duration := self._match(_DURATION_AFTER, stop, 40)) is not None:
                return self._numeral(start, duration.end(), "duration", "a length of time")
        opening = start
        if lone_scale and (article := self._ends(_ARTICLE_BEFORE, start, 6)) is not None:
            opening = start - len(article.group())  # "a million"
        shown = _value_text(read.number, read.scale, self.language)
        number = _Number(opening, stop, read.number, read.scale, shown, stop, [_IN_WORDS])
        return self._quantity(opening, number, None)

    def _word_run(self, start: int, end: int) -> tuple[list[str], list[int]]:
        """The words of a numeral from ``start`` and where each ends: the token's hyphenated
        parts, then the words after it while they are cardinals ("two hundred and five")."""
        words: list[str] = []
        ends: list[int] = []
        for part in _HYPHEN_PARTS.finditer(self.text, start, end):
            words.append(part.group())
            ends.append(part.end())
        table = CARDINALS[self.language]
        if not all(word_key(word) in table for word in words):
            return words, ends
        pos = end
        for _ in range(_LONGEST_NUMERAL):
            found = self._match(_WORD_AFTER, pos, 40)
            if found is None:
                break
            key = word_key(found.group("word"))
            if key not in table and key not in _JOINING_WORDS:
                break
            words.append(found.group("word"))
            ends.append(found.end())
            pos = found.end()
        return words, ends

    def _hyphen_tail(
        self, start: int, end: int, stop: int, read: WordNumeral, tail: str
    ) -> Quantity | Numeral | None:
        """A cardinal hyphenated to a word: "two-thirds" (a fraction), "twenty-first" (an
        ordinal), "five-year" (a length of time), "five-billion-dollar" (money), "one-sided"
        (no number at all)."""
        if tail in FRACTION_WORDS:
            denominator = FRACTION_WORDS[tail][1]
            return self._fraction(start, end, int(read.number), denominator, "a fraction in words")
        if ordinal_value(tail, self.language) is not None:
            return self._numeral(start, end, "ordinal", "an ordinal")
        if _DURATION_STEMS.fullmatch(tail):
            return self._numeral(start, end, "duration", "a length of time, not a figure")
        if _MULTIPLIER_STEMS.fullmatch(tail):
            shown = _value_text(read.number, 1, self.language)
            return self._make_multiplier(start, start, stop, end, read.number, shown, "-fold")
        shown = _value_text(read.number, read.scale, self.language)
        number = _Number(start, stop, read.number, read.scale, shown, end, [_IN_WORDS])
        if _PERCENT_STEMS.fullmatch(tail):
            return self._build(start, end, number, _Unit(end, "percent", "percent", ["percent"]))
        if (currency := _HYPHENED_CURRENCIES.get(tail)) is not None:
            return self._build(start, end, number, _Unit(end, currency, "amount", ["currency"]))
        if read.scale != 1:  # "two-million": the word after says what
            return self._build(start, end, number, self._unit_after(end, None, start))
        return None

    def _lone_scale_counts(self, word: str, start: int) -> bool:
        """A scale word standing alone is a number only in the singular ("a million", "тысяча",
        "мільйон"); "thousands", "тысячи", "мільйони" are indefinite."""
        if self.language == "en":
            return self._ends(_ARTICLE_BEFORE, start, 6) is not None
        return word in _SINGULAR_SCALES

    def _word_not_a_quantity(self, start: int, end: int, word: str) -> Numeral | None:
        """A lone number word that counts nothing here: "one of", "the one", "on the one hand",
        "один из", "the two countries", "One reason is"."""
        if word in _ONE:
            window = self.text[max(0, start - 20) : end + 24]
            if _ONE_HAND.search(window):
                return self._numeral(start, end, "idiom", "an idiom (on the one hand)")
            if self._match(_PRONOUN_AFTER, end, 10) or self._ends(_PRONOUN_BEFORE, start, 16):
                return self._numeral(start, end, "pronoun", "one of a group, no quantity")
            if self._match(_ARGUMENT_AFTER, end, 20):
                return self._numeral(start, end, "enumeration", "an enumeration of the argument")
        pair_after = self._match(_PAIR_AFTER, end, 30) is not None
        if word in _TWO and (
            (
                (self._ends(_THE_BEFORE, start, 10) or self._ends(_BETWEEN_BEFORE, start, 10))
                and pair_after
            )
            or self._ends(_BETWEEN_THE_BEFORE, start, 16)
        ):
            return self._numeral(start, end, "reference", "the pair the text is about")
        return None


_HYPHEN_PARTS = re.compile(r"[^-\u2010\u2011]+")
_JOINING_WORDS = frozenset({"and", "и", "і", "й"})
"""Words that join the parts of a cardinal: "two hundred and five"."""
_LONGEST_NUMERAL = 12
"""The most words a cardinal in words runs to after its first ("two billion three hundred
and forty-five million six hundred …")."""
_SINGULAR_SCALES = frozenset(
    {"тысяча", "тысячу", "миллион", "миллиард", "триллион"}
    | {"тисяча", "тисячу", "мільйон", "мільярд", "трильйон"}
)
_ONE = frozenset(
    {"one", "один", "одна", "одно", "одного", "одной", "одним", "одну"}
    | {"одне", "одної", "однією", "одній"}
)
_TWO = frozenset({"two", "два", "две", "двух", "двум", "двумя", "дві", "двох", "двом", "двома"})
_HYPHENED_CURRENCIES = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR"}
"""Money in a compound adjective: "a five-billion-dollar loan"."""
_IN_WORDS = "a number in words"
_BUILT_IN = "a number built into an adjective"
_FRACTION_PERIOD_AFTER = re.compile(
    r"(?i)\s+(?:of\s+(?:a|the)\s+)?(?:century|year|века|столетия|года|столітт\w*|року|віку)(?![^\W\d_])"
)

_OF_AFTER = re.compile(r"(?i)\s+of(?![^\W\d_])")
_FRACTION_OF_GDP = re.compile(
    r"(?i)\s+(?:of\s+)?(?:(?:the|its|their|this|[^\W\d_]+['’]s?)\s+){0,2}"
    r"(?:(?-i:GDP)|gross\s+domestic\s+product|(?-i:ВВП))(?![^\W\d_])"
)
"""The GDP a fraction is of: "half of the country's GDP", "a third of GDP", "половина ВВП"."""
_ORDINAL_BEFORE_PERIOD = re.compile(
    r"(?i)(?<![^\W\d_])(?:first|second|third|fourth|last|latter|other|перв\w+|втор\w+|последн\w+"
    r"|перш\w+|друг\w+|останн\w+)\s+$"
)


def _is_plain_year(first: _Number, second: _Number) -> bool:
    """ "2014–2015", "2015-16": two years, not a range of figures."""
    a, b = first.value_text, second.value_text
    return (
        len(a) == 4
        and a.isdigit()
        and 1900 <= int(a) <= 2099
        and (len(b) in (2, 4) and b.isdigit())
    )


def _with_scale(first: _Number, second: _Number, language: Language) -> str:
    """The first end of a range in the second's scale when it has none: "3–5 млрд" → "3 млрд"."""
    if first.scale != 1 or second.scale == 1:
        return first.value_text
    scale_word = second.value_text.split(" ", 1)[1] if " " in second.value_text else ""
    return f"{first.value_text} {scale_word}".strip()


def _value_text(number: Decimal, scale: int, language: Language) -> str:
    shown = _plain(number)
    if language != "en" and "." in shown:
        shown = shown.replace(".", ",")
    if scale == 1:
        return shown
    return f"{shown} {SCALE_ABBREVIATIONS[language][scale]}"


def _plain(number: Decimal) -> str:
    """A number in plain digits, without an exponent or trailing zeros after a point."""
    shown = format(number, "f")
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown


def _shown_digits(written: str, language: Language) -> str:
    """The digits as a curated value writes them: as written, without group spaces (which the
    value's reader would take for a second word)."""
    for space in GROUP_SPACES:
        written = written.replace(space, "")
    return written


def _separator_why(written: str, language: Language) -> str:
    """Why a comma was read as it was, for the curator: the language decides."""
    if "," not in written:
        return ""
    if language in ("ru", "uk"):
        return f"decimal comma ({'Russian' if language == 'ru' else 'Ukrainian'})"
    plain = plain_digits(written, language) or ""
    decimal = "." in plain and "." not in written
    return "decimal comma" if decimal else "thousands comma (English)"


def _date_tuple(document_date: str | None) -> tuple[int, int, int] | None:
    """ "2016-01-29" → (2016, 1, 29); "2016-01" → (2016, 1, 1); "2016" → (2016, 0, 0), a year
    that cannot be placed against a day within it."""
    if not document_date:
        return None
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", document_date.strip())
    if match is None:
        return None
    year = int(match.group(1))
    if match.group(2) is None:
        return (year, 0, 0) if year == 2016 else (year, 12 if year > 2016 else 1, 1)
    return (year, int(match.group(2)), int(match.group(3) or 1))
