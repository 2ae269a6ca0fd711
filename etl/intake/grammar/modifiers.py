"""A figure's direction and qualifier: is it the size of a change (and which way), the level a
change reached, the level it started from, a balance with a sign, a bound, an approximation, a
range or a forecast.

News writes these the same way in English, Russian and Ukrainian, only with different words:

- the words **adjacent** to a figure, read right to left from it: a bound or approximation
  ("more than", "не менее", "понад", "почти"), the preposition that makes it a change's amount
  ("by", "на"), the level a change reached ("to", "до"), the level it started from ("from",
  "с", "з"), a sign ("minus", "−"), "up"/"down", a conjunction joining it to the figure before
  ("… million or 1.1%", "на 48% и 58%"), which then shares that figure's reading;
- the **governor**: a verb or noun of change in the figure's clause ("увеличился", "рост
  составил", "a decline of GDP by", "fell"), or after a change's amount ("на 48% уменьшились",
  "на 56% больше", "a 5% increase");
- a **balance** named with its sign ("deficit", "профицит", "положительное сальдо");
- a **forecast** word in the clause ("will", "ожидается", "буде", "is due", "next year"), which
  wins over a bound: a future value is a forecast first — except the future of a commitment
  (to provide, lend, supply, pay) with a bound ("will provide up to $600 million", "поставит до
  10 млн т"), which states the ceiling agreed now.

A sentence in the other script than the document's (a Russian headline an English article
cites) is read with its own language's words.

Each is read from a bounded window around the figure, cut at clause boundaries (commas, dashes,
semicolons, colons, brackets, and conjunctions joining clauses), so a verb belonging to another
figure is not read as this one's; a figure standing alone in its clause ("— 0.1%", ": на 22,6%",
"— до 19,4 млрд") takes its governor from the clauses before it, with less confidence. Every
pattern is a compiled regex over a window of at most a few hundred characters: reading a text
stays linear in its length.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from functools import cache, lru_cache

import pymorphy3

from etl.intake.grammar.language import Language, language_of

__all__ = ["QUALIFIERS", "Modifiers", "read_modifiers", "sentence_language"]

QUALIFIERS = ("reported", "approximate", "lower_bound", "upper_bound", "range", "forecast")

BEFORE = 200
"""How far back from a figure its governor, balance or forecast word may be (characters)."""
AFTER = 120
"""How far past a figure its clause is read (a verb after its amount, "is due", "or more")."""
ADJACENT = 60
"""How far back the words adjacent to a figure are read ("не более чем на", "by about")."""
MAX_COORDINATION = 2
"""How many figures back a chain of "X, or Y, or Z" is followed for a shared reading."""
ELLIPTICAL_WORDS = 2
"""A clause with at most this many words before its figure has no predicate of its own ("— 0.1%",
"was USD554 million"): its governor, balance or forecast word is read from the clauses before."""

# Confidence of a reading, by where its evidence sits.
ADJACENT_CONFIDENCE = 0.9
CLAUSE_CONFIDENCE = 0.75
PREVIOUS_CLAUSE_CONFIDENCE = 0.55
FAR_CONFIDENCE = 0.4
NOTHING_CONFIDENCE = 0.7
"""A figure with no word of change, bound or forecast around it is a reported level; that
reading is only as sure as the absence of evidence."""
NEAR_WORDS = 3
"""A governor at most this many words before the figure's adjacent words counts as adjacent."""


@dataclass(frozen=True)
class Modifiers:
    """What the words around one figure say about it, and how sure that reading is."""

    sign: str | None
    """"+" | "-" | None: for changes and for balances (surplus/deficit); None for levels."""
    direction: str | None
    """"increase" | "decrease" | None: the curated fact's direction, for a change."""
    qualifier: str
    """reported | approximate | lower_bound | upper_bound | range | forecast."""
    is_change: bool
    """The figure is the size of a change ("увеличился на 42%", "down $133.9 million")."""
    is_level_reached: bool
    """"до $195,6 млн" after a change: the level reached, not a bound."""
    is_starting_level: bool
    """"с 14%" in "опустилась до 5% с 14%": the level a change started from."""
    words: tuple[str, ...]
    """The words read, in text order, for the curator and for the quote."""
    confidence: float
    why: str


# ------------------------------------------------------------------------------------------------
# The languages' words
# ------------------------------------------------------------------------------------------------

APPROX, LOWER, UPPER = "approximate", "lower_bound", "upper_bound"
TO, BY, FROM, BETWEEN, FILLER, CONJ, SIGN, MOVE = (
    "to",
    "by",
    "from",
    "between",
    "filler",
    "conj",
    "sign",
    "move",
)
"""Kinds of the words adjacent to a figure besides bounds: "to"/"до" (its value: the qualifier it
has when no change precedes it, "up to"/"до" an upper bound), "by"/"на", "from"/"с", "between",
a filler that changes nothing ("only", "аж", "в размере"), a conjunction, a sign, "up"/"down"."""

INCREASE, DECREASE = "increase", "decrease"


def _phrases(kind: str, value: str | None, phrases: str) -> dict[str, tuple[str, str | None]]:
    """``phrases`` written "a|b c|d", each of them ``kind`` (with ``value``)."""
    return dict.fromkeys(phrases.split("|"), (kind, value))


