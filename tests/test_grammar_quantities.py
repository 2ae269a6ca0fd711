"""Specification of how the intake reads numerals (etl/intake/grammar/quantities.py, numerals.py).

Every rule is stated in English, Russian and Ukrainian, on sentences written for these tests:
how each language separates digits, scales them, names currencies and units, writes numbers in
words, and which numerals are no quantity at all (years, dates, names, lengths of time).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

import pytest
from work_count import counted

from etl.intake.grammar.numerals import read_digits, word_numeral
from etl.intake.grammar.quantities import Numeral, Quantity, find_quantities
from etl.normalize import parse_value


def read(text: str, language: str, date: str | None = None) -> list[Quantity | Numeral]:
    return find_quantities(text, language, document_date=date)  # type: ignore[arg-type]


def quantities(text: str, language: str, date: str | None = None) -> list[Quantity]:
    return [item for item in read(text, language, date) if isinstance(item, Quantity)]


def the_quantity(text: str, language: str, date: str | None = None) -> Quantity:
    """The one quantity ``text`` holds."""
    (found,) = quantities(text, language, date)
    return found


def numerals(text: str, language: str) -> list[tuple[str, str]]:
    return [(n.written, n.role) for n in read(text, language) if isinstance(n, Numeral)]


def value(quantity: Quantity) -> Decimal:
    assert quantity.number is not None
    return quantity.number * quantity.scale


# --------------------------------------------------------------------------------------------
# Digits: separators by language
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "language", "number"),
    [
        ("19,407", "ru", "19.407"),  # a comma is always decimal in Russian
        ("19,407", "uk", "19.407"),  # and in Ukrainian
        ("19,407", "en", "19407"),  # a comma before exactly three digits groups thousands
        ("1,5", "en", "1.5"),  # any other comma is decimal, in English too
        ("2,172.9", "en", "2172.9"),
        ("2,172.9", "ru", "2172.9"),  # a comma before a point groups thousands in any language
        ("1.234.567", "en", "1234567"),  # points grouping thousands, the rarer way
        ("1.234,5", "ru", "1234.5"),
        ("21 014", "ru", "21014"),  # a plain space
        ("21\u00a0014", "uk", "21014"),  # a no-break space
        ("21\u2009014", "en", "21014"),  # a thin space
        ("21\u202f014,5", "ru", "21014.5"),  # a narrow no-break space
    ],
)
def test_digits_are_read_by_the_separators_of_their_language(written, language, number):
    assert read_digits(written, language) == Decimal(number)


@pytest.mark.parametrize("written", ["1,23,456", "1.2.3", "12 34"])
def test_separators_that_make_no_number_are_refused(written):
    assert read_digits(written, "en") is None


@pytest.mark.parametrize(
    ("text", "language", "number", "why"),
    [
        ("Export rose to 48,25 in the index.", "en", "48.25", "decimal comma"),
        ("The plant employs 12,500 workers.", "en", "12500", "thousands comma (English)"),
        ("Добыча достигла 3,125 млн тонн.", "ru", "3.125", "decimal comma (Russian)"),
        ("Видобуток сягнув 3,125 млн тонн.", "uk", "3.125", "decimal comma (Ukrainian)"),
    ],
)
def test_the_curator_is_told_how_a_comma_was_read(text, language, number, why):
    found = the_quantity(text, language)
    assert found.number == Decimal(number)
    assert why in found.why


# --------------------------------------------------------------------------------------------
# Scale words and compound amounts
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "number", "scale", "value_text"),
    [
        ("Reserves stood at $8.7 billion.", "en", "8.7", 10**9, "8.7 billion"),
        ("Debt reached $4.5bn last year.", "en", "4.5", 10**9, "4.5 billion"),
        ("The fund lent €12m to farmers.", "en", "12", 10**6, "12 million"),
        ("The deal was worth 7 mln euros.", "en", "7", 10**6, "7 million"),
        ("Займ составил 350 млн. долларов.", "ru", "350", 10**6, "350 млн"),
        ("Займ составил 350 млн долларов.", "ru", "350", 10**6, "350 млн"),
        ("Выпуск — 684 тыс. тонн.", "ru", "684", 10**3, "684 тыс."),
        ("Потрачено 2 миллиарда долларов.", "ru", "2", 10**9, "2 миллиарда"),
        ("Позика склала 350 млн доларів.", "uk", "350", 10**6, "350 млн"),
        ("Вироблено 12 тис. тонн.", "uk", "12", 10**3, "12 тис."),
        ("Борг сягнув 3 трильйонів гривень.", "uk", "3", 10**12, "3 трильйонів"),
    ],
)
def test_a_scale_word_multiplies_the_number_before_it(text, language, number, scale, value_text):
    found = the_quantity(text, language)
    assert (found.number, found.scale, found.value_text) == (Decimal(number), scale, value_text)


def test_one_letter_scales_count_only_right_after_money():
    assert the_quantity("Sales hit $30m.", "en").scale == 10**6
    assert the_quantity("The road is 30m wide.", "en").scale == 1  # metres, not millions
    assert the_quantity("We hired 30k workers.", "en").scale == 10**3


@pytest.mark.parametrize(
    ("text", "language", "number", "value_text"),
    [
        ("Сальдо выросло до 2 млрд 345 млн долларов.", "ru", 2345, "2345 млн"),
        ("Імпорт склав 4 млрд 56 млн доларів.", "uk", 4056, "4056 млн"),
        ("Imports came to 3 billion 120 million dollars.", "en", 3120, "3120 million"),
    ],
)
def test_a_compound_amount_is_one_figure_in_its_smaller_unit(text, language, number, value_text):
    found = the_quantity(text, language)
    assert (found.number, found.scale, found.value_text) == (Decimal(number), 10**6, value_text)
    assert found.unit == "USD"
    assert "compound" in found.why


# --------------------------------------------------------------------------------------------
# Currencies
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "unit", "written"),
    [
        ("It cost $15 million.", "en", "USD", "$15 million"),
        ("It cost USD731 million.", "en", "USD", "USD731 million"),  # a code glued to the number
        ("It cost USD 731 million.", "en", "USD", "USD 731 million"),
        ("It cost 2.5 billion USD.", "en", "USD", "2.5 billion USD"),  # a code after
        ("It cost 40 billion yuan.", "en", "CNY", "40 billion yuan"),
        ("It cost 3 billion zlotys.", "en", "PLN", "3 billion zlotys"),
        ("It cost £2bn.", "en", "GBP", "£2bn"),
        ("Это стоило 15 млн долларов.", "ru", "USD", "15 млн долларов"),
        ("Это стоило 15 млн долл. США", "ru", "USD", "15 млн долл. США"),
        ("Это стоило 20 млн евро.", "ru", "EUR", "20 млн евро"),
        ("Это стоило 8 млрд гривен.", "ru", "UAH", "8 млрд гривен"),
        ("Это стоило 90 млрд юаней.", "ru", "CNY", "90 млрд юаней"),
        ("Это стоило 5 млн р. в 2019 г.", "ru", "RUB", "5 млн р."),  # "р." after a scale only
        ("Це коштувало 15 млн доларів.", "uk", "USD", "15 млн доларів"),
        ("Це коштувало 15 млн дол.", "uk", "USD", "15 млн дол."),
        ("Це коштувало 8 млрд гривень.", "uk", "UAH", "8 млрд гривень"),
        ("Це коштувало 8 млрд грн", "uk", "UAH", "8 млрд грн"),
        ("Це коштувало 5 млн злотих.", "uk", "PLN", "5 млн злотих"),
    ],
)
def test_a_currency_is_read_from_its_sign_code_or_word_before_or_after(
    text, language, unit, written
):
    found = the_quantity(text, language)
    assert (found.unit, found.kind, found.written) == (unit, "amount", written)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Debt stood at Br412.3 trillion.", "en"),
        ("Debt stood at Br 412.3 trillion.", "en"),
        ("Debt stood at 412.3 trillion Belarusian rubles.", "en"),
        ("Долг составил 412,3 трлн белорусских рублей.", "ru"),
        ("Долг составил 412,3 трлн бел. руб.", "ru"),
        ("Борг склав 412,3 трлн білоруських рублів.", "uk"),
    ],
)
def test_belarusian_rubles_are_byr_before_the_redenomination_and_byn_after(text, language):
    before = the_quantity(text, language, "2015-11-30")
    after = the_quantity(text, language, "2019-03")
    assert (before.unit, after.unit) == ("BYR", "BYN")
    assert before.number == after.number == Decimal("412.3")
    assert "redenomination" in before.why


@pytest.mark.parametrize(
    ("text", "date", "unit", "note"),
    [
        ("Payments of BYR 10,000 a month.", "2014-05", "BYR", ""),
        ("Payments of BYR 10,000 a month.", "2019-05", "BYN", "written BYR"),
        ("Payments of BYR 10,000 a month.", None, "BYR", "date is unknown"),
        ("Payments of BYN 250 a month.", "2014-05", "BYR", "written BYN"),
    ],
)
def test_a_belarusian_ruble_code_the_date_contradicts_is_read_by_the_date_with_a_note(
    text, date, unit, note
):
    found = the_quantity(text, "en", date)
    assert found.unit == unit
    assert note in found.why
    assert (found.confidence <= 0.5) == bool(note)


def test_belarusian_rubles_of_an_undated_text_are_byn_with_low_confidence_and_say_why():
    found = the_quantity("Debt stood at Br79 billion.", "en")
    assert found.unit == "BYN"
    assert found.confidence < 0.5
    assert "date is unknown" in found.why


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("В Беларуси зарплата выросла до 1900 рублей.", "ru", "BYN"),
        ("У Білорусі зарплата зросла до 1900 рублів.", "uk", "BYN"),
        ("In Belarus wages rose to 1,900 rubles.", "en", "BYN"),
        ("В России зарплата выросла до 61 тыс. рублей.", "ru", "RUB"),
        ("In Russia wages rose to 61,000 roubles.", "en", "RUB"),
    ],
)
def test_a_bare_ruble_is_belarusian_in_a_text_about_belarus_and_russian_otherwise(
    text, language, unit
):
    found = the_quantity(text, language, "2020-05")
    assert found.unit == unit
    assert found.confidence < 0.9  # the text did not say which ruble


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("В Беларуси платят 900 российских рублей.", "ru"),
        ("У Білорусі платять 900 російських рублів.", "uk"),
        ("In Belarus they pay 900 Russian rubles.", "en"),
        ("В Беларуси это стоит 900 ₽.", "ru"),
    ],
)
def test_russian_rubles_named_as_such_are_rub_in_any_text(text, language):
    found = the_quantity(text, language, "2020-05")
    assert (found.unit, found.confidence) == ("RUB", 0.9)


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Belarus is poor. Its leader says Moscow pays zero rubles for the bases.", "en", "RUB"),
        ("Belarus is poor. The Kremlin charges 40 rubles for each tonne.", "en", "RUB"),
        ("Беларусь бедна. Москва платит 5 млрд рублей за базы в Беларуси.", "ru", "RUB"),
        ("Білорусь бідна. Москва платить 5 млрд рублів за бази в Білорусі.", "uk", "RUB"),
        ("Belarus is poor. Minsk paid 900 rubles to each family in Russia.", "en", "BYN"),
        ("Belarus is poor. In Russia a pension is 15,000 rubles.", "en", "RUB"),
        ("Russia is rich. In Belarus a pension is 500 rubles.", "en", "BYN"),
    ],
)
def test_a_bare_ruble_is_the_currency_of_who_pays_it_or_of_the_one_economy_its_sentence_names(
    text, language, unit
):
    found = the_quantity(text, language, "2020-05")
    assert found.unit == unit
    assert found.confidence < 0.9  # the text did not name the ruble


@pytest.mark.parametrize(
    ("text", "language", "number", "value_text"),
    [
        ('It pays "zero rubles and zero kopeks" for the bases.', "en", "0", "0"),
        ("A litre costs 3 dollars and 40 cents.", "en", "3.4", "3.40"),
        ("Литр стоит 5 рублей 20 копеек.", "ru", "5.2", "5,20"),
        ("Літр коштує 12 гривень 50 копійок.", "uk", "12.5", "12,50"),
    ],
)
def test_an_amount_with_its_hundredths_is_one_figure(text, language, number, value_text):
    found = the_quantity(text, language, "2020-05")
    assert (found.number, found.value_text) == (Decimal(number), value_text)
    assert found.written.endswith(("kopeks", "cents", "копеек", "копійок"))


# --------------------------------------------------------------------------------------------
# Percent and percentage points
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Prices rose 7.2% in May.", "en", "percent"),
        ("Prices rose 7.2 percent in May.", "en", "percent"),
        ("Prices rose 7.2 per cent in May.", "en", "percent"),
        ("The rate rose 0.75 percentage points.", "en", "percentage points"),
        ("The rate rose 0.75 pp.", "en", "percentage points"),
        ("Цены выросли на 7,2 процента.", "ru", "percent"),
        ("Цены выросли на 7 процентов.", "ru", "percent"),
        ("Ставка выросла на 0,75 п.п.", "ru", "percentage points"),
        ("Ставка выросла на 0,75 п. п.", "ru", "percentage points"),
        ("Ставка выросла на 2 процентных пункта.", "ru", "percentage points"),
        ("Ціни зросли на 7,2 відсотка.", "uk", "percent"),
        ("Ціни зросли на 7 відсотків.", "uk", "percent"),
        ("Ставка зросла на 0,75 в. п.", "uk", "percentage points"),
        ("Ставка зросла на 2 відсоткових пункти.", "uk", "percentage points"),
    ],
)
def test_percent_and_percentage_points_in_every_form(text, language, unit):
    found = the_quantity(text, language)
    assert found.unit == unit
    assert found.kind == ("points" if unit == "percentage points" else "percent")


@pytest.mark.parametrize(
    ("text", "language"),
    [("a deficit of 3% of GDP", "en"), ("дефицит в 3% ВВП", "ru"), ("дефіцит у 3% ВВП", "uk")],
)
def test_a_share_of_gdp_is_a_percentage_that_says_so(text, language):
    found = the_quantity(text, language)
    assert (found.unit, found.why) == ("percent", "percent of GDP")


@pytest.mark.parametrize(
    ("text", "language", "value_text", "percent"),
    [
        ("State firms produce almost half of the country's GDP.", "en", "1/2", "50"),
        ("Exports are a third of GDP.", "en", "1/3", "33.33"),
        ("Госпредприятия дают почти половину ВВП.", "ru", "1/2", "50"),
        ("Держпідприємства дають майже половину ВВП.", "uk", "1/2", "50"),
    ],
)
def test_a_fraction_of_gdp_is_a_percentage_of_it(text, language, value_text, percent):
    found = the_quantity(text, language)
    assert (found.value_text, found.unit) == (value_text, "percent")
    assert float(found.number) == pytest.approx(float(percent), abs=0.01)
    assert parse_value(found.value_text, "percent").value == pytest.approx(float(found.number))


# --------------------------------------------------------------------------------------------
# Physical units and prices per unit
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "unit", "scale"),
    [
        ("Shipments reached 250,000 tonnes.", "en", "tonnes", 1),
        ("Shipments reached 2.5 million metric tons.", "en", "tonnes", 10**6),
        ("Output was 310,000 barrels per day.", "en", "barrels per day", 1),
        ("Output was 310,000 b/d.", "en", "barrels per day", 1),
        ("Transit fell to 40 bcm.", "en", "cubic metres", 10**9),  # billion cubic metres
        ("Transit fell to 40 billion cubic meters.", "en", "cubic metres", 10**9),
        ("Поставки составили 320 тыс. т бензина.", "ru", "tonnes", 10**3),
        ("Поставки составили 3,2 млн тонн.", "ru", "tonnes", 10**6),
        ("Добыча — 1,1 млн баррелей в сутки.", "ru", "barrels per day", 10**6),
        ("Транзит упал до 40 млрд кубометров.", "ru", "cubic metres", 10**9),
        ("Транзит упал до 40 млрд куб. м.", "ru", "cubic metres", 10**9),
        ("Постачання склали 320 тис. т.", "uk", "tonnes", 10**3),
        ("Видобуток — 1,1 млн барелів на добу.", "uk", "barrels per day", 10**6),
        ("Транзит впав до 40 млрд кубометрів.", "uk", "cubic metres", 10**9),
    ],
)
def test_physical_units_tonnes_barrels_and_cubic_metres(text, language, unit, scale):
    found = the_quantity(text, language)
    assert (found.unit, found.kind, found.scale) == (unit, "physical", scale)


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Oil sold at $63 per barrel.", "en", "USD per barrel"),
        ("Oil sold at $63 a barrel.", "en", "USD per barrel"),
        ("Gas cost $185 per 1,000 cubic meters.", "en", "USD per thousand cubic metres"),
        ("Нефть продают по $7 за 1 т.", "ru", "USD per tonne"),
        ("Нефть продают по $7 за тонну.", "ru", "USD per tonne"),
        ("Газ стоит $185 за 1000 кубометров.", "ru", "USD per thousand cubic metres"),
        ("Нафту продають по $63 за барель.", "uk", "USD per barrel"),
        ("Газ коштує $185 за тис. кубометрів.", "uk", "USD per thousand cubic metres"),
        ("The rate was 3.2 Belarusian rubles per dollar.", "en", "BYN per USD"),
        ("Курс — 3,25 белорусского рубля за доллар.", "ru", "BYN per USD"),
        ("Курс — 3,25 білоруського рубля за долар.", "uk", "BYN per USD"),
    ],
)
def test_a_price_is_money_per_unit_and_its_second_numeral_is_part_of_it(text, language, unit):
    found = the_quantity(text, language, "2020-01")
    assert (found.unit, found.kind) == (unit, "amount")


def test_an_annual_amount_of_a_physical_unit_is_a_rate_per_year():
    found = the_quantity("They refine 9 million tons per year.", "en")
    assert (found.unit, found.why) == ("tonnes per year", "tonnes per year")
    assert the_quantity("Мощность — 12 млн тонн в год.", "ru").unit == "tonnes per year"
    assert the_quantity("Мощность — 12 млн т/год.", "ru").unit == "tonnes per year"
    assert the_quantity("Потужність — 12 млн тонн на рік.", "uk").unit == "tonnes per year"


# --------------------------------------------------------------------------------------------
# Multipliers and fractions
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "number", "written"),
    [
        ("Exports doubled in March.", "en", 2, "doubled"),
        ("Exports tripled in March.", "en", 3, "tripled"),
        ("Exports quadrupled in March.", "en", 4, "quadrupled"),
        ("A fivefold rise.", "en", 5, "fivefold"),
        ("Exports grew four times over.", "en", 4, "four times"),
        ("Exports grew 2.5 times.", "en", Decimal("2.5"), "2.5 times"),
        ("It is twice as large.", "en", 2, "twice"),
        ("Экспорт вырос вдвое.", "ru", 2, "вдвое"),
        ("Экспорт вырос вчетверо.", "ru", 4, "вчетверо"),
        ("Экспорт вырос в три раза.", "ru", 3, "в три раза"),
        ("Экспорт вырос в 1,5 раза.", "ru", Decimal("1.5"), "в 1,5 раза"),
        ("Экспорт удвоился.", "ru", 2, "удвоился"),
        ("Трехкратный рост экспорта.", "ru", 3, "Трехкратный"),
        ("Експорт зріс утричі.", "uk", 3, "утричі"),
        ("Експорт зріс вдвічі.", "uk", 2, "вдвічі"),
        ("Експорт зріс у два рази.", "uk", 2, "у два рази"),
        ("Експорт подвоївся.", "uk", 2, "подвоївся"),
    ],
)
def test_a_multiplier_is_a_number_of_times(text, language, number, written):
    found = the_quantity(text, language)
    assert (found.number, found.unit, found.kind) == (Decimal(number), "times", "multiplier")
    assert found.written == written
    assert parse_value(found.value_text, "times", language).value == float(number)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("They met three times a year.", "en"),
        ("He called twice.", "en"),
        ("Они встречались 3 раза в год.", "ru"),
        ("Вони зустрічалися два рази.", "uk"),
    ],
)
def test_how_often_something_happened_is_no_multiplier(text, language):
    assert quantities(text, language) == []
    assert [role for _, role in numerals(text, language)] == ["frequency"]


@pytest.mark.parametrize(
    ("text", "language", "fraction", "written"),
    [
        ("Belarus supplied ¾ of the diesel.", "en", "3/4", "¾"),
        ("Belarus supplied 3\u20444 of the diesel.", "en", "3/4", "3\u20444"),  # NFKC's "¾"
        ("Belarus supplied 2/3 of the diesel.", "en", "2/3", "2/3"),
        ("Belarus supplied half of the diesel.", "en", "1/2", "half"),
        ("Belarus supplied a third of the diesel.", "en", "1/3", "a third"),
        ("Belarus supplied one-third of the diesel.", "en", "1/3", "one-third"),
        ("Belarus supplied two-thirds of the diesel.", "en", "2/3", "two-thirds"),
        ("Belarus supplied three quarters of the diesel.", "en", "3/4", "three quarters"),
        ("Беларусь поставила половину дизеля.", "ru", "1/2", "половину"),
        ("Беларусь поставила треть дизеля.", "ru", "1/3", "треть"),
        ("Беларусь поставила две трети дизеля.", "ru", "2/3", "две трети"),
        ("Беларусь поставила три четверти дизеля.", "ru", "3/4", "три четверти"),
        ("Білорусь поставила половину дизелю.", "uk", "1/2", "половину"),
        ("Білорусь поставила третину дизелю.", "uk", "1/3", "третину"),
        ("Білорусь поставила три чверті дизелю.", "uk", "3/4", "три чверті"),
    ],
)
def test_a_fraction_is_written_a_over_b(text, language, fraction, written):
    found = the_quantity(text, language)
    assert (found.value_text, found.unit, found.kind) == (fraction, "fraction", "fraction")
    assert found.written == written
    numerator, denominator = fraction.split("/")
    assert found.number == Decimal(numerator) / Decimal(denominator)


@pytest.mark.parametrize(
    ("text", "language", "role"),
    [
        ("Growth slowed in the first half of the year.", "en", "period"),
        ("Рост замедлился в первой половине года.", "ru", "period"),
        ("Зростання сповільнилося в першій половині року.", "uk", "period"),
        ("The third round failed.", "en", "ordinal"),
        ("Это длилось четверть века.", "ru", "duration"),
    ],
)
def test_half_quarter_and_third_as_parts_of_time_or_ordinals_are_no_fractions(text, language, role):
    assert quantities(text, language) == []
    assert [found_role for _, found_role in numerals(text, language)] == [role]


# --------------------------------------------------------------------------------------------
# Numbers in words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "language", "number", "scale", "taken"),
    [
        ("two hundred and five tanks", "en", 205, 1, 4),
        ("ninety-nine", "en", 99, 1, 2),
        ("three thousand five hundred", "en", 3500, 1, 4),
        ("двадцать пять миллионов триста тысяч рублей", "ru", 25300, 10**3, 5),
        ("двухсот сорока семи", "ru", 247, 1, 3),
        ("п'ятдесятьох двох", "uk", 52, 1, 2),
        ("двісті тисяч", "uk", 200, 10**3, 2),
        ("пять двадцать", "ru", 5, 1, 1),  # a ten never follows a unit: two numerals
    ],
)
def test_cardinals_in_words_combine_as_their_language_combines_them(
    words, language, number, scale, taken
):
    parts = re.split(r"[\s-]+", words)
    read_words = word_numeral(parts, language)
    assert read_words is not None
    assert (read_words.number, read_words.scale, read_words.words) == (
        Decimal(number),
        scale,
        taken,
    )


@pytest.mark.parametrize(
    ("text", "language", "number", "unit", "value_text"),
    [
        ("Thirty-one percent of voters agreed.", "en", 31, "percent", "31"),
        ("Some twelve thousand people came.", "en", 12, "persons", "12 thousand"),
        ("A five-billion-dollar loan.", "en", 5, "USD", "5 billion"),
        ("Сорок два процента опрошенных согласны.", "ru", 42, "percent", "42"),
        ("Пришли двести пятьдесят человек.", "ru", 250, "persons", "250"),
        ("Выделено двадцать пять миллионов долларов.", "ru", 25, "USD", "25 млн"),
        ("Объем в пять миллиардов долларов.", "ru", 5, "USD", "5 млрд"),
        ("Сорок два відсотки опитаних згодні.", "uk", 42, "percent", "42"),
        ("Прийшли двісті п'ятдесят осіб.", "uk", 250, "persons", "250"),
        ("Виділено п'ятдесят мільйонів гривень.", "uk", 50, "UAH", "50 млн"),
    ],
)
def test_numbers_in_words_are_read_and_written_in_digits(text, language, number, unit, value_text):
    found = the_quantity(text, language)
    assert (found.number, found.unit, found.value_text) == (Decimal(number), unit, value_text)


@pytest.mark.parametrize(
    ("text", "language", "number", "scale", "unit"),
    [
        ("вернуться к пятимиллиардному обороту", "ru", 5, 10**9, ""),
        ("двухпроцентный рост цен", "ru", 2, 1, "percent"),
        ("повернутися до п'ятимільярдного обороту", "uk", 5, 10**9, ""),
        ("дворазове зростання", "uk", 2, 1, "times"),
    ],
)
def test_adjectives_built_on_numbers_are_quantities(text, language, number, scale, unit):
    found = the_quantity(text, language)
    assert (found.number, found.scale, found.unit) == (Decimal(number), scale, unit)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Belarus is one of the largest suppliers.", "en"),
        ("On the one hand, trade grew.", "en"),
        ("Trade between the two countries grew.", "en"),
        ("Беларусь — один из крупнейших поставщиков.", "ru"),
        ("С одной стороны, торговля выросла.", "ru"),
        ("Білорусь — один з найбільших постачальників.", "uk"),
        ("З одного боку, торгівля зросла.", "uk"),
        ("Товарооборот между двумя странами вырос.", "ru"),  # the pair the text is about
        ("Товарообіг між двома країнами зріс.", "uk"),
        ("Belarus Prepares for Two Elections", "en"),  # a name or title
        ("Thousands of people and тысячи людей came.", "en"),  # no definite number
        ("a one-sided dependence", "en"),  # an idiom: no numeral at all
    ],
)
def test_number_words_that_count_nothing_are_no_quantities(text, language):
    assert quantities(text, language) == []


# --------------------------------------------------------------------------------------------
# Ranges and units shared between figures
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "low", "high", "scale", "unit"),
    [
        ("Premiums of $4–9 per barrel.", "en", 4, 9, 1, "USD per barrel"),
        ("Losses of $2–4 billion a year.", "en", 2, 4, 10**9, "USD"),
        ("Inflation of 6-8%.", "en", 6, 8, 1, "percent"),
        ("Inflation from 6 to 8 percent.", "en", 6, 8, 1, "percent"),
        ("Inflation of between 6 and 8 percent.", "en", 6, 8, 1, "percent"),
        ("Премия составляла $4–9 за 1 т.", "ru", 4, 9, 1, "USD per tonne"),
        ("Инфляция от 6 до 8%.", "ru", 6, 8, 1, "percent"),
        ("Потери — $2–4 млрд в год.", "ru", 2, 4, 10**9, "USD"),
        ("Інфляція від 6 до 8 відсотків.", "uk", 6, 8, 1, "percent"),
    ],
)
def test_a_range_is_one_quantity_with_two_ends(text, language, low, high, scale, unit):
    found = the_quantity(text, language)
    assert (found.number, found.low, found.high) == (None, Decimal(low), Decimal(high))
    assert (found.scale, found.unit) == (scale, unit)
    assert found.low_text is not None and found.high_text is not None
    assert parse_value(found.low_text, unit, language).value == low * scale
    assert parse_value(found.high_text, unit, language).value == high * scale


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Inflation rose from 6 to 8 percent.", "en"),
        ("Инфляция выросла с 6 до 8%.", "ru"),
        ("Інфляція зросла з 6 до 8%.", "uk"),
    ],
)
def test_a_change_from_one_level_to_another_is_two_figures_sharing_a_unit(text, language):
    first, second = quantities(text, language)
    assert (first.number, second.number) == (6, 8)
    assert first.unit == second.unit == "percent"


def test_a_unit_left_out_in_a_list_is_carried_from_the_figure_before():
    text = "Some 41 percent backed it, 38 opposed it, and 21 did not answer."
    found = quantities(text, "en")
    assert [(q.number, q.unit) for q in found] == [
        (41, "percent"),
        (38, "percent"),
        (21, "percent"),
    ]
    assert found[1].confidence < found[0].confidence
    ru = quantities("Экспорт вырос на 12%, импорт — на 7.", "ru")
    assert [(q.number, q.unit) for q in ru] == [(12, "percent"), (7, "percent")]


def test_a_noun_after_a_bare_number_in_a_list_keeps_it_from_taking_the_unit():
    found = quantities("Prices rose 5%, and 3 bakeries closed.", "en")
    assert [(q.number, q.unit) for q in found] == [(5, "percent"), (3, "")]
    found = quantities("Prices rose 5%, and 3 of the bakeries closed.", "en")
    assert [(q.number, q.unit) for q in found] == [(5, "percent"), (3, "")]


# --------------------------------------------------------------------------------------------
# Counts and ranks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("About 1,200 workers were laid off.", "en", "persons"),
        ("Около 1200 человек уволены.", "ru", "persons"),
        ("Близько 1200 осіб звільнено.", "uk", "persons"),
        ("The group owns 14 refineries.", "en", "count"),
        ("Работают 14 предприятий.", "ru", "count"),
        ("Працюють 14 підприємств.", "uk", "count"),
    ],
)
def test_a_count_names_what_it_counts(text, language, unit):
    found = the_quantity(text, language)
    assert (found.unit, found.kind) == (unit, "count")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukraine is the second largest market.", "en"),
        ("Ukraine is the 2nd largest market.", "en"),
        ("Украина на 2-м месте среди рынков.", "ru"),
        ("Украина — второй по величине рынок.", "ru"),
    ],
)
def test_an_ordinal_before_a_rank_word_is_a_rank(text, language):
    found = the_quantity(text, language)
    assert (found.number, found.unit, found.kind) == (2, "rank", "rank")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("For Belarus, Ukraine is a second export market.", "en"),
        ("Ukraine is its second-largest trading partner.", "en"),
        ("Ukraine is its 2nd-largest trading partner.", "en"),
        ("Украина стала вторым торговым партнером Беларуси.", "ru"),
        ("Україна стала другим торговельним партнером Білорусі.", "uk"),
    ],
)
def test_an_ordinal_before_the_market_or_partner_it_ranks_is_a_rank(text, language):
    found = the_quantity(text, language)
    assert (found.number, found.unit, found.kind) == (2, "rank", "rank")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He began a second term in office.", "en"),
        ("The West wants a second Ukraine.", "en"),
        ("Україна продає другим торговельним партнерам.", "uk"),  # "to other partners"
    ],
)
def test_an_ordinal_or_other_that_ranks_no_market_is_no_rank(text, language):
    assert quantities(text, language) == []


def test_a_third_before_the_market_it_ranks_is_a_rank_not_a_fraction():
    found = the_quantity("Ukraine became a third export market.", "en")
    assert (found.number, found.unit) == (3, "rank")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The chamber has 110 deputies.", "en"),
        ("The party won 12 MPs.", "en"),
        ("В палате 110 депутатов.", "ru"),
        ("Партия получила 12 мандатов.", "ru"),
        ("У палаті 110 депутатів.", "uk"),
    ],
)
def test_deputies_and_mandates_are_a_count_of_seats_not_of_persons(text, language):
    found = the_quantity(text, language)
    assert (found.unit, found.kind) == ("count", "count")


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Only 5 out of 110 deputies were elected.", "en", "count"),
        ("Only 3 of 10 respondents agreed.", "en", "persons"),
        ("Только 5 из 110 депутатов избраны.", "ru", "count"),
        ("Лише 5 з 110 депутатів обрано.", "uk", "count"),
    ],
)
def test_a_part_counts_what_the_whole_after_it_counts(text, language, unit):
    part, whole = quantities(text, language)
    assert (part.unit, whole.unit) == (unit, unit)
    assert part.number < whole.number
    assert part.written in ("5", "3")  # the whole is a figure of its own


@pytest.mark.parametrize(
    ("text", "language", "number"),
    [
        ("The staff at the embassy is reduced to five and the rest left.", "en", "5"),
        ("The population fell to 9.2 million in 2020.", "en", "9200000"),
        ("Штат посольства сократили до пяти.", "ru", "5"),
        ("Численность персонала — 300, как и год назад.", "ru", "300"),
        ("Штат посольства скоротили до п'яти.", "uk", "5"),
    ],
)
def test_a_number_that_names_nothing_counts_the_people_its_clause_speaks_of(text, language, number):
    found = the_quantity(text, language)
    assert (found.unit, found.kind) == ("persons", "count")
    assert value(found) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Staff costs rose to 5 million.", "en"),  # the people's costs, not the people
        ("The staff at the embassy runs five plants.", "en"),  # a noun after it: plants
        ("The embassy's budget was cut to 5 million.", "en"),  # no people
    ],
)
def test_a_number_is_no_count_of_people_when_its_clause_counts_something_else(text, language):
    assert the_quantity(text, language).unit != "persons"


# --------------------------------------------------------------------------------------------
# Numerals that are no quantity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Trade fell in 2015 and 2016.", "en", [("2015", "year"), ("2016", "year")]),
        ("The 2019 elections.", "en", [("2019", "year")]),
        ("Торговля упала в 2015 году.", "ru", [("2015 году", "year")]),
        ("В 2014–2015 гг. торговля упала.", "ru", [("2014–2015 гг.", "year")]),
        ("Торгівля впала у 2015 році.", "uk", [("2015 році", "year")]),
        ("In the 1990s and the '90s.", "en", [("1990s", "year"), ("90s", "year")]),
        ("В 90-е годы.", "ru", [("90-е", "year")]),
        ("On 1 January 2016 it began.", "en", [("1 January 2016", "date")]),
        ("On January 25th it began.", "en", [("25th", "date")]),
        ("С 1 июля 2016 года это началось.", "ru", [("1 июля 2016 года", "date")]),
        ("З 1 липня 2016 року це почалося.", "uk", [("1 липня 2016 року", "date")]),
        ("Дата: 25.01.2013, и 2023-06-30.", "ru", [("25.01.2013", "date"), ("2023-06-30", "date")]),
        ("At 14:35 the session opened.", "en", [("14:35", "time")]),
        ("It was the 3rd attempt.", "en", [("3rd", "ordinal")]),
        ("Это 1-й случай и 3-го числа.", "ru", [("1-й", "ordinal"), ("3-го", "ordinal")]),
        ("Growth in the first quarter.", "en", [("first quarter", "period")]),
        ("Рост в первом квартале.", "ru", [("первом квартале", "period")]),
        ("Data for Q1 and H2.", "en", [("1", "period"), ("2", "period")]),
    ],
)
def test_years_dates_times_ordinals_and_periods_are_numerals_not_quantities(
    text, language, expected
):
    assert quantities(text, language) == []
    assert numerals(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Inflation over 12 months.", "en", [("12 months", "duration")]),
        ("It lasted two years.", "en", [("two years", "duration")]),
        ("a five-year plan", "en", [("five-year", "duration")]),
        ("Инфляция за 6 месяцев.", "ru", [("6 месяцев", "duration")]),
        ("Пятилетний план.", "ru", [("Пятилетний", "duration")]),
        ("Інфляція за 10 місяців.", "uk", [("10 місяців", "duration")]),
        ("П'ятирічний план.", "uk", [("П'ятирічний", "duration")]),
    ],
)
def test_lengths_of_time_are_numerals_read_with_the_period(text, language, expected):
    assert quantities(text, language) == []
    assert numerals(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The А-95 group and T-72 tanks.", "en", [("95", "name"), ("72", "name")]),
        ("COVID-19 and the G7.", "en", [("19", "name"), ("7", "name")]),
        ("Истребители Су-30.", "ru", [("30", "name")]),
        ("By Anna Petrova (42 Articles)", "en", [("42 Articles)", "page furniture")]),
        ("5 min read", "en", [("5 min read", "page furniture")]),
        ("as shown [7] before", "en", [("7", "page furniture")]),
        ("see pp. 12–14 and No. 8 (257)", "en", [("12–14", "reference"), ("8 (257)", "reference")]),
        ("Статья 5 закона.", "ru", [("5", "reference")]),
        ("\n1. Trade fell.\n2) Prices rose.", "en", [("1", "list number"), ("2", "list number")]),
        ("See https://example.org/news/48213 here.", "en", [("48213", "name")]),
    ],
)
def test_names_codes_page_furniture_and_list_numbers_are_numerals(text, language, expected):
    assert quantities(text, language) == []
    assert numerals(text, language) == expected


# --------------------------------------------------------------------------------------------
# What every reading promises
# --------------------------------------------------------------------------------------------

SENTENCES = {
    "en": (
        "On 3 March 2021 the ministry said exports rose 12.5% to $4.1bn, or USD 310 million "
        "more than in 2020, while imports fell by a third to 2,150.4 million dollars. Debt "
        "stood at Br18.2 billion; 1.4 million tonnes and 95,000 barrels per day were shipped "
        "at $61 a barrel. Thirty-four percent agreed, 51 disagreed. Output doubled within "
        "12 months, the second largest gain since the 1990s (see p. 4)."
    ),
    "ru": (
        "По данным на 1 апреля 2022 года, экспорт вырос на 12,5% до $4,1 млрд, импорт — "
        "до 2 млрд 150 млн долларов, долг составил 18,2 млрд белорусских рублей, поставлено "
        "1,4 млн т и 95 тыс. баррелей в сутки по $61 за баррель. Сорок три процента "
        "согласны; торговля выросла втрое за 12 месяцев, в 1,5 раза за год, до 2/3 рынка."
    ),
    "uk": (
        "Станом на 1 квітня 2022 року експорт зріс на 12,5% до $4,1 млрд, імпорт — до "
        "2 млрд 150 млн доларів, борг сягнув 18,2 млрд білоруських рублів, поставлено "
        "1,4 млн т і 95 тис. барелів на добу по $61 за барель. Сорок три відсотки згодні; "
        "торгівля зросла втричі за 12 місяців, у 1,5 раза за рік, до двох третин ринку."
    ),
}


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_numeral_lies_in_exactly_one_reading_in_text_order(language):
    text = SENTENCES[language]
    items = read(text, language, "2022-05")
    assert [item.start for item in items] == sorted(item.start for item in items)
    for first, second in itertools.pairwise(items):
        assert first.end <= second.start, (first, second)
    for item in items:
        assert text[item.start : item.end] == item.written
    for digits in re.finditer(r"\d+", text):
        owners = [i for i in items if i.start <= digits.start() and digits.end() <= i.end]
        assert len(owners) == 1, digits.group()


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_every_value_text_reads_back_to_the_number_times_its_scale(language):
    for found in quantities(SENTENCES[language], language, "2022-05"):
        if found.number is None:
            continue
        unit = found.unit or "count"
        parsed = parse_value(found.value_text, "fraction" if unit == "fraction" else unit, language)
        assert parsed.value == pytest.approx(float(value(found))), found


@pytest.mark.parametrize("language", ["en", "ru", "uk"])
def test_each_quantity_spans_its_numeral_and_explains_itself(language):
    for found in quantities(SENTENCES[language], language, "2022-05"):
        assert found.start <= found.number_start < found.number_end <= found.end
        assert 0 < found.confidence <= 1
        assert found.why


def test_reading_a_text_does_work_in_proportion_to_its_length():
    """Four times the text: four times the readings and about four times the work, counted
    (tests/work_count.py), not timed: every rule reads a bounded window around its numeral."""
    import etl.intake.grammar.numerals
    import etl.intake.grammar.quantities

    def work(copies: int, language: str):
        text = (SENTENCES[language] + "\n") * copies
        with counted(etl.intake.grammar.quantities, etl.intake.grammar.numerals) as counts:
            items = read(text, language, "2022-05")
        return items, counts

    for language in ("en", "ru"):
        small, small_work = work(10, language)
        large, large_work = work(40, language)
        assert len(large) == 4 * len(small)
        assert large_work.regex_chars <= 4.5 * small_work.regex_chars, (large_work, small_work)
        assert large_work.lines <= 4.5 * small_work.lines, (large_work, small_work)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Экспорт составил 4 млрд 667,1 млн долларов.", "ru", "4667,1 млн"),
        ("Експорт склав 2 млрд 148,1 млн доларів.", "uk", "2148,1 млн"),
        ("Exports came to 3 billion 804.4 million dollars.", "en", "3804.4 million"),
    ],
)
def test_a_compound_amount_may_end_in_a_decimal_part(text, language, value):
    found = the_quantity(text, language)
    assert (found.value_text, found.unit, found.kind) == (value, "USD", "amount")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Импорт вырос на 31,5 проц. за полгода.", "ru"),
        ("Импорт вырос на 31,5 проц за полгода.", "ru"),
        ("Імпорт зріс на 31,5 відс. за півроку.", "uk"),
    ],
)
def test_a_news_agencys_abbreviation_of_percent_is_percent(text, language):
    found = the_quantity(text, language)
    assert (found.value_text, found.unit) == ("31,5", "percent")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The study takes 17 m. to read.", "en"),
        ("Статья: 7 мин. чтения.", "ru"),
        ("Стаття: 7 хв. читання.", "uk"),
    ],
)
def test_a_reading_time_is_page_furniture(text, language):
    assert [role for _, role in numerals(text, language)] == ["page furniture"]
