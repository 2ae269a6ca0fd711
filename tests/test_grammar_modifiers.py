"""A figure's direction and qualifier, read from the words around it in English, Russian and
Ukrainian: changes and their direction, the level a change reached or started from, balances,
bounds, approximations, ranges and forecasts.

Every sentence here is written for these tests; the figure read is the one in [brackets].
"""

from __future__ import annotations

import re
import time

import pytest

from etl.intake.grammar.language import Language
from etl.intake.grammar.modifiers import BEFORE, QUALIFIERS, Modifiers, read_modifiers

_MARK = re.compile(r"\[([^\]]*)\]")


def read(marked: str, language: Language, which: int = 0) -> Modifiers:
    """Read the ``which``-th bracketed figure of ``marked``, the whole text being one sentence."""
    spans, parts, cursor, length = [], [], 0, 0
    for match in _MARK.finditer(marked):
        parts.append(marked[cursor : match.start()])
        length += match.start() - cursor
        spans.append((length, length + len(match.group(1))))
        parts.append(match.group(1))
        length += len(match.group(1))
        cursor = match.end()
    parts.append(marked[cursor:])
    text = "".join(parts)
    return read_modifiers(text, spans[which], (0, len(text)), language)


# ------------------------------------------------------------------------------------------------
# Changes and their direction
# ------------------------------------------------------------------------------------------------

INCREASES = [
    ("en", "Retail sales rose [4.2%] in March."),
    ("en", "Car exports increased by [12 percent] year on year."),
    ("en", "Deposits climbed [€2.4 billion] over the quarter."),
    ("en", "Freight volumes jumped [18%] after the bridge reopened."),
    ("en", "The port recorded an increase of [3.8%] in container traffic."),
    ("en", "Output showed growth of [1.1%] in the first half."),
    ("en", "The bank's reserves were up [$210 million] from a month earlier."),
    ("en", "Shipments saw a [7%] increase in May."),
    ("en", "Fertiliser prices were [9%] higher than a year ago."),
    ("en", "The company gained [5.5%] in market share."),
    ("en", "The central bank raised its key rate by [50 basis points]."),
    ("en", "Sales exceeded the plan by [4%]."),
    ("ru", "Выпуск цемента вырос на [7,3%] за год."),
    ("ru", "Экспорт мебели увеличился на [$45 млн] по сравнению с прошлым годом."),
    ("ru", "Прирост инвестиций в основной капитал составил [9,5%]."),
    ("ru", "Розничный товарооборот возрос на [2,4 млрд рублей]."),
    ("ru", "Поставки зерна, по данным таможни, прибавили [14%]."),
    ("ru", "Продажи тракторов за полугодие на [20%] больше, чем годом ранее."),
    ("ru", "На [12%] подорожали молочные продукты."),
    ("ru", "Годовая инфляция в стране составила [6,8%]."),
    ("ru", "Экспорт превысил прошлогодний уровень на [12%]."),
    ("ru", "Но экспорт рос быстрее, чем импорт: на [9%]."),
    ("uk", "Експорт зерна зріс на [12%] за рік."),
    ("uk", "Обсяг кредитів збільшився на [3,5 млрд гривень]."),
    ("uk", "Приріст промислового виробництва склав [4%]."),
    ("uk", "Продажі добрив цього року на [15%] більше, ніж торік."),
    ("uk", "Ціни на пальне зросли на [9%] у квітні."),
]