ADJACENT_WORDS: dict[Language, dict[str, tuple[str, str | None]]] = {
    "en": (
        _phrases(
            APPROX,
            APPROX,
            "~|about|around|approximately|roughly|some|circa|ca.|close to|"
            "an estimated|just about|in the region of|"
            "on the order of|of the order of",
        )
        | _phrases(
            LOWER,
            LOWER,
            "over|more than|above|at least|upwards of|in excess of|exceeding|"
            "exceeded|exceeds|just over|just above|well over|well above|"
            "slightly more than|a little over|no less than|not less than|"
            "no fewer than",
        )
        | _phrases(
            UPPER,
            UPPER,
            "under|less than|fewer than|below|at most|no more than|"
            "not more than|just under|just below|slightly less than|"
            "a little under|not quite|not exceeding|"
            # close to the figure and not above it: the dataset's convention (etl/intervals.py
            # allows `approximate` for these words too, with the same interval)
            "nearly|almost",
        )
        | _phrases(TO, None, "to")
        | _phrases(TO, UPPER, "up to")
        | _phrases(BY, None, "by")
        | _phrases(FROM, None, "from")
        | _phrases(BETWEEN, None, "between")
        | _phrases(CONJ, None, "or|and")
        | _phrases(SIGN, "+", "plus")
        | _phrases(SIGN, "-", "minus")
        | _phrases(MOVE, DECREASE, "down")
        | _phrases(MOVE, INCREASE, "up")
        | _phrases(
            FILLER,
            None,
            "only|just|a mere|even|another|a further|further|an additional|"
            "additional|a total of|a record|a|an|the|of|at|a level of|"
            "the level of|a maximum of|a minimum of|a high of|a low of|"
            "a peak of|the equivalent of|the mark of|the threshold of|"
            "as much as|as many as|as little as",
        )
    ),
    "ru": (
        _phrases(
            APPROX,
            APPROX,
            "~|около|порядка|примерно|приблизительно|ориентировочно|где-то|в районе",
        )
        | _phrases(
            LOWER,
            LOWER,
            "более|более чем|больше|больше чем|свыше|сверх|не менее|"
            "не менее чем|не меньше|не меньше чем|по меньшей мере|как минимум|"
            "минимум|чуть более|чуть больше|немногим более|немногим больше|"
            "превысил|превысила|превысило|превысили|превышает|превышают|"
            "превысит|превысят",
        )
        | _phrases(
            UPPER,
            UPPER,
            "менее|менее чем|меньше|меньше чем|не более|не более чем|не больше|"
            "не больше чем|не свыше|не выше|максимум|как максимум|чуть менее|"
            "чуть меньше|немногим менее|немногим меньше|в пределах|не превышает|"
            "не превышают|не превысит|не превысил|не превысила|не превысило|"
            "не превысили|почти|почти что|чуть ли не",
        )
        | _phrases(TO, UPPER, "до|до уровня|до отметки")
        | _phrases(BY, None, "на")
        | _phrases(FROM, None, "с|со|от")
        | _phrases(BETWEEN, None, "между")
        | _phrases(CONJ, None, "или|и|либо|а также")
        | _phrases(SIGN, "+", "плюс")
        | _phrases(SIGN, "-", "минус")
        | _phrases(
            FILLER,
            None,
            "лишь|всего|всего лишь|только|аж|еще|ещё|уже|целых|в размере|"
            "в сумме|на сумму|в объеме|в объёме|на уровне|отметку в|отметку|"
            "рубеж в|планку в|в|рекордных|рекордные|дополнительно|"
            "дополнительные",
        )
    ),
    "uk": (
        _phrases(APPROX, APPROX, "~|близько|приблизно|орієнтовно|десь|порядку")
        | _phrases(
            LOWER,
            LOWER,
            "понад|більше|більше ніж|більш ніж|більш як|не менше|не менше ніж|"
            "не менш ніж|щонайменше|принаймні|як мінімум|мінімум|трохи більше|"
            "перевищив|перевищила|перевищило|перевищили|перевищує|перевищують|"
            "перевищить",
        )
        | _phrases(
            UPPER,
            UPPER,
            "менше|менше ніж|менш ніж|не більше|не більше ніж|не більш ніж|"
            "не вище|максимум|як максимум|трохи менше|в межах|у межах|"
            "не перевищує|не перевищить|майже|майже що",
        )
        | _phrases(TO, UPPER, "до|до рівня|до позначки")
        | _phrases(BY, None, "на")
        | _phrases(FROM, None, "з|із|зі|від")
        | _phrases(BETWEEN, None, "між")
        | _phrases(CONJ, None, "або|чи|і|й|та|а також")
        | _phrases(SIGN, "+", "плюс")
        | _phrases(SIGN, "-", "мінус")
        | _phrases(
            FILLER,
            None,
            "лише|лиш|всього|усього|тільки|аж|ще|вже|уже|цілих|у розмірі|"
            "в розмірі|у сумі|в сумі|на суму|в обсязі|у обсязі|на рівні|"
            "позначку в|позначку|рубіж у|планку в|в|у|рекордних|додатково|"
            "додаткові",
        )
    ),
}
"""Words that sit right before a figure and say what it is, by language. Longer phrases win over
the words they contain ("не менее" over "менее", "up to" over "to")."""

CHANGE_WORDS: dict[Language, tuple[str, str]] = {
    "en": (
        r"ros[e]|rise[sn]?|rising|grew|grow(?:s|n|ing|th)?|increas(?:e|ed|es|ing)|"
        r"climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|surg(?:e|ed|es|ing)|gain(?:s|ed|ing)?|"
        r"soar(?:s|ed|ing)?|rall(?:y|ied|ies)|add(?:s|ed|ing)?|expand(?:s|ed|ing)?|expansion|"
        r"advanc(?:e|ed|es|ing)|boost(?:s|ed|ing)?|accelerat(?:e|ed|es|ing|ion)|"
        r"widen(?:s|ed|ing)?|appreciat(?:e|ed|es|ing|ion)|strengthen(?:s|ed|ing)?|"
        r"hike[sd]?|rais(?:e|ed|es|ing)|exceed(?:s|ed|ing)?|upturn|upswing|inflation|doubl(?:e|ed|es|ing)|tripl(?:e|ed|es|ing)|"
        r"quadrupl(?:e|ed|es|ing)",
        r"fell|fall(?:s|en|ing)?|drop(?:s|ped|ping)?|declin(?:e|ed|es|ing)|"
        r"decreas(?:e|ed|es|ing)|slump(?:s|ed|ing)?|shr[ai]nk(?:s|ing|age)?|shrunk(?:en)?|"
        r"contract(?:ed|ion|ing)|lost|los(?:e|es|ing|s|ses)|plung(?:e|ed|es|ing)|"
        r"plummet(?:s|ed|ing)?|tumbl(?:e|ed|es|ing)|sank|sink(?:s|ing)?|sunk|"
        r"slid(?:e|es|ing)?|dip(?:s|ped|ping)?|reduc(?:e|ed|es|ing|tion)|cut(?:s|ting)?|"
        r"halv(?:e|ed|es|ing)|lag(?:s|ged|ging)?|shortfall|weaken(?:s|ed|ing)?|"
        r"depreciat(?:e|ed|es|ing|ion)|devalu(?:e|ed|es|ing|ation)|deflation|"
        r"slow(?:s|ed|ing|down)?|narrow(?:s|ed|ing)?|downturn|retreat(?:s|ed|ing)?|"
        r"eas(?:ed|es|ing)|lower(?:ed|s|ing)",
    ),
    "ru": (
        r"увелич\w*|вырос\w*|выраст\w*|возрос\w*|возраста\w*|возраст[её]т|рост(?:а|у|ом|е)?|"
        r"рос(?:ла|ло|ли)?|раст(?:[её]т|ут|ет|ёт|и|ущ\w*)|"
        r"прирост\w*|прираст\w*|прирос\w*|прибав\w*|повыс\w*|повыш\w*|подня\w*|поднима\w*|"
        r"подъ[её]м\w*|подскоч\w*|нараст\w*|наращ\w*|удво\w*|утро\w*|учетвер\w*|подорож\w*|"
        r"превыс\w*|превыш\w*|укреп\w*|расшир\w*|ускор\w*|инфляц\w*|ревальв\w*|взлет\w*|взлёт\w*",
        r"сниз\w*|сниж\w*|урез\w*|сократ\w*|сокращ\w*|упа(?:л|ла|ло|ли|д[её]т|дут|сть)|паден\w*|"
        r"пада\w*|уменьш\w*|опуст\w*|опуска\w*|потер[яиь]\w*|теря\w*|спад\w*|обвал\w*|"
        r"рухн\w*|подешев\w*|ослаб\w*|девальв\w*|продевальв\w*|сузи\w*|сужен\w*|сужа\w*|"
        r"отставан\w*|убыл\w*|убыт\w*|просел\w*|просад\w*|проседа\w*|дефляц\w*|замедл\w*",
    ),
    "uk": (
        r"зріс|ріс|ріст\w*|рост(?:е|уть)|зросл\w*|зроста\w*|зрост\w*|зросте|зростуть|збільш\w*|приріст\w*|прирост\w*|"
        r"приріс|приросл\w*|прироста\w*|підвищ\w*|підня\w*|підніма\w*|підйом\w*|підскоч\w*|"
        r"перевищ\w*|нарост\w*|нарощ\w*|подорожч\w*|зміцн\w*|розшир\w*|прискор\w*|інфляц\w*|"
        r"подвої\w*|потрої\w*|ревальв\w*",
        r"скорот\w*|скороч\w*|уріза\w*|урізан\w*|зниз\w*|зниж\w*|впа(?:в|ла|ло|ли|де|дуть|сти)|падін\w*|"
        r"пада\w*|зменш\w*|опуст\w*|опуска\w*|втрат\w*|втрач\w*|спад\w*|обвал\w*|"
        r"подешевш\w*|послаб\w*|ослаб\w*|девальв\w*|продевальв\w*|звуз\w*|звуж\w*|"
        r"відстава\w*|відставан\w*|збит\w*|просіл\w*|просіда\w*|дефляц\w*|сповільн\w*|"
        r"уповільн\w*",
    ),
}
"""Verbs and nouns of change (every form the stem takes), increase first, by language. Inflation
is a rise of prices, devaluation a fall of a currency's value, a lag behind last year a fall."""

