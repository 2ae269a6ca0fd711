"""The interval a figure's words allow, and the arithmetic on intervals that checks rely on.

Properties (hypothesis) state the rules for any figure, not just the documents' own: a figure is
always inside its interval unless the words put it on the edge; "nearly" and "just under" never
reach past the figure; "more than" never falls below it; percentages get their slack in points;
sums, differences and ratios of intervals hold every sum, difference and ratio of their points.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from etl.intake.grammar.modifiers import ADJACENT_WORDS
from etl.intervals import (
    INF,
    SLACK_POINTS,
    SLACK_RELATIVE,
    WORDINGS,
    Interval,
    domain_of,
    find_wording,
    level_before_change,
    percent_change,
    slack,
    stated_interval,
    wording_by_phrase,
)

amounts = st.floats(min_value=0.01, max_value=1e13, allow_nan=False)
roundings = st.floats(min_value=0, max_value=1e9, allow_nan=False)
units = st.sampled_from(["USD", "percent", "persons", "tonnes"])
wordings = st.sampled_from(WORDINGS)
EVERYTHING = Interval(-INF, INF)


def interval_strategy(low=-1e12, high=1e12):
    return st.tuples(
        st.floats(min_value=low, max_value=high, allow_nan=False),
        st.floats(min_value=0, max_value=1e11, allow_nan=False),
    ).map(lambda pair: Interval(pair[0], pair[0] + pair[1]))


@given(amounts, roundings, units)
def test_a_plain_figure_is_its_rounding_either_side(value, rounding, unit):
    interval = stated_interval(value, rounding, unit, None, EVERYTHING)
    assert interval == Interval(value - rounding, value + rounding)


@given(amounts, roundings, units, wordings)
def test_one_sided_wording_never_reaches_past_the_figure_on_its_side(value, rounding, unit, w):
    interval = stated_interval(value, rounding, unit, w, EVERYTHING)
    if w.side == "below":
        assert interval.high == value
    elif w.side == "above":
        assert interval.low == value
    else:
        assert interval.low < value < interval.high or rounding + slack(value, unit) == 0


@given(amounts, roundings, units, wordings)
def test_near_wording_reaches_exactly_the_rounding_plus_the_slack(value, rounding, unit, w):
    interval = stated_interval(value, rounding, unit, w, EVERYTHING)
    reach = rounding + slack(value, unit)
    if w.reach == "near":
        # The ends are value ± reach in floating point: the width is exact up to the float
        # spacing at the value's magnitude (a percentage near 7e10 has only ~1e-5 to spare).
        expected = reach * (2 if w.side == "both" else 1)
        assert interval.width == pytest.approx(expected, rel=1e-6, abs=4 * math.ulp(value))
    else:
        assert math.isinf(interval.low if w.side == "below" else interval.high)


@given(st.floats(min_value=0, max_value=100), st.sampled_from(["nearly", "around", "just over"]))
def test_slack_on_percentages_is_in_points_not_a_share_of_the_figure(value, phrase):
    interval = stated_interval(value, 0.5, "percent", wording_by_phrase(phrase), EVERYTHING)
    assert interval.width == pytest.approx((0.5 + SLACK_POINTS) * (2 if phrase == "around" else 1))


@given(amounts)
def test_slack_on_amounts_is_a_share_of_the_figure(value):
    assert slack(value, "USD") == pytest.approx(SLACK_RELATIVE * value)


@given(amounts, roundings, wordings)
def test_nothing_leaves_the_domain_of_the_quantity(value, rounding, w):
    share = domain_of("percent", "share", None)
    interval = stated_interval(min(value, 100), rounding, "percent", w, share)
    assert 0 <= interval.low <= interval.high <= 100


def test_the_documents_wordings_read_as_the_words_say():
    nearly = stated_interval(87, 0.5, "percent", wording_by_phrase("nearly"), EVERYTHING)
    assert (nearly.low, nearly.high) == (84.5, 87)  # never 91.9
    under = stated_interval(1.4e9, 0.05e9, "USD", wording_by_phrase("just under"), EVERYTHING)
    assert under.high == 1.4e9  # never above 1.4 billion
    assert under.low == pytest.approx(1.4e9 - 0.05e9 - 0.07e9)
    more = stated_interval(40, 0.5, "percent", wording_by_phrase("more than"), Interval(0, 100))
    assert (more.low, more.high) == (40, 100)
    up_to = stated_interval(600e6, 50e6, "USD", wording_by_phrase("до"), Interval(0, INF))
    assert (up_to.low, up_to.high) == (0, 600e6)


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("fell by 70%, to just under $1.4 billion", "1.4 billion", "just under"),
        ("fell by nearly 87% to $20 million", "87%", "nearly"),
        ("fell by nearly 87% to $20 million", "20 million", None),
        ("had fallen to around $7 million", "7 million", "around"),
        ("more than 200 T-72A tanks", "200", "more than"),
        ("over 5 percent of GDP", "5%", "over"),
        ("almost half of the country's GDP", "half", "almost"),
        ("госкредит в размере до $600 млн", "600 млн", "до"),
        ("the number to go up to 15 in 2016", "15", None),  # a rise to 15, not a ceiling
        ("up to 10,2 млн тонн", "10,2 млн", "up to"),
    ],
)
def test_the_hedging_phrase_is_the_one_right_before_the_figure(evidence, number, phrase):
    found = find_wording(evidence, number)
    assert (found[0] if found else None) == phrase


def qualifier_before(evidence: str, number: str) -> str | None:
    """The qualifier the ETL reads from the words before ``number`` in ``evidence``."""
    found = find_wording(evidence, number)
    return found[1].qualifier if found else None


# The wordings are the intake's: one vocabulary in English, Russian and Ukrainian.

INTAKE_HEDGING = sorted(
    (language, phrase, value)
    for language, words in ADJACENT_WORDS.items()
    for phrase, (kind, value) in words.items()
    if value in ("approximate", "lower_bound", "upper_bound")
)


@pytest.mark.parametrize(("language", "phrase", "qualifier"), INTAKE_HEDGING)
def test_every_phrase_the_intake_reads_as_hedging_allows_the_intakes_qualifier(
    language, phrase, qualifier
):
    wording = wording_by_phrase(phrase)
    assert wording is not None, f"{language}: '{phrase}' is unknown to the ETL"
    assert wording.allows(qualifier)


def test_the_etl_reads_no_hedging_phrase_the_intake_does_not():
    intake = {phrase for _, phrase, _ in INTAKE_HEDGING}
    assert {phrase for w in WORDINGS for phrase in w.phrases} == intake


@pytest.mark.parametrize("phrase", sorted(p for w in WORDINGS for p in w.phrases))
def test_every_phrase_is_read_right_before_a_figure_and_before_a_currency(phrase):
    assert find_wording(f"Итог: {phrase} 47 млн", "47 млн")[0] == phrase
    assert find_wording(f"Total: {phrase} $47 million", "47 million")[0] == phrase


# 1. A negated bound is the opposite bound, never the bound inside it.


@pytest.mark.parametrize(
    ("evidence", "number", "qualifier"),
    [
        ("The plant will need not less than 40,000 workers", "40,000", "lower_bound"),
        ("Losses came to no less than $2 billion", "2 billion", "lower_bound"),
        ("No fewer than 300 firms closed", "300", "lower_bound"),
        ("The tariff rose by not more than 3%", "3%", "upper_bound"),
        ("Потери составили не менее 2 млрд долларов", "2 млрд", "lower_bound"),
        ("Завод выпустил не меньше 40 тыс. тракторов", "40", "lower_bound"),
        ("Тариф вырос не более чем на 3%", "3%", "upper_bound"),
        ("Кредит составит не больше 500 млн долларов", "500 млн", "upper_bound"),
        ("Втрати склали не менше 2 млрд доларів", "2 млрд", "lower_bound"),
        ("Тариф зріс не більше ніж на 3%", "3%", "upper_bound"),
        ("Кредит становитиме не більше 500 млн доларів", "500 млн", "upper_bound"),
    ],
)
def test_a_negated_bound_is_read_whole_and_gives_the_opposite_bound(evidence, number, qualifier):
    assert qualifier_before(evidence, number) == qualifier


# 2. "almost" is approximate and at most its figure.


@pytest.mark.parametrize(
    ("evidence", "number"),
    [
        ("Wheat prices fell by almost 9% in March", "9%"),
        ("The mill shipped nearly 120,000 tonnes", "120,000"),
        ("Цены на пшеницу упали почти на 9% в марте", "9%"),
        ("Комбинат отгрузил почти 120 тыс. тонн", "120"),
        ("Ціни на пшеницю впали майже на 9% у березні", "9%"),
        ("Комбінат відвантажив майже 120 тис. тонн", "120"),
    ],
)
def test_almost_is_approximate_and_an_upper_bound_alike(evidence, number):
    _, wording = find_wording(evidence, number)
    assert wording.allows("approximate")
    assert wording.allows("upper_bound")
    assert not wording.allows("lower_bound")
    assert not wording.allows("reported")


def test_almost_stays_near_its_figure_and_never_above_it_whichever_qualifier_is_chosen():
    _, wording = find_wording("Экспорт составил почти 89%", "89%")
    share = Interval(0, 100)
    assert stated_interval(89, 0.5, "percent", wording, share) == Interval(86.5, 89)


# 3. "до", "to", "up to" after a change give the level it reached.


@pytest.mark.parametrize(
    ("evidence", "number"),
    [
        ("Exports grew by 14.5% to $820 million", "820 million"),
        ("Output went up to 15 million tonnes", "15 million"),
        ("Exports climbed 14.5% up to $820 million", "820 million"),
        ("Экспорт увеличился на 14,5% до $820 млн", "820 млн"),
        ("Ставка снижена до 9,5% годовых", "9,5%"),
        ("Долг сократился на треть — до 12 млрд рублей", "12 млрд"),
        ("Експорт зріс на 14,5% до $820 млн", "820 млн"),
        ("Облікову ставку знизили до 9,5% річних", "9,5%"),
    ],
)
def test_to_after_a_change_is_the_level_it_reached_not_a_ceiling(evidence, number):
    assert find_wording(evidence, number) is None


@pytest.mark.parametrize(
    ("evidence", "number"),
    [
        ("The fund will lend up to $300 million", "300 million"),
        ("Фонд выдаст кредиты на сумму до $300 млн", "300 млн"),
        ("Фонд надасть кредити на суму до $300 млн", "300 млн"),
    ],
)
def test_to_with_no_change_before_it_is_a_ceiling(evidence, number):
    assert qualifier_before(evidence, number) == "upper_bound"


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("Inflation slowed to almost 6%", "6%", "almost"),
        ("Инфляция замедлилась почти до 6%", "6%", "почти"),
        ("Інфляція сповільнилася майже до 6%", "6%", "майже"),
        ("Инфляция замедлилась до 6%", "6%", None),
    ],
)
def test_the_level_a_change_reached_is_hedged_by_the_words_before_its_to(evidence, number, phrase):
    found = find_wording(evidence, number)
    assert (found[0] if found else None) == phrase


# 4. A preposition (or an article) may stand between the words and their figure.


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("Prices rose more than by 5% over the year", "5%", "more than"),
        ("Output is nearly a third lower", "a third", "nearly"),
        ("Цены выросли почти на 63%", "63%", "почти"),
        ("Выпуск сократился более чем на $2 млрд", "2 млрд", "более чем"),
        ("Объем вырос почти в 3 раза", "3", "почти"),
        ("Ціни зросли більш ніж на 10%", "10%", "більш ніж"),
        ("Обсяг зріс майже у 3 рази", "3", "майже"),
        ("Борг зменшився понад на 1 млрд гривень", "1 млрд", "понад"),
    ],
)
def test_a_bound_is_read_past_a_preposition_before_its_figure(evidence, number, phrase):
    assert find_wording(evidence, number)[0] == phrase


@pytest.mark.parametrize(
    ("evidence", "number"),
    [
        ("Sales exceeded by 4% the level of last year", "4%"),
        ("Продажи превысили на 4% уровень прошлого года", "4%"),
        ("Продажі перевищили на 4% торішній рівень", "4%"),
    ],
)
def test_a_verb_of_exceeding_before_by_takes_the_amount_of_the_excess_not_a_bound(evidence, number):
    assert find_wording(evidence, number) is None


def test_a_bound_further_from_its_figure_than_a_preposition_is_not_its_bound():
    assert find_wording("More than half of firms said sales rose by 5%", "5%") is None
    assert find_wording("Более половины фирм сообщили о росте на 5%", "5%") is None


# 5. The languages' words of bounds and approximation.


@pytest.mark.parametrize(
    ("evidence", "number", "qualifier"),
    [
        ("Reserves stood at ~$8 billion", "8 billion", "approximate"),
        ("The harbour handled ca. 40,000 containers", "40,000", "approximate"),
        ("Debt exceeded 60% of GDP", "60%", "lower_bound"),
        ("Debt now exceeds 60% of GDP", "60%", "lower_bound"),
        ("The deficit was well over 3% of GDP", "3%", "lower_bound"),
        ("Grants not exceeding $50,000 each", "50,000", "upper_bound"),
        ("Investments upwards of $1 billion", "1 billion", "lower_bound"),
        ("Losses in excess of $300 million", "300 million", "lower_bound"),
        ("Товарооборот достиг не меньше 30 млрд долларов", "30 млрд", "lower_bound"),
        ("Это принесет по меньшей мере 2 млрд рублей", "2 млрд", "lower_bound"),
        ("Урожай составит как минимум 8 млн тонн", "8 млн", "lower_bound"),
        ("Доля импорта — меньше 20%", "20%", "upper_bound"),
        ("Рост ограничат максимум 4%", "4%", "upper_bound"),
        ("Ущерб оценивается приблизительно в 5 млрд рублей", "5 млрд", "approximate"),
        ("Затраты составят ориентировочно 700 млн рублей", "700 млн", "approximate"),
        ("Цена держится в районе 70 долларов", "70", "approximate"),
        ("Это обойдется порядка 2 млрд", "2 млрд", "approximate"),
        ("Бюджет выделит около 40 млн рублей", "40 млн", "approximate"),
        ("Экспорт составил свыше 5 млн тонн", "5 млн", "lower_bound"),
        ("Кредиты выросли более 12%", "12%", "lower_bound"),
        ("Долг превысил 20 млрд долларов", "20 млрд", "lower_bound"),
        ("Дефицит превышает 3% ВВП", "3%", "lower_bound"),
        ("Збитки сягнули майже 4 млрд гривень", "4 млрд", "upper_bound"),
        ("Уряд виділить близько 40 млн гривень", "40 млн", "approximate"),
        ("Втрати оцінюються приблизно в 5 млрд гривень", "5 млрд", "approximate"),
        ("Експорт склав понад 5 млн тонн", "5 млн", "lower_bound"),
        ("Продажі зросли більш ніж 12%", "12%", "lower_bound"),
        ("Держава отримає щонайменше 2 млрд гривень", "2 млрд", "lower_bound"),
        ("Частка імпорту — не більше 20%", "20%", "upper_bound"),
        ("Частка імпорту — менше 20%", "20%", "upper_bound"),
        ("Частка імпорту — менш ніж 20%", "20%", "upper_bound"),
        ("Кредит надасть до 300 млн доларів", "300 млн", "upper_bound"),
    ],
)
def test_each_languages_words_of_bounds_and_approximation_are_read(evidence, number, qualifier):
    assert qualifier_before(evidence, number) == qualifier


# 6. A currency between the words and the figure.


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("Reserves grew to around Br8 trillion", "8 trillion", "around"),
        ("Revenue of about BYN 3.2 billion", "3.2 billion", "about"),
        ("Old notes worth over BYR 10,000", "10,000", "over"),
        ("Spending of roughly UAH 40 billion", "40 billion", "roughly"),
        ("Imports of nearly USD 900 million", "900 million", "nearly"),
        ("Grants of up to €5 million", "5 million", "up to"),
        ("Долг составил около $3 млрд", "3 млрд", "около"),
        ("Кредит составит не более ₽500 млрд", "500 млрд", "не более"),
        ("Выплаты составили свыше руб. 100 тыс.", "100", "свыше"),
        ("Витрати сягнули майже грн 40 млрд", "40 млрд", "майже"),
        ("Виплати склали понад $120 млн", "120 млн", "понад"),
    ],
)
def test_a_bound_is_read_past_a_currency_before_its_figure(evidence, number, phrase):
    assert find_wording(evidence, number)[0] == phrase


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("Subsidies reached 5 billion rubles, or almost 5% of revenue", "5%", "almost"),
        ("Субсидии составили 5 млрд рублей, или почти 5% доходов", "5%", "почти"),
        ("Субсидії сягнули 5 млрд гривень, або майже 5% доходів", "5%", "майже"),
        ("Субсидии составили 5 млрд рублей, или почти 5% доходов", "5 млрд", None),
    ],
)
def test_a_number_written_twice_is_read_where_it_is_written_as_the_curator_wrote_it(
    evidence, number, phrase
):
    found = find_wording(evidence, number)
    assert (found[0] if found else None) == phrase


@given(interval_strategy(), interval_strategy())
def test_two_intervals_overlap_exactly_when_their_gap_is_zero(a, b):
    # The gap is a difference of floats: "zero" up to the float spacing at their magnitude.
    tolerance = 1e-9 * max(1, abs(a.high), abs(b.high))
    if a.overlaps(b):
        assert a.gap(b) <= tolerance
    else:
        assert a.gap(b) > 0
    assert a.gap(b) == b.gap(a) >= 0


@given(interval_strategy(), interval_strategy(), st.floats(0, 1), st.floats(0, 1))
def test_the_gap_is_the_smallest_distance_between_their_points(a, b, s, t):
    x, y = a.low + s * a.width, b.low + t * b.width
    assert abs(x - y) >= a.gap(b) - 1e-6 * max(1.0, abs(x), abs(y))


@given(interval_strategy(), interval_strategy(), st.floats(0, 1), st.floats(0, 1))
def test_sums_and_differences_hold_every_sum_and_difference_of_points(a, b, s, t):
    x, y = a.low + s * a.width, b.low + t * b.width
    tolerance = 1e-6 * max(1.0, abs(x), abs(y))
    total, net = a + b, a - b
    assert total.low - tolerance <= x + y <= total.high + tolerance
    assert net.low - tolerance <= x - y <= net.high + tolerance


@given(
    interval_strategy(0, 1e12),
    interval_strategy(1, 1e12),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_a_percent_change_holds_every_change_between_points(current, base, s, t):
    x, y = current.low + s * current.width, base.low + t * base.width
    change = percent_change(current, base)
    assert change is not None
    value = (x / y - 1) * 100
    assert (
        change.low - 1e-6 * max(1, abs(value)) <= value <= change.high + 1e-6 * max(1, abs(value))
    )


@given(interval_strategy(1, 1e12), st.floats(-99, 500), st.floats(0, 1))
def test_the_level_before_a_change_leads_back_to_the_current_level(current, change, s):
    base = level_before_change(current, Interval.point(change))
    assert base is not None
    x = current.low + s * current.width
    assert base.low * (1 + change / 100) <= x * (1 + 1e-9) + 1e-9
    assert x <= base.high * (1 + change / 100) * (1 + 1e-9) + 1e-9


def test_a_change_from_nothing_or_to_nothing_has_no_interval():
    assert percent_change(Interval(1, 2), Interval(0, 1)) is None
    assert level_before_change(Interval(1, 2), Interval(-100, -90)) is None


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_an_interval_must_not_end_before_it_starts(low, high):
    assume(low > high)
    with pytest.raises(ValueError):
        Interval(low, high)


@pytest.mark.parametrize(
    ("evidence", "number", "phrase"),
    [
        ("the ruble was devalued almost threefold", "3", "almost"),
        ("рубль девальвирован почти втрое", "3", "почти"),
        ("рубль продевальвовано майже втричі", "3", "майже"),
    ],
)
def test_the_hedging_of_a_figure_written_in_words_is_read_before_those_words(
    evidence, number, phrase
):
    found, wording = find_wording(evidence, number)
    assert found == phrase and wording.allows("upper_bound")