DECREASES = [
    ("en", "Steel output fell [3%] in April."),
    ("en", "Potash exports dropped by [$120 million] in the quarter."),
    ("en", "Household spending declined [1.4%] on the year."),
    ("en", "Imports were down [$75 million] on the previous month."),
    ("en", "The economy saw a contraction of [2.5%] last year."),
    ("en", "Timber sales lost [18%] over the season."),
    ("en", "The airline's traffic shrank by [40%] after the ban."),
    ("en", "Grain stocks were [6%] lower than in June."),
    ("en", "The budget faces a drop of [$1 billion] in customs revenue."),
    ("en", "Import duties were lowered by [2 percentage points]."),
    ("ru", "Производство молока снизилось на [4,1%]."),
    ("ru", "Розничные продажи сократились на [2,1%] за месяц."),
    ("ru", "Падение ВВП составило [4,7%]."),
    ("ru", "Экспорт калия упал на [$300 млн] после санкций."),
    ("ru", "За год компания потеряла [1,2 млрд рублей]."),
    ("ru", "Продажи автомобилей на [30%] меньше, чем в прошлом году."),
    ("uk", "Виробництво сталі скоротилося на [8,4%]."),
    ("uk", "Промислове виробництво впало на [3%] у березні."),
    ("uk", "Падіння товарообігу становило [14%]."),
    ("uk", "Експорт металу зменшився на [600 млн доларів]."),
    ("uk", "Імпорт газу знизився на [2 млрд кубометрів]."),
    ("uk", "Ціни на цукор на [7%] нижче, ніж торік."),
    ("uk", "Інфляція сповільнилася на [1,2 п.п.] за квартал."),
    ("ru", "Субсидии урезаны на [15%]."),
]


@pytest.mark.parametrize(("language", "sentence"), INCREASES)
def test_a_verb_or_noun_of_rise_makes_the_figure_a_change_with_sign_plus(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.direction, reading.sign) == (True, "increase", "+")
    assert not reading.is_level_reached and not reading.is_starting_level


@pytest.mark.parametrize(("language", "sentence"), DECREASES)
def test_a_verb_or_noun_of_fall_makes_the_figure_a_change_with_sign_minus(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.direction, reading.sign) == (True, "decrease", "-")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Exports fell by [$20 million], or 2%, on the year."),
        ("en", "Exports fell by $20 million, or [2%], on the year."),
        ("en", "Loans were down [$40 million] or 1.5% in June."),
        ("en", "Loans were down $40 million or [1.5%] in June."),
        ("ru", "Расходы бюджета сокращены на 300 млн рублей, или на [12%]."),
        ("ru", "На 25% и [35%] уменьшились закупки угля и кокса."),
        ("uk", "Видатки скорочено на 500 млн гривень, або на [10%]."),
    ],
)
def test_a_figure_joined_to_a_change_by_or_and_is_the_same_change(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.sign) == (True, "-")


def test_a_change_amount_before_its_verb_takes_the_verbs_direction():
    reading = read("На [25%] и 35% уменьшились закупки угля и кокса.", "ru")
    assert (reading.is_change, reading.direction) == (True, "decrease")
    assert "уменьшились" in reading.words


@pytest.mark.parametrize(
    ("language", "sentence", "direction"),
    [
        ("en", "Growth picked up in most sectors, notably timber – [2.2%].", "increase"),
        ("ru", "Но экспорт рос быстрее: на [9%].", "increase"),
        ("uk", "Проте імпорт скорочувався повільніше: на [3%].", "decrease"),
    ],
)
def test_a_figure_alone_in_its_clause_takes_the_change_of_the_clauses_before(
    language, sentence, direction
):
    reading = read(sentence, language)
    assert (reading.is_change, reading.direction) == (True, direction)
    assert reading.confidence < 0.6


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Prices rose by 3%, and wages by [5%]."),
        ("en", "Exports climbed 5%, imports – [3%]."),
        ("ru", "Цены выросли на 3%, а зарплаты — на [5%]."),
        ("uk", "Ціни зросли на 3%, а зарплати — на [5%]."),
    ],
)
def test_a_change_whose_verb_is_left_out_shares_the_verb_of_the_change_before(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.sign) == (True, "+")
    assert reading.confidence < 0.6


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Exports rose 5%, reaching [$3bn]."),
        ("en", "Sales of [5,000 cars] rose sharply."),
        ("en", "Exports rose sharply, while imports totaled [$3 billion]."),
        ("en", "Exports, which fell last year, reached [$4 billion] in 2024."),
        ("en", "Output increased in May; the plant employed [1,200 people]."),
        ("ru", "Импорт снизился на 4% и составил [2,1 млрд долларов]."),
        ("ru", "Экспорт вырос, а импорт составил [3 млрд долларов]."),
        ("uk", "Експорт зріс на 6% і становив [4,2 млрд доларів]."),
        ("uk", "Виробництво зросло, проте експорт склав [900 млн доларів]."),
    ],
)
def test_a_change_in_another_clause_does_not_make_a_level_a_change(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.sign, reading.direction) == (False, None, None)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The consumer price index was [104.1%] against the same month of 2023."),
        ("ru", "Индекс промышленного производства составил [103,2%]."),
        ("uk", "Індекс споживчих цін становив [101,5%] до грудня."),
        ("en", "Growth slowed. The deflator index was [108.7%] in the quarter."),
    ],
)
def test_an_index_is_a_level_not_a_change(language, sentence):
    reading = read(sentence, language)
    assert (reading.is_change, reading.sign) == (False, None)