INDEX_WORDS: dict[Language, str] = {
    "en": r"index|indices|deflator",
    "ru": r"индекс\w*|дефлятор\w*",
    "uk": r"індекс\w*|дефлятор\w*",
}
"""An index is a level against its base ("the index was 109.2%"), not a change, even in a
clause that speaks of growth: an index nearer the figure than a word of change makes it a level."""

RISING_BEFORE_UP_TO = (
    r"(?:go|goes|went|gone|going|move[sd]?|moving|shot|shoot|pick(?:s|ed)?|edg(?:e|es|ed)|"
    r"tick(?:s|ed)?|creep(?:s)?|crept|inch(?:es|ed)?)\s*$"
)
"""English verbs that rise with "up": "went up to 15%" is a rise to 15%, not a ceiling."""

COMPARATIVES: dict[Language, tuple[str, str]] = {
    "en": (r"more|higher|above|greater", r"less|lower|below|fewer|smaller"),
    "ru": (
        r"больше|выше|дороже|превыша\w*|превысил\w*|превзош\w*",
        r"меньше|ниже|дешевле",
    ),
    "uk": (r"більше|вище|дорожче|перевищ\w*", r"менше|нижче|дешевше"),
}
"""Words after a change's amount that give its direction: "на 56% больше", "5% higher than"."""

FORECAST_WORDS: dict[Language, str] = {
    "en": r"will|shall|(?-i:may)|might|could|(?<!than )expect(?:s|ed|ing|ation|ations)?|"
    r"forecast\w*|project(?:ed|ion|ions)|plan(?:s|ned)?\s+to|planned|(?:is|are)\s+set\s+to|aims?\s+to|"
    r"target(?:s|ed|ing)?|(?:is|are|falls?|fall)\s+due|going\s+to|budgeted|"
    r"next\s+(?:year|month|quarter|week)|(?:in|over)\s+the\s+coming\s+\w+",
    "ru": r"может|могут|ожида\w*|прогноз\w*|планир\w*|план(?:а|у|ом|ы|ов)?|намерен\w*|"
    r"намерева\w*|предполага\w*|"
    r"(?:в\s+)?(?:следующем|будущем|предстоящем)\s+году|в\s+ближайш\w+\s+\w+",
    "uk": r"може|можуть|очіку\w*|прогноз\w*|планує\w*|планують|планується|план(?:у|ом|и|ів)?|"
    r"запланован\w*|має\s+намір|мають\s+намір|передбача\w*|"
    r"наступного\s+року|(?:у|в)\s+наступному\s+році|найближч\w+\s+\w+",
}
"""Words that make a figure a future value besides a verb in the future tense (which the
languages' morphology tells, :func:`_future_verb`): auxiliaries and modals, expectation, plans,
"next year"."""

COMMITMENT_WORDS: dict[Language, str] = {
    "en": r"provid\w*|lend\w*|lent|grant\w*|allocat\w*|suppl(?:y|ies|ied)|deliver\w*|"
    r"disburs\w*|extend\w*|pay|pays|paid|offer\w*|give[sn]?|gave|transfer\w*",
    "ru": r"предостав\w*|выдел\w*|постав\w*|выда\w*|заплат\w*|выплат\w*|перечисл\w*|"
    r"даст|дадут|прокача\w*|отгруз\w*|прокредиту\w*|передаст|передадут",
    "uk": r"нада\w*|виділ\w*|постав\w*|постача\w*|видаст\w*|видадуть|сплат\w*|виплат\w*|"
    r"перерах\w*|дасть|дадуть|прокача\w*|відвантаж\w*|прокредиту\w*|передасть|передадуть",
}
"""Verbs of a commitment (to provide, lend, allocate, supply, pay): in the future with a bound
("will provide up to", "предоставит до"), they announce the bound agreed, not a forecast."""

DEFICIT_WORDS: dict[Language, str] = {
    "en": r"deficits?|shortfall|negative\s+(?:[\w'-]+\s+){0,3}balance",
    "ru": r"дефицит\w*|отрицательн\w+\s+(?:\w+\s+){0,3}сальдо",
    "uk": r"дефіцит\w*|(?:від'?ємн|негативн)\w+\s+(?:\w+\s+){0,3}сальдо",
}
SURPLUS_WORDS: dict[Language, str] = {
    "en": r"surplus(?:es)?|positive\s+(?:[\w'-]+\s+){0,3}balance",
    "ru": r"профицит\w*|положительн\w+\s+(?:\w+\s+){0,3}сальдо",
    "uk": r"профіцит\w*|(?:позитивн|додатн)\w+\s+(?:\w+\s+){0,3}сальдо",
}
CAUSE_WORDS: dict[Language, str] = {
    "en": r"despite|due\s+to|because\s+of|amid|owing\s+to|in\s+spite\s+of",
    "ru": r"из-за|вследствие|несмотря\s+на|на\s+фоне|благодаря|ввиду",
    "uk": r"через|внаслідок|попри|незважаючи\s+на|на\s+тлі|завдяки",
}
"""A deficit named as a cause or a concession ("из-за дефицита топлива цены выросли…") is not
what the figure measures: a shortage raised the prices, the prices are no balance."""

BALANCE_WORDS: dict[Language, str] = {
    "en": r"balance",
    "ru": r"сальдо",
    "uk": r"сальдо",
}
"""A balance with no word of its sign is left unsigned: the curator decides from the figures."""

SUFFIX_BOUNDS: dict[Language, dict[str, str]] = {
    "en": {
        r"or\s+more|and\s+more|and\s+above|or\s+above|plus": LOWER,
        r"or\s+less|or\s+below|and\s+below": UPPER,
        r"or\s+so": APPROX,
    },
    "ru": {
        r"и\s+более|и\s+больше|или\s+более|или\s+больше|с\s+лишним|с\s+гаком": LOWER,
        r"и\s+менее|или\s+менее|и\s+меньше|или\s+меньше": UPPER,
        r"или\s+около\s+того|плюс-минус": APPROX,
    },
    "uk": {
        r"і\s+більше|або\s+більше|та\s+більше|з\s+гаком|з\s+лишком": LOWER,
        r"і\s+менше|або\s+менше": UPPER,
        r"плюс-мінус": APPROX,
    },
}
"""Bounds written after the figure ("10 с лишним", "5% or more")."""