def test_an_index_that_moves_is_a_change():
    reading = read("Индекс потребительских цен вырос на [0,4%] за месяц.", "ru")
    assert (reading.is_change, reading.sign) == (True, "+")


# ------------------------------------------------------------------------------------------------
# Signs written on the figure
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "sign"),
    [
        ("en", "Quarterly GDP growth came in at [−0.9%]", "-"),
        ("en", "Quarterly GDP growth came in at [-0.9%]", "-"),
        ("en", "Real wages: [+2%] on the year.", "+"),
        ("en", "Real wages moved plus [2%] on the year.", "+"),
        ("ru", "Динамика экспорта за квартал — минус [3%].", "-"),
        ("ru", "Рост ВВП в первом квартале составил минус [0,5%].", "-"),
        ("uk", "Динаміка виробництва становила мінус [2%].", "-"),
        ("uk", "Реальні доходи: плюс [1,5%].", "+"),
    ],
)
def test_a_written_sign_decides_the_sign_and_direction(language, sentence, sign):
    reading = read(sentence, language)
    assert reading.sign == sign
    assert reading.direction == ("increase" if sign == "+" else "decrease")


def test_a_hyphen_between_two_numbers_is_a_range_not_a_sign():
    reading = read("Fees of [3-5%] apply.", "en")
    assert (reading.sign, reading.qualifier) == (None, "range")


# ------------------------------------------------------------------------------------------------
# Multipliers
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "direction"),
    [
        ("en", "Coal imports [doubled] in the second quarter.", "increase"),
        ("en", "Rail freight to the port [tripled] last year.", "increase"),
        ("en", "The harvest was [halved] by drought.", "decrease"),
        ("en", "Prices rose [threefold] within a year.", "increase"),
        ("ru", "Экспорт масла вырос [в 3 раза].", "increase"),
        ("ru", "Поставки угля сократились [вдвое].", "decrease"),
        ("ru", "Закупок стало [втрое] больше.", "increase"),
        ("uk", "Гривня подешевшала [вдвічі] за два роки.", "decrease"),
        ("uk", "Імпорт добрив зріс [утричі].", "increase"),
    ],
)
def test_a_multiplier_is_a_change_with_the_direction_of_its_verb(language, sentence, direction):
    reading = read(sentence, language)
    assert (reading.is_change, reading.direction) == (True, direction)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The board meets [4 times] a year."),
        ("ru", "Заседания комиссии проходят [3 раза] в год."),
        ("uk", "Рада збирається [2 рази] на місяць."),
    ],
)
def test_a_count_of_occurrences_is_not_a_multiple(language, sentence):
    assert not read(sentence, language).is_change


def test_an_almost_multiplier_is_an_upper_bound_on_it():
    reading = read("Рубль девальвовано майже [втричі] за рік.", "uk")
    assert (reading.direction, reading.qualifier) == ("decrease", "upper_bound")
    assert read("Рубль девальвирован примерно [втрое].", "ru").qualifier == "approximate"


# ------------------------------------------------------------------------------------------------
# The level a change reached, and the level it started from
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Unemployment rose to [6.1%] from 5.4%."),
        ("en", "Output fell 3% to [1.2 million tonnes]."),
        ("en", "Tariffs increased up to [15%] in January."),
        ("en", "Mortgage rates went up to [9.5%]."),
        ("en", "Oil deliveries edged down to [2.1 million tonnes]."),
        ("ru", "Экспорт молока увеличился на 8% до [$310 млн]."),
        ("ru", "Импорт угля сократился на 12% (до [1,2 млн тонн])."),
        ("ru", "Экспорт вырос на 5% — до [2 млрд долларов]."),
        ("ru", "Безработица опустилась до [3,1%] с 4,5%."),
        ("ru", "Добыча нефти упала до [1,6 млн тонн]."),
        ("uk", "Виробництво зросло з 40 тис. тонн до [55 тис. тонн]."),
        ("uk", "Інфляція сповільнилася до [7%]."),
        ("uk", "Експорт збільшився на 10% — до [3 млрд доларів]."),
    ],
)
def test_to_after_a_change_is_the_level_reached_reported_and_unsigned(language, sentence):
    reading = read(sentence, language)
    assert reading.is_level_reached and not reading.is_change
    assert (reading.qualifier, reading.sign, reading.direction) == ("reported", None, None)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Unemployment rose to 6.1% from [5.4%]."),
        ("en", "Inflation eased from [12%] to 9%."),
        ("ru", "Безработица опустилась до 3,1% с [4,5%]."),
        ("ru", "Ставка снижена с [9,5%] до 9%."),
        ("uk", "Виробництво зросло з [40 тис. тонн] до 55 тис. тонн."),
        ("uk", "Ставку знижено від [25%] до 22%."),
    ],
)
def test_from_with_a_change_is_the_starting_level(language, sentence):
    reading = read(sentence, language)
    assert reading.is_starting_level and not reading.is_change
    assert (reading.qualifier, reading.sign) == ("reported", None)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("ru", "Льготы давали до [5% ВВП] в год."),
        ("ru", "Штраф налагается в размере до [10 тыс. рублей]."),
        ("en", "Grants of up to [$2,000] are offered to farmers."),
        ("en", "The subsidy was worth up to [5% of GDP]."),
        ("uk", "Компенсація сягає до [10 млн гривень]."),
    ],
)
def test_to_without_a_change_is_an_upper_bound(language, sentence):
    reading = read(sentence, language)
    assert (reading.qualifier, reading.is_level_reached) == ("upper_bound", False)


def test_to_without_a_change_in_the_future_is_a_forecast():
    assert read("Штраф составит до [10 тыс. рублей].", "ru").qualifier == "forecast"


def test_the_figure_joined_to_a_level_reached_is_the_same_level():
    reading = read("Sales rose to 30,000 tonnes, or [11,000 barrels a day].", "en")
    assert reading.is_level_reached and reading.sign is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade is booming, up by 20.6 percent in 2018 to [€10.93 billion].",
        "Exports were up 5% in 2019 to [$3 billion].",
        "Output was down by a third last year to [40 tonnes].",
        "The number went up to 15 in 2016 and to [21] in 2019.",
    ],
)
def test_to_after_up_or_down_and_a_change_is_the_level_reached(sentence):
    reading = read(sentence, "en")
    assert reading.is_level_reached and not reading.is_change
    assert reading.qualifier == "reported"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Exports in 2018 to [$3 billion] are not reported."),
        ("en", "The deal, signed in 2019 to run [10] years, stands."),
    ],
)
def test_a_year_before_to_dates_the_clause_and_opens_no_range(language, sentence):
    assert read(sentence, language).qualifier != "range"


def test_a_set_up_fund_is_no_rise():
    reading = read("The fund set up in 2010 to lend [$2 billion] to farmers.", "en")
    assert not reading.is_level_reached and reading.qualifier == "reported"