CONJUNCTIONS: dict[Language, str] = {
    "en": r"and|but|or|while|whereas|although|though|however|yet",
    "ru": r"и|или|либо|но|а|однако|хотя|зато|причем|причём",
    "uk": r"і|й|та|або|чи|але|а|однак|проте|хоча|зате",
}
"""Conjunctions that start a new clause (or a new figure's noun phrase)."""

COMPLEMENTIZERS: dict[Language, str] = {
    "en": r"that|which|who|said|says|say|believe[sd]?|think|thought",
    "ru": r"что|чтобы|котор\w+|считают|считает|заявил\w*|сообщил\w*",
    "uk": r"що|щоб|як\w+|котр\w+|вважають|вважає|заявив\w*|повідомив\w*",
}
"""Words after a figure that begin another proposition: a forecast after them is not its own."""

MULTIPLIERS = (
    r"\b(?:doubl|tripl|quadrupl|quintupl|halv)\w*|\w+fold\b|\btimes\b|"
    r"\bраз(?:а|ы)?\b|\bрази?\b|\bразів\b|"
    r"\b(?:вдвое|втрое|вчетверо|впятеро|вдесятеро|вдвічі|удвічі|втричі|утричі|вчетверо|"
    r"вп'ятеро|удесятеро)\b|\b(?:удво|утро|учетвер|подво|потро|почетвер)\w*"
)
"""A multiple: a verb ("quadrupled", "удвоился"), an adverb ("втрое", "втричі", "threefold"), or
a count of times ("в 3 раза", "3 times")."""
FREQUENCY_OR_MULTIPLE = re.compile(r"(?i)^(?:times|раз[аи]?)$")
""""4 times" and "3 раза" may count occurrences ("meets 4 times a year"): they are a multiple only
beside a verb of change or a comparative ("grew 3 times", "3 times more"). "в 3 раза",
"threefold", "втрое" are always a multiple."""

INHERENT_MULTIPLIER = {
    INCREASE: re.compile(
        r"(?i)\b(?:doubl|tripl|quadrupl|quintupl|удво|утро|учетвер|подво|потро|почетвер)\w*"
    ),
    DECREASE: re.compile(r"(?i)\bhalv\w*"),
}
"""A multiplier verb carries its direction ("quadrupled"); "втричі", "3 times" take theirs from
the verb around them."""

# ------------------------------------------------------------------------------------------------
# Compiled patterns
# ------------------------------------------------------------------------------------------------