# ------------------------------------------------------------------------------------------------
# Balances
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "sign"),
    [
        ("en", "The country ran a trade deficit of [$1.2 billion] in May.", "-"),
        ("en", "The budget surplus reached [2% of GDP].", "+"),
        ("en", "The budget posted a [$500 million] surplus.", "+"),
        ("en", "In May the payments deficit, excluding energy, was [$300 million].", "-"),
        ("en", "The negative services balance stood at [$80 million].", "-"),
        ("ru", "Дефицит бюджета составил [3,2% ВВП].", "-"),
        ("ru", "Профицит торговли — [$450 млн].", "+"),
        ("ru", "При положительном для страны сальдо в размере [$120 млн].", "+"),
        ("ru", "Отрицательное сальдо торговли услугами составило [80 млн долларов].", "-"),
        ("ru", "Дефицит вырос до [$5 млрд].", "-"),
        ("uk", "Дефіцит бюджету сягнув [4% ВВП].", "-"),
        ("uk", "Профіцит становив [200 млн доларів].", "+"),
        ("uk", "Від'ємне сальдо торгівлі склало [1,1 млрд доларів].", "-"),
        ("uk", "Позитивне сальдо становило [300 млн доларів].", "+"),
    ],
)
def test_a_balance_named_with_its_sign_carries_that_sign(language, sentence, sign):
    reading = read(sentence, language)
    assert reading.sign == sign
    assert not reading.is_change


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The current account balance was [$300 million]."),
        ("ru", "Сальдо внешней торговли составило [15 млн долларов]."),
        ("uk", "Сальдо торгівлі послугами становило [70 млн доларів]."),
    ],
)
def test_a_balance_with_no_word_of_its_sign_is_left_to_the_curator(language, sentence):
    reading = read(sentence, language)
    assert reading.sign is None
    assert "curator" in reading.why


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Due to a deficit of diesel, prices rose to [$1.2] a litre."),
        ("ru", "Из-за дефицита топлива цены выросли до [60 рублей]."),
        ("uk", "Через дефіцит кадрів зарплати зросли до [20 тис. гривень]."),
    ],
)
def test_a_deficit_named_as_a_cause_is_a_shortage_not_the_figures_balance(language, sentence):
    reading = read(sentence, language)
    assert reading.sign is None and reading.is_level_reached


def test_a_deficit_in_another_clause_does_not_sign_a_level():
    reading = read(
        "Despite the large deficit of the budget, the central bank kept its reserves "
        "near [$9 billion].",
        "en",
    )
    assert reading.sign is None


# ------------------------------------------------------------------------------------------------
# Bounds and approximations
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "qualifier"),
    [
        ("en", "The plant employs more than [3,000 people].", "lower_bound"),
        ("en", "Losses reached at least [$1 billion].", "lower_bound"),
        ("en", "Turnout was over [40%].", "lower_bound"),
        ("en", "The fund holds in excess of [£5 million].", "lower_bound"),
        ("en", "Upwards of [200 firms] applied.", "lower_bound"),
        ("en", "Inflation stayed below [2%] all year.", "upper_bound"),
        ("en", "Less than [1%] of farms are insured.", "upper_bound"),
        ("en", "Quotas allow no more than [10,000 tonnes].", "upper_bound"),
        ("en", "The project cost under [$50 million].", "upper_bound"),
        ("en", "Reserves stood at about [$3 billion].", "approximate"),
        ("en", "Almost [40%] of exports go east.", "upper_bound"),
        ("en", "Nearly [2 million tonnes] were shipped.", "upper_bound"),
        ("en", "The mill produces roughly [9 million tons] a year.", "approximate"),
        ("en", "Some [15,000 workers] were laid off.", "approximate"),
        ("en", "Output reached ~[5 million tonnes].", "approximate"),
        ("ru", "Свыше [$3 млрд] направлено на закупки.", "lower_bound"),
        ("ru", "Рост составит не менее [15%] в этом году.", "forecast"),
        ("ru", "Компании потратили не менее [15%] выручки на ремонт.", "lower_bound"),
        ("ru", "Банк выдал по меньшей мере [2 млрд рублей] кредитов.", "lower_bound"),
        ("ru", "Более [200 тыс. тонн] зерна осталось на складах.", "lower_bound"),
        ("ru", "Менее [1%] предприятий получили субсидии.", "upper_bound"),
        ("ru", "Тариф был не более [500 рублей] за тонну.", "upper_bound"),
        ("ru", "Резервы составили около [5 млрд долларов].", "approximate"),
        ("ru", "Почти [10%] урожая погибло.", "upper_bound"),
        ("ru", "Экспорт составил примерно [$700 млн].", "approximate"),
        ("ru", "Долг достиг порядка [40% ВВП].", "approximate"),
        ("uk", "Понад [2 млрд гривень] витрачено на ремонт.", "lower_bound"),
        ("uk", "Щонайменше [10%] зерна було втрачено.", "lower_bound"),
        ("ru", "Долг превысил отметку в [$20 млрд].", "lower_bound"),
        ("en", "Exports exceeded [$5 billion] for the first time.", "lower_bound"),
        ("uk", "Вивезено більш ніж [300 тис. тонн] руди.", "lower_bound"),
        ("uk", "Частка становила не більше [5%].", "upper_bound"),
        ("uk", "Менш ніж [1%] підприємств отримали гранти.", "upper_bound"),
        ("uk", "Інфляція склала майже [89%].", "upper_bound"),
        ("uk", "Близько [2 млн тонн] зерна вивезено морем.", "approximate"),
        ("uk", "Приблизно [15%] експорту припадає на метал.", "approximate"),
    ],
)
def test_a_word_of_bound_or_approximation_beside_the_figure_is_its_qualifier(
    language, sentence, qualifier
):
    assert read(sentence, language).qualifier == qualifier


@pytest.mark.parametrize(
    ("language", "sentence", "qualifier", "direction"),
    [
        ("en", "Exports grew by more than [20%].", "lower_bound", "increase"),
        ("en", "Transit increased by about [1%] last month.", "approximate", "increase"),
        ("en", "Shipments fell by almost [30%] on the year.", "upper_bound", "decrease"),
        ("ru", "Расходы сократились более чем на [2 млрд рублей].", "lower_bound", "decrease"),
        ("ru", "Продажи выросли почти на [18%].", "upper_bound", "increase"),
        ("ru", "Более чем на [5 млрд рублей] урезаны субсидии.", "lower_bound", "decrease"),
        ("uk", "Витрати скоротилися більш ніж на [20%].", "lower_bound", "decrease"),
        ("uk", "Майже на [12%] зросли ціни на хліб.", "upper_bound", "increase"),
    ],
)
def test_a_bound_on_a_change_keeps_both_the_bound_and_the_change(
    language, sentence, qualifier, direction
):
    reading = read(sentence, language)
    assert (reading.qualifier, reading.is_change, reading.direction) == (
        qualifier,
        True,
        direction,
    )


@pytest.mark.parametrize(
    ("language", "sentence", "qualifier"),
    [
        ("en", "Plants with [500 staff] or more must report.", "lower_bound"),
        ("ru", "Выплаты получили [10 тыс.] с лишним семей.", "lower_bound"),
        ("uk", "Підприємства з [250 працівниками] і більше звітують щомісяця.", "lower_bound"),
    ],
)
def test_a_bound_written_after_the_figure_is_its_qualifier(language, sentence, qualifier):
    assert read(sentence, language).qualifier == qualifier


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The decrease in output in May was estimated at [2.1%]."),
        ("en", "Only [3%] of firms said they would expand."),
        ("ru", "Импорт вырос аж на [70%]."),
        ("ru", "Запасы сократились всего на [1%]."),
        ("uk", "Ціни зросли лише на [2%]."),
    ],
)
def test_emphasis_is_not_a_bound(language, sentence):
    assert read(sentence, language).qualifier == "reported"