_CURRENCY_BEFORE = re.compile(
    r"(?:US\$|\$|€|£|₽|¥|\b(?:USD|EUR|RUB|BYN|BYR|UAH|Br|руб\.?|грн\.?))\s?$"
)
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[\s(\[:]))([+−–-])$")
_SIGN_IN_FIGURE = re.compile(r"^\s*([+−–-])\s?(?=[\d$€£₽]|US|Br)")
_RANGE_IN_FIGURE = re.compile(
    r"\d\s*(?:[–—-]|\.\.\.?|…)\s*(?:US\$|[$€£₽]|Br)?\s?\d"
    r"|\d\s+(?:to|and|до|и|і|та)\s+(?:US\$|[$€£₽]|Br)?\s?\d"
)
_MULTIPLIER = re.compile(MULTIPLIERS, re.IGNORECASE)
_CURRENCY = r"(?:US\$|[$€£₽]|\b(?:USD|EUR|RUB|BYN|BYR|UAH|Br))"
_NUMBER = r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+|\d+"
_SCALE_OR_UNIT = (
    r"%|per\s?cent|percent|процент\w*|відсот\w*|млн|млрд|трлн|тыс|тис|million|billion|"
    r"trillion|thousand|bn\b|mn\b|тонн\w*|тон\b|tons?\b|tonnes?\b|барр\w*|barrels?|долл\w*|"
    r"долар\w*|руб\w*|грн|dollars?|euros?|евро|євро|rubles?|roubles?"
)
_QUANTITY = re.compile(
    rf"{_CURRENCY}\s?(?:{_NUMBER})(?:\s?(?:{_SCALE_OR_UNIT}))?\.?"
    rf"|(?<![\w.,])(?:{_NUMBER})\s?(?:{_SCALE_OR_UNIT})\.?"
    r"|(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+[.,]\d+)(?![\d])"
    r"|[¼½¾⅓⅔⅛]"
    r"|\b(?:per\s?cent|percent|процент\w*|відсот\w*)\b",
    re.IGNORECASE,
)
"""Another figure: a number with a currency, scale or unit, a number with decimals or grouped
thousands, a fraction, a percentage in words. A bare year or count is not one, so "за 10
місяців" or "in 2022" does not cut a clause in two."""
_UNIT_AFTER = re.compile(rf"(?:\s?(?:{_SCALE_OR_UNIT})\.?)+", re.IGNORECASE)
"""A figure's scale and unit, when its span stops at the number."""
_RANGE_AFTER_FIGURE = re.compile(rf"[–—-]\s?{_CURRENCY}?\s?\d")
"""The second end of a range whose span stops at the first ("$6" of "$6–10")."""
_BARE_NUMBER_AT_END = re.compile(r"(?:^|\s)(?!(?:19|20)\d\d\s*$)\d[\d.,]*\s*$")
"""A number right before "to" that opens a range ("3 to 5 percent"); a year there dates the
clause ("up 20% in 2018 to €10.9 billion"), and a range of years is read as years."""
_MOVE_IN_CLAUSE = re.compile(
    r"(?i)(?<![\w-])(?<!set )(?<!made )(?<!make )(?<!signed )(?<!drawn )(?<!ended )(?<!end )"
    r"(?<!took )(?<!take )(?<!taken )(?<!picked )(?<!broke )(?<!broken )(?<!shut )"
    r"(?:(?P<increase>up)|(?P<decrease>down))(?![\w-])(?!\s+to\s*$)"
)
""""up"/"down" in the clause before a figure's "to": "up 20% in 2018 to €10.9 billion",
"down by a third to 40 tonnes" (the level reached)."""
_ENGLISH_CHANGE_NOUNS = re.compile(
    r"(?<![\w-])(?:(?P<increase>increase|rise|gain|jump|growth|hike|surge|climb|upturn)"
    r"|(?P<decrease>decrease|drop|decline|fall|cut|loss|contraction|reduction|slump|plunge|"
    r"slide|dip|downturn))(?![\w])",
    re.IGNORECASE,
)
"""English puts a change's amount before its noun ("a 5% increase"); a verb after a figure
("5,000 cars rose") makes the figure the subject, a level."""
_RISING_BEFORE_UP_TO = re.compile(RISING_BEFORE_UP_TO, re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DIGIT = re.compile(r"\d")


def _alternation(words: str) -> str:
    return r"(?<![\w-])(?:" + words + r")(?![\w])"


@dataclass(frozen=True)
class _Lexicon:
    """One language's words, compiled once."""

    language: Language
    adjacent: dict[str, tuple[str, str | None]]
    adjacent_at_end: re.Pattern[str]
    change: re.Pattern[str]
    comparative: re.Pattern[str]
    forecast: re.Pattern[str]
    deficit: re.Pattern[str]
    surplus: re.Pattern[str]
    balance: re.Pattern[str]
    cause: re.Pattern[str]
    suffix_bounds: tuple[tuple[re.Pattern[str], str], ...]
    boundary: re.Pattern[str]
    complementizer: re.Pattern[str]
    coordinated_after: re.Pattern[str]
    range_after: re.Pattern[str]
    range_before: re.Pattern[str]
    index: re.Pattern[str]
    commitment: re.Pattern[str]
    commitment_future: re.Pattern[str]


def _compile(language: Language) -> _Lexicon:
    adjacent = ADJACENT_WORDS[language]
    phrases = sorted(adjacent, key=len, reverse=True)
    increase, decrease = CHANGE_WORDS[language]
    more, less = COMPARATIVES[language]
    coordinators = "|".join(p for p, (kind, _) in adjacent.items() if kind == CONJ)
    range_ends = {"en": r"to|and", "ru": r"до|и", "uk": r"до|і|та"}[language]
    range_starts = {"en": r"from|between", "ru": r"от|с|между", "uk": r"від|з|між"}[language]

    def words(alternation: str) -> re.Pattern[str]:
        return re.compile(_alternation(alternation), re.IGNORECASE)

    def directed(up: str, down: str) -> re.Pattern[str]:
        return re.compile(
            rf"(?P<increase>{_alternation(up)})|(?P<decrease>{_alternation(down)})", re.IGNORECASE
        )

    return _Lexicon(
        language=language,
        index=words(INDEX_WORDS[language]),
        commitment=words(COMMITMENT_WORDS[language]),
        commitment_future=re.compile(
            r"(?:will|shall)" if language == "en" else COMMITMENT_WORDS[language], re.IGNORECASE
        ),
        adjacent=adjacent,
        adjacent_at_end=re.compile(
            r"(?:^|(?<=[\s(\[«\"„]))(" + "|".join(re.escape(p) for p in phrases) + r")\s*$",
            re.IGNORECASE,
        ),
        change=directed(increase, decrease),
        comparative=directed(more, less),
        forecast=words(FORECAST_WORDS[language]),
        deficit=words(DEFICIT_WORDS[language]),
        surplus=words(SURPLUS_WORDS[language]),
        balance=words(BALANCE_WORDS[language]),
        cause=words(CAUSE_WORDS[language]),
        suffix_bounds=tuple(
            (re.compile(r"^[\s,]*(?:" + bound + r")(?![\w])", re.IGNORECASE), qualifier)
            for bound, qualifier in SUFFIX_BOUNDS[language].items()
        ),
        boundary=re.compile(
            r"[;:()\[\]«»\"“”„,]|\s[–—-](?=\s)|(?<=\s)[–—](?!\d)|(?<!\d)[–—](?=\s)"
            r"|—(?=[^\W\d_])"
            r"|(?<=\s)(?:" + CONJUNCTIONS[language] + r")(?=\s)",
            re.IGNORECASE,
        ),
        complementizer=words(COMPLEMENTIZERS[language]),
        coordinated_after=re.compile(
            rf"\s*,?\s*(?:{coordinators})\s+(?:(?:by|на)\s+)?(?:{_QUANTITY.pattern})",
            re.IGNORECASE,
        ),
        range_after=re.compile(rf"\s*(?:{range_ends}|[–—-])\s*{_CURRENCY}?\s?\d", re.IGNORECASE),
        range_before=re.compile(
            rf"(?:^|(?<=\s))(?:{range_starts})\s+{_CURRENCY}?\s?\d[\d.,]*"
            rf"(?:\s?(?:{_SCALE_OR_UNIT}))?\s*$",
            re.IGNORECASE,
        ),
    )


_LEXICONS: dict[Language, _Lexicon] = {language: _compile(language) for language in CHANGE_WORDS}


# ------------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Marker:
    """One of the words adjacent to a figure."""

    kind: str
    value: str | None
    phrase: str
    position: int


@dataclass(frozen=True)
class _Adjacent:
    """The words right before a figure (nearest first), and the text before them."""

    markers: tuple[_Marker, ...]
    head: str
    head_start: int

    def first(self, kind: str) -> _Marker | None:
        return next((m for m in self.markers if m.kind == kind), None)

    def has(self, kind: str) -> bool:
        return self.first(kind) is not None


@dataclass(frozen=True)
class _Context:
    """Everything read around one figure, shared by the readings of its parts."""

    lexicon: _Lexicon
    figure_text: str
    adjacent: _Adjacent
    clauses: tuple[tuple[str, int], ...]  # the clauses before it, nearest first, with starts
    right: str  # the rest of its clause after it
    right_start: int
    after: str  # the text after it, clauses and all ("… or more", "… і більше")
    text: str
    sentence: tuple[int, int]
    language: Language
    depth: int  # how many figures back this reading was asked for (a chain of "X, or Y")

    @property
    def own_words(self) -> int:
        return len(_WORD.findall(self.clauses[0][0])) if self.clauses else 0


@dataclass
class _Evidence:
    """The words read so far, where each sits, and why each counts."""

    words: list[tuple[int, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def note(self, position: int, word: str, reason: str) -> None:
        if word.strip():
            self.words.append((position, word.strip()))
        self.reasons.append(reason)


@dataclass(frozen=True)
class _Governor:
    """The verb or noun of change that governs a figure."""

    direction: str
    word: str
    position: int
    confidence: float


def read_modifiers(
    text: str,
    figure: tuple[int, int],
    sentence: tuple[int, int],
    language: Language,
    _depth: int = 0,
) -> Modifiers:
    """Read the direction and qualifier of the figure at ``figure`` in ``text``.

    ``figure`` spans the whole quantity expression ("$195,6 млн.", "42,6%", "quadrupled");
    ``sentence`` is the sentence holding it: nothing outside it is read, and within it only a
    bounded window cut at clause boundaries.
    """
    language = sentence_language(text, figure, sentence, language)
    lexicon = _LEXICONS[language]
    start, end = figure
    window_start = max(sentence[0], start - BEFORE)
    left = text[window_start:start]
    adjacent = _read_adjacent(left, window_start, lexicon)
    after = text[end : max(end, min(sentence[1], end + AFTER))]
    context = _Context(
        lexicon=lexicon,
        figure_text=text[start:end],
        adjacent=adjacent,
        clauses=_clauses_before(adjacent.head, adjacent.head_start, lexicon),
        right=_right_clause(after, lexicon),
        right_start=end,
        after=after,
        text=text,
        sentence=sentence,
        language=language,
        depth=_depth,
    )
    evidence = _Evidence()
    inherited = None
    if adjacent.has(CONJ) and _depth < MAX_COORDINATION:
        inherited = _coordinated_reading(text, adjacent, sentence, language, _depth)

    role = _role(context, left, inherited, evidence)
    is_level = role.is_level_reached or role.is_starting_level
    qualifier, qualifier_confidence = _qualifier(context, is_level, inherited, evidence)
    sign, direction = role.sign, role.direction
    if sign is not None and role.is_change:
        direction = INCREASE if sign == "+" else DECREASE  # "growth of −0.9%" is a fall
    elif role.is_change and direction is not None:
        sign = "+" if direction == INCREASE else "-"
    elif sign is None:
        sign = _balance_sign(context, evidence)
    if not evidence.reasons:
        evidence.reasons.append("no word of change, bound or forecast: a reported level")
    return Modifiers(
        sign=sign,
        direction=direction if role.is_change else None,
        qualifier=qualifier,
        is_change=role.is_change,
        is_level_reached=role.is_level_reached,
        is_starting_level=role.is_starting_level,
        words=tuple(dict.fromkeys(word for _, word in sorted(evidence.words))),
        confidence=round(min(role.confidence, qualifier_confidence), 2),
        why="; ".join(evidence.reasons),
    )


LANGUAGE_WINDOW = 200
"""How far either side of a figure its sentence is read to tell the language it is in."""


def sentence_language(
    text: str, figure: tuple[int, int], sentence: tuple[int, int], language: Language
) -> Language:
    """The language the figure's sentence is written in: the document's, unless the sentence
    is in the other script ("до $600 млн" in a Russian headline an English article cites is
    read with Russian's words). Within one script the document's language stands: a short
    Cyrillic sentence seldom shows whether it is Russian or Ukrainian."""
    start = max(sentence[0], figure[0] - LANGUAGE_WINDOW)
    end = min(sentence[1], figure[1] + LANGUAGE_WINDOW)
    found = language_of(text[start:end])
    if found is None or found == language or (found != "en") == (language != "en"):
        return language
    return found


@dataclass(frozen=True)
class _Role:
    """What a figure is: a change (which way), the level a change reached or left, or a level."""

    is_change: bool = False
    direction: str | None = None
    is_level_reached: bool = False
    is_starting_level: bool = False
    sign: str | None = None
    confidence: float = NOTHING_CONFIDENCE


def _role(context: _Context, left: str, inherited: Modifiers | None, evidence: _Evidence) -> _Role:
    adjacent = context.adjacent
    sign = _explicit_sign(context.figure_text, left, adjacent, evidence)
    multiplier = _MULTIPLIER.search(context.figure_text) or _MULTIPLIER.match(
        context.right.lstrip()
    )
    governor = _governor(context, multiplier is not None)
    if multiplier is not None and governor is None and _counts_occurrences(context, multiplier):
        multiplier = None
    moved, to, source = adjacent.first(MOVE), adjacent.first(TO), adjacent.first(FROM)
    if moved is not None and to is None and source is None:
        evidence.note(moved.position, moved.phrase, f"'{moved.phrase}' before it: a change")
        return _Role(True, moved.value, sign=sign, confidence=ADJACENT_CONFIDENCE)
    if multiplier is not None:
        direction, confidence = _multiplier_direction(context.figure_text, governor)
        evidence.note(context.right_start - 1, multiplier.group(0), "a multiple: a change")
        if governor is not None:
            evidence.note(
                governor.position, governor.word, f"'{governor.word}': {_article(direction)}"
            )
        return _Role(True, direction, sign=sign, confidence=confidence)
    if governor is not None and to is not None:
        evidence.note(governor.position, governor.word, f"'{governor.word}' before it")
        evidence.note(to.position, to.phrase, f"'{to.phrase}' after a change: the level reached")
        return _Role(is_level_reached=True, sign=sign, confidence=governor.confidence)
    if governor is not None and source is not None:
        evidence.note(governor.position, governor.word, f"'{governor.word}' around it")
        evidence.note(
            source.position, source.phrase, f"'{source.phrase}' with a change: where it started"
        )
        return _Role(is_starting_level=True, sign=sign, confidence=governor.confidence)
    if governor is not None:
        by = adjacent.first(BY)
        if by is not None:
            evidence.note(by.position, by.phrase, f"'{by.phrase}': the amount of a change")
        reason = f"'{governor.word}': {_article(governor.direction)}"
        evidence.note(governor.position, governor.word, reason)
        return _Role(True, governor.direction, sign=sign, confidence=governor.confidence)
    if inherited is not None and (
        inherited.is_change or inherited.is_level_reached or inherited.is_starting_level
    ):
        evidence.note(0, "", "joined to the figure before it: read as that one")
        evidence.words.extend((0, word) for word in inherited.words)
        return _Role(
            inherited.is_change,
            inherited.direction,
            inherited.is_level_reached,
            inherited.is_starting_level,
            sign=sign,
            confidence=round(inherited.confidence * 0.95, 2),
        )
    if sign is not None:  # "минус 0,5%": a change, unless it is a balance ("сальдо: −300 млн")
        is_change = not _names_balance(context)
        return _Role(is_change, INCREASE if sign == "+" else DECREASE, sign=sign)
    return _Role()


def _article(direction: str) -> str:
    return f"an {direction}" if direction == INCREASE else f"a {direction}"


def _read_adjacent(left: str, left_start: int, lexicon: _Lexicon) -> _Adjacent:
    """Peel the known words off the end of ``left``, nearest the figure first."""
    rest = _SIGN_BEFORE.sub("", _CURRENCY_BEFORE.sub("", left))
    markers: list[_Marker] = []
    while True:
        match = lexicon.adjacent_at_end.search(rest, max(0, len(rest) - ADJACENT))
        if match is None:
            break
        phrase = match.group(1)
        kind, value = lexicon.adjacent[phrase.lower()]
        markers.append(_Marker(kind, value, phrase, left_start + match.start(1)))
        rest = rest[: match.start()].rstrip()
        if kind == CONJ:
            rest = rest.rstrip(",").rstrip()
            break  # what comes before a conjunction is the figure it joins, not this one's
    return _Adjacent(tuple(markers), rest, left_start)


def _clauses_before(head: str, head_start: int, lexicon: _Lexicon) -> tuple[tuple[str, int], ...]:
    """The clauses before the figure, nearest first, each with where it starts in the text."""
    cuts = list(lexicon.boundary.finditer(head))
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(head)]
    return tuple(
        (head[a:b], head_start + a) for a, b in reversed(list(zip(starts, ends, strict=True)))
    )


def _right_clause(right: str, lexicon: _Lexicon) -> str:
    """The rest of the figure's clause after it, past figures joined to it ("48% и 58% упали")."""
    unit = _UNIT_AFTER.match(right)
    offset = unit.end() if unit else 0
    for _ in range(MAX_COORDINATION):
        joined = lexicon.coordinated_after.match(right, offset)
        if joined is None:
            break
        offset = joined.end()
    cut = lexicon.boundary.search(right, offset)
    return right[: cut.start()] if cut else right


def _last(pattern: re.Pattern[str], segment: str) -> re.Match[str] | None:
    last = deque(pattern.finditer(segment), maxlen=1)
    return last[0] if last else None


def _after_last_figure(clause: str) -> tuple[str, int]:
    """The part of a clause after its last other figure: that figure owns what precedes it."""
    last = _last(_QUANTITY, clause)
    return (clause[last.end() :], last.end()) if last else (clause, 0)


def _governor(context: _Context, is_multiplier: bool) -> _Governor | None:
    """The verb or noun of change that governs the figure, nearest first: in its own clause
    before it, after it (a change's amount before its verb, a comparative), or — for a figure
    standing alone in its clause, or a change's amount with no verb beside it — in the clauses
    before."""
    if not context.clauses:
        return None
    adjacent, lexicon = context.adjacent, context.lexicon
    own, own_start = context.clauses[0]
    through_figures = adjacent.has(TO) or adjacent.has(FROM)
    moved, to = adjacent.first(MOVE), adjacent.first(TO)
    if moved is not None and through_figures:  # "up to"… "edged down to 3%"
        return _Governor(str(moved.value), moved.phrase, moved.position, ADJACENT_CONFIDENCE)
    if to is not None and to.phrase.lower() == "up to" and lexicon.language == "en":
        rising = _RISING_BEFORE_UP_TO.search(adjacent.head)
        if rising is not None:
            position = adjacent.head_start + rising.start()
            return _Governor(INCREASE, rising.group(0).strip(), position, ADJACENT_CONFIDENCE)
    segment, offset = (own, 0) if through_figures else _after_last_figure(own)
    found = _last(lexicon.change, segment)
    if found is None and to is not None and lexicon.language == "en":
        found = _last(_MOVE_IN_CLAUSE, segment)  # "up 20% in 2018 to €10.9 billion"
    index = _last(lexicon.index, segment)
    if index is not None and (found is None or index.start() > found.start()):
        return None  # "the deflator index was 109.2%": the index's level
    if found is not None:
        between = len(_WORD.findall(segment[found.end() :]))
        confidence = ADJACENT_CONFIDENCE if between <= NEAR_WORDS else CLAUSE_CONFIDENCE
        return _as_governor(found, own_start + offset, confidence)
    amount = adjacent.has(BY)
    after = _change_after(context, amount or is_multiplier)
    if after is not None:
        return after
    if not (amount or context.own_words == 0):
        return None
    for distance, (clause, clause_start) in enumerate(context.clauses[1:], start=1):
        crosses_figure = _QUANTITY.search(clause) is not None
        if crosses_figure and not (through_figures and distance == 1):
            segment, offset = _after_last_figure(clause)
            found = _last(lexicon.change, segment)
            if found is not None:
                return _as_governor(found, clause_start + offset, FAR_CONFIDENCE)
            return _parallel_change(context, clause, clause_start)
        found = _last(lexicon.change, clause)
        if found is not None:
            confidence = PREVIOUS_CLAUSE_CONFIDENCE if distance == 1 else FAR_CONFIDENCE
            return _as_governor(found, clause_start, confidence)
    return None


def _parallel_change(context: _Context, clause: str, clause_start: int) -> _Governor | None:
    """The change of the figure before, for a figure whose verb is left out because it is that
    figure's ("prices rose 3%, and wages 5%", "цены выросли на 3%, а зарплаты — на 5%")."""
    before = _last(_QUANTITY, clause)
    if before is None or context.depth >= MAX_COORDINATION or not _DIGIT.search(before.group(0)):
        return None
    span = (clause_start + before.start(), clause_start + before.end())
    reading = read_modifiers(
        context.text, span, context.sentence, context.language, context.depth + 1
    )
    if not reading.is_change or reading.direction is None:
        return None
    word = reading.words[0] if reading.words else before.group(0)
    return _Governor(reading.direction, word, span[0], FAR_CONFIDENCE)


def _as_governor(found: re.Match[str], segment_start: int, confidence: float) -> _Governor:
    direction = INCREASE if found.group("increase") else DECREASE
    return _Governor(direction, found.group(0), segment_start + found.start(), confidence)


def _change_after(context: _Context, amount: bool) -> _Governor | None:
    """A direction written after the figure: "5% higher", "a 5% increase" (English puts the
    figure before its noun), "на 56% больше", "на 48% уменьшились" (Russian and Ukrainian, after
    a change's amount "на")."""
    lexicon, right = context.lexicon, context.right
    near_words = list(_WORD.finditer(right))[:2]
    near_end = near_words[-1].end() if near_words else 0
    english = lexicon.language == "en"
    candidates = [lexicon.comparative.search(right, 0, near_end)]
    if english:
        candidates.append(_ENGLISH_CHANGE_NOUNS.search(right, 0, near_end))
    if amount:
        candidates.append(lexicon.change.search(right))
    for found in candidates:
        if found is not None and (english or amount):
            direction = INCREASE if found.group("increase") else DECREASE
            return _Governor(
                direction, found.group(0), context.right_start + found.start(), CLAUSE_CONFIDENCE
            )
    return None


def _counts_occurrences(context: _Context, multiplier: re.Match[str]) -> bool:
    """ "4 times", "3 раза" with no "в"/"у" before the number: a count of occurrences, unless a
    change or a comparative says it is a multiple."""
    if not FREQUENCY_OR_MULTIPLE.match(multiplier.group(0)):
        return False
    return not re.match(r"(?i)\s*[ву]\s", context.figure_text) and not any(
        m.kind == FILLER and m.phrase.lower() in ("в", "у") for m in context.adjacent.markers
    )


def _multiplier_direction(figure_text: str, governor: _Governor | None) -> tuple[str, float]:
    for direction, pattern in INHERENT_MULTIPLIER.items():
        if pattern.search(figure_text):
            return direction, ADJACENT_CONFIDENCE
    if governor is not None:
        return governor.direction, governor.confidence
    return INCREASE, FAR_CONFIDENCE  # "втрое", "3 times" alone: a multiple is mostly a rise


def _explicit_sign(
    figure_text: str, left: str, adjacent: _Adjacent, evidence: _Evidence
) -> str | None:
    """A sign written on the figure: "−0.9%", "-0.9%", "+2%", "минус 3%", "plus 2%"."""
    word = adjacent.first(SIGN)
    if word is not None:
        evidence.note(word.position, word.phrase, f"'{word.phrase}': a signed figure")
        return word.value
    written = _SIGN_IN_FIGURE.match(figure_text) or _SIGN_BEFORE.search(
        _CURRENCY_BEFORE.sub("", left)
    )
    if written is not None:
        evidence.note(adjacent.head_start + len(left), written.group(1), "a signed figure")
        return "+" if written.group(1) == "+" else "-"
    return None


def _qualifier(
    context: _Context, is_level: bool, inherited: Modifiers | None, evidence: _Evidence
) -> tuple[str, float]:
    """Forecast over range over a bound or approximation over reported."""
    forecast = _forecast_word(context)
    if forecast is not None and not _commits_to_a_bound(context, forecast, is_level):
        word, position, confidence = forecast
        evidence.note(position, word, f"'{word}': a future value")
        return "forecast", confidence
    if forecast is not None:
        word, position, _ = forecast
        evidence.note(position, word, f"'{word}': a commitment, its bound stated now")
    if inherited is not None and inherited.qualifier == "forecast":
        evidence.note(0, "", "joined to a forecast figure: a forecast")
        return "forecast", round(inherited.confidence * 0.95, 2)
    if _is_range(context, is_level):
        evidence.note(0, "", "two ends: a range")
        return "range", ADJACENT_CONFIDENCE
    for marker in context.adjacent.markers:
        if marker.kind in (APPROX, LOWER, UPPER):
            evidence.note(marker.position, marker.phrase, f"'{marker.phrase}': {marker.value}")
            return str(marker.value), ADJACENT_CONFIDENCE
        if marker.kind == TO and marker.value is not None and not is_level:
            evidence.note(
                marker.position, marker.phrase, f"'{marker.phrase}' with no change: {marker.value}"
            )
            return marker.value, CLAUSE_CONFIDENCE
    for pattern, qualifier in context.lexicon.suffix_bounds:
        found = pattern.match(context.after)
        if found is not None:
            evidence.note(context.right_start, found.group(0), f"after it: {qualifier}")
            return qualifier, ADJACENT_CONFIDENCE
    return "reported", ADJACENT_CONFIDENCE if evidence.reasons else NOTHING_CONFIDENCE


def _commits_to_a_bound(
    context: _Context, forecast: tuple[str, int, float], is_level: bool
) -> bool:
    """ "Russia will provide a loan of up to $600 million", "Роснефть поставит до 10 млн т":
    the future of a commitment (to provide, lend, allocate, supply, pay) with a bound states
    the ceiling or floor agreed now; the bound is the figure's qualifier, not a forecast.
    Expectations and plans ("expects to supply up to") stay forecasts."""
    bound = next(
        (
            m
            for m in context.adjacent.markers
            if m.kind in (LOWER, UPPER) or (m.kind == TO and m.value is not None and not is_level)
        ),
        None,
    )
    word, position, _ = forecast
    if bound is None or not context.lexicon.commitment_future.fullmatch(word):
        return False
    return context.lexicon.commitment.search(context.text, position, bound.position) is not None


def _forecast_word(context: _Context) -> tuple[str, int, float] | None:
    """A word of the future in the figure's clause, before it or in its own proposition after it
    (not in "…said that it will…"); for a clause with no predicate, in the clauses before."""
    lexicon = context.lexicon
    if context.clauses:
        own, own_start = context.clauses[0]
        segment, offset = _after_last_figure(own)
        found = _future(segment, lexicon)
        if found is not None:
            return found[0], own_start + offset + found[1], CLAUSE_CONFIDENCE
    stop = lexicon.complementizer.search(context.right)
    proposition = context.right[: stop.start()] if stop else context.right
    found = _future(proposition, lexicon)
    if found is not None:
        return found[0], context.right_start + found[1], CLAUSE_CONFIDENCE
    if context.own_words <= ELLIPTICAL_WORDS:
        for clause, clause_start in context.clauses[1:]:
            if _QUANTITY.search(clause):
                break
            found = _future(clause, lexicon)
            if found is not None:
                return found[0], clause_start + found[1], PREVIOUS_CLAUSE_CONFIDENCE
    return None


def _future(segment: str, lexicon: _Lexicon) -> tuple[str, int] | None:
    """A word of the future in ``segment``, with where it starts: a forecast word, or (Russian,
    Ukrainian) a verb in the future tense."""
    found = _last(lexicon.forecast, segment)
    if found is not None:
        return found.group(0), found.start()
    if lexicon.language == "en":
        return None
    verbs = [w for w in _WORD.finditer(segment) if _is_future_verb(w.group(0), lexicon.language)]
    return (verbs[-1].group(0), verbs[-1].start()) if verbs else None


@cache
def _morphology(language: Language) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=65_536)
def _is_future_verb(word: str, language: Language) -> bool:
    """Russian and Ukrainian write the future with perfective verbs ("составит", "надасть",
    "вырастет") whose endings are those of the present ("составляет"): only a dictionary tells
    them apart. Russian's dictionary ranks a word's readings, so its first decides; Ukrainian's
    does not, and a future reading of a word in a news report is its reading there ("впаде",
    never the vocative of a noun)."""
    parses = _morphology(language).parse(word.lower())
    if language == "ru":
        parses = parses[:1]
    return any(p.tag.POS == "VERB" and p.tag.tense == "futr" for p in parses)


def _is_range(context: _Context, is_level: bool) -> bool:
    """ "$6–10", "3-5%", "between 3 and 5%", "от 3 до 5%" — unless a change is around it: then
    "from" and "to" are its two levels."""
    adjacent, lexicon = context.adjacent, context.lexicon
    if _RANGE_IN_FIGURE.search(context.figure_text) or adjacent.has(BETWEEN):
        return True
    if _RANGE_AFTER_FIGURE.match(context.after):
        return True
    if is_level:
        return False
    if adjacent.has(FROM) and lexicon.range_after.match(context.right):
        return True
    head = adjacent.head
    if adjacent.has(TO):
        return bool(lexicon.range_before.search(head) or _BARE_NUMBER_AT_END.search(head))
    if adjacent.has(CONJ):  # "between 2 and 4%", "между 2 и 4%"
        return lexicon.range_before.search(head) is not None
    return False


def _balance_sign(context: _Context, evidence: _Evidence) -> str | None:
    """ "-" for a deficit, "+" for a surplus, named in the figure's clause (or, for a clause with
    no subject of its own, the clauses before) or right after it ("$5bn trade deficit")."""
    lexicon = context.lexicon
    places = list(context.clauses[:1])
    if context.own_words <= ELLIPTICAL_WORDS:
        for clause, clause_start in context.clauses[1:]:
            if _QUANTITY.search(clause):
                break
            places.append((clause, clause_start))
    near = list(_WORD.finditer(context.right))[:3]
    places.append((context.right[: near[-1].end()] if near else "", context.right_start))
    for clause, clause_start in places:
        segment, offset = _after_last_figure(clause)
        for pattern, sign in ((lexicon.deficit, "-"), (lexicon.surplus, "+")):
            found = pattern.search(segment)
            if found is not None and not lexicon.cause.search(segment, 0, found.start()):
                evidence.note(clause_start + offset + found.start(), found.group(0), "a balance")
                return sign
        if lexicon.balance.search(segment):
            evidence.note(0, "", "a balance with no word of its sign: the curator decides")
            return None
    return None


def _names_balance(context: _Context) -> bool:
    """The figure's clause names a balance, with or without its sign."""
    own = context.clauses[0][0] if context.clauses else ""
    lexicon = context.lexicon
    return any(p.search(own) for p in (lexicon.balance, lexicon.deficit, lexicon.surplus))


def _coordinated_reading(
    text: str, adjacent: _Adjacent, sentence: tuple[int, int], language: Language, depth: int
) -> Modifiers | None:
    """The reading of the figure this one is joined to ("$133.9 million or 1.1%")."""
    head = adjacent.head
    last = _last(_QUANTITY, head[max(0, len(head) - ADJACENT) :])
    if last is None or not _DIGIT.search(last.group(0)):
        return None
    offset = max(0, len(head) - ADJACENT)
    if len(_WORD.findall(head[offset + last.end() :])) > NEAR_WORDS:
        return None
    begin = adjacent.head_start + offset
    return read_modifiers(
        text, (begin + last.start(), begin + last.end()), sentence, language, depth + 1
    )