# ------------------------------------------------------------------------------------------------
# Ranges
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Refiners paid a premium of [$6–10] per tonne."),
        ("en", "Fees of [3-5%] apply."),
        ("en", "Growth is seen between 2 and [4 percent]."),
        ("ru", "Скидка составляла [$4–7] за тонну."),
        ("ru", "Преференции оценивались от 2 до [4 млрд долларов]."),
        ("uk", "Премія становила від 3 до [5%]."),
        ("uk", "Втрати оцінюють у [2–3 млрд доларів]."),
    ],
)
def test_two_ends_make_a_range(language, sentence):
    assert read(sentence, language).qualifier == "range"


# ------------------------------------------------------------------------------------------------
# Forecasts
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Exports will reach [$5 billion] next year."),
        ("en", "Output is expected to grow by [2%]."),
        ("en", "In March, a [$200 million] payment is due."),
        ("en", "The ministry plans to cut spending by [3%]."),
        ("en", "Growth is forecast at [1.5%]."),
        ("en", "Spending is set to rise to [$3 billion]."),
        ("ru", "В следующем году экспорт составит не менее [3 млрд долларов]."),
        ("ru", "Ожидается, что ВВП вырастет на [1,5%]."),
        ("ru", "Стороны намерены довести товарооборот до [$10 млрд]."),
        ("ru", "Каждый год тариф будет расти еще на [$3]."),
        ("ru", "Дефицит прогнозируется на уровне [2% ВВП]."),
        ("uk", "Наступного року дефіцит становитиме щонайменше [4% ВВП]."),
        ("uk", "Уряд планує збільшити видатки на [10%]."),
        ("uk", "Очікується, що врожай сягне [60 млн тонн]."),
        ("uk", "Виробництво буде на [5%] більшим."),
        ("en", "Exports may reach [$5 billion]."),
        ("ru", "Правительство выделит на программу [2 млрд рублей]."),
        ("ru", "По итогам года ВВП может вырасти на [3,8%]."),
        ("uk", "Уряд надасть підприємствам [300 млн гривень]."),
        ("uk", "Видатки на оборону становитимуть [5% ВВП]."),
    ],
)
def test_a_word_of_the_future_makes_a_forecast_even_over_a_bound(language, sentence):
    assert read(sentence, language).qualifier == "forecast"


@pytest.mark.parametrize(
    ("language", "sentence", "qualifier"),
    [
        ("en", "Russia will provide Belarus a loan of up to [$600 million].", "upper_bound"),
        ("en", "The fund will lend no more than [$2 billion].", "upper_bound"),
        ("en", "The EU will allocate at least [€500 million].", "lower_bound"),
        ("ru", "Россия предоставит Белоруссии кредит в размере до [$600 млн].", "upper_bound"),
        ("ru", "Компания поставит в Беларусь до [10 млн тонн] нефти.", "upper_bound"),
        ("uk", "Росія надасть Білорусі кредит у розмірі до [600 млн доларів].", "upper_bound"),
        ("uk", "Компанія поставить не менше [5 млн тонн] нафти.", "lower_bound"),
    ],
)
def test_a_commitment_in_the_future_with_a_bound_states_the_bound_agreed_now(
    language, sentence, qualifier
):
    assert read(sentence, language).qualifier == qualifier


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Gazprom expects to supply up to [20 bcm]."),  # an expectation
        ("en", "Russia will provide Belarus a loan of [$600 million]."),  # no bound
        ("ru", "Экспорт в следующем году составит не менее [5 млрд долларов]."),  # an outcome
        ("uk", "Видобуток сягне щонайменше [5 млн тонн]."),
    ],
)
def test_a_future_that_commits_to_no_bound_stays_a_forecast(language, sentence):
    assert read(sentence, language).qualifier == "forecast"


def test_a_forecast_keeps_the_direction_of_its_change():
    reading = read("The ministry plans to cut spending by [3%].", "en")
    assert (reading.qualifier, reading.sign) == ("forecast", "-")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Exports in May were [$5 billion]."),
        ("ru", "Правительство выделило на программу [2 млрд рублей]."),
        ("ru", "Экспорт составляет [5 млрд долларов] в год."),
        ("ru", "Экспорт составил [5 млрд долларов], что позволит погасить долг."),
        ("uk", "Уряд надав підприємствам [300 млн гривень]."),
        ("uk", "Видатки на оборону становлять [5% ВВП]."),
    ],
)
def test_a_verb_in_the_past_or_present_is_no_forecast(language, sentence):
    assert read(sentence, language).qualifier == "reported"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "[40 percent] said prices will rise next year."),
        ("en", "Exports grew [5%], more than expected."),
        ("ru", "[40%] опрошенных считают, что цены будут расти."),
        ("uk", "[35%] респондентів вважають, що ціни зростуть."),
    ],
)
def test_a_future_in_what_people_said_does_not_make_the_figure_a_forecast(language, sentence):
    assert read(sentence, language).qualifier != "forecast"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ukraine is the [second] largest market after Russia—and Minsk could gain more.",
        "Exports reached [$5 billion]—and they may double.",
    ],
)
def test_a_dash_set_between_words_ends_the_clause_and_its_future(sentence):
    assert read(sentence, "en").qualifier == "reported"


@pytest.mark.parametrize(
    ("language", "sentence", "qualifier"),
    [
        ("en", "[11] Россия предоставила Белоруссии кредит в размере до [$600 млн]", "upper_bound"),
        ("en", "[3] Роснефть поставляет почти [10 млн тонн] нефти в год", "upper_bound"),
        ("ru", "[4] Russia lent Belarus more than [$1 billion] in total last year.", "lower_bound"),
        ("uk", "[5] Russia lent Belarus more than [$1 billion] in total last year.", "lower_bound"),
    ],
)
def test_a_sentence_in_the_other_script_is_read_with_its_own_languages_words(
    language, sentence, qualifier
):
    assert read(sentence, language, which=1).qualifier == qualifier


# ------------------------------------------------------------------------------------------------
# What the reading tells the curator
# ------------------------------------------------------------------------------------------------


def test_the_words_read_are_listed_in_text_order():
    reading = read("Экспорт увеличился почти на [7%] в мае.", "ru")
    assert reading.words == ("увеличился", "почти", "на")


def test_a_plain_level_is_reported_with_a_reason_and_middling_confidence():
    reading = read("The plant employed [1,200 people] in 2023.", "en")
    assert (reading.qualifier, reading.sign, reading.is_change) == ("reported", None, False)
    assert "reported level" in reading.why
    assert 0.5 < reading.confidence < 0.8


def test_an_adjacent_verb_is_surer_than_a_verb_clauses_away():
    near = read("Timber exports increased by [2.2%].", "en")
    far = read("Growth picked up in most sectors, notably timber – [2.2%].", "en")
    assert near.confidence > far.confidence


def test_every_qualifier_read_is_one_the_dataset_knows():
    sentences = [s for _, s in INCREASES + DECREASES]
    languages = [lang for lang, _ in INCREASES + DECREASES]
    for language, sentence in zip(languages, sentences, strict=True):
        assert read(sentence, language).qualifier in QUALIFIERS


# ------------------------------------------------------------------------------------------------
# Bounded work
# ------------------------------------------------------------------------------------------------


def test_nothing_beyond_the_window_before_the_figure_is_read():
    sentence = "exports rose steadily " + "and so on " * 5000 + "to reach [$3 billion]"
    far = read(sentence, "en")
    near = read("Imports to reach [$3 billion]", "en")
    assert (far.is_change, far.is_level_reached) == (near.is_change, near.is_level_reached)
    assert len("and so on " * 5000) > BEFORE


def test_hostile_windows_are_read_in_bounded_time():
    hostile = [
        "1 " * 5000 + "[5%]",
        "на на на на " * 2000 + "[5%]",
        "более чем " * 2000 + "[5%]",
        "—, " * 3000 + "[5%]",
        "1,000,000," * 2000 + "[5%]",
        "сальдо " * 3000 + "[5%]" + " і більше" * 2000,
    ]
    started = time.perf_counter()
    for marked in hostile:
        for language in ("en", "ru", "uk"):
            read(marked, language)
    assert time.perf_counter() - started < 5.0
