"""A new document as the intake meets it: what it says about itself, which of its lines are the
page around the text, which files it refuses and why, and the curator's path from proposal to
build with several drafts open.

Every document here is written for these tests, in English, Russian and Ukrainian: pages with
titles, bylines, timestamps, datelines, credit lines and captions; HTML with meta tags; a PDF
with an information dictionary; the same sentences in other encodings; files that are no text.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from etl.__main__ import main
from etl.intake.commands import propose_file, proposed_id
from etl.intake.documents import IntakeError, decode, read_document
from etl.intake.header import credits_in, dateline_in, is_furniture_line, read_header
from etl.intake.review import accept, describe
from etl.intake.structure import Layout
from etl.load import CURATED_DIR, load_curated

REPO = Path(__file__).resolve().parent.parent

EN_PAGE = """en ru ua

Belarus raises potash exports to China, Reuters reports

By Jane Doe (79 Articles)
12:30, 07.10.2025
4 min read
Share

KYIV, Oct 7 (Reuters) - Belarus shipped 1.3 million tonnes of potash to China in September, \
up 18% on August, Reuters reports. Exports by rail reached 600,000 tonnes, the ministry told \
BelTA.

Photo: Reuters/Jane Doe

The rest went by sea through Russian ports. The ministry said that prices were stable and that \
the new contracts run for two years.
"""

RU_PAGE = """Экономика

Экспорт калийных удобрений в Китай вырос на 18%

12 января 2024, 14:05
Автор: Иван Петров
Время чтения: 3 мин.
Поделиться

МИНСК, 12 января — Экспорт калийных удобрений из Беларуси в Китай в 2023 году вырос на 18% \
и составил 9,5 млн тонн, передает БЕЛТА. Поставки по железной дороге увеличились до 600 тыс. \
тонн.

Фото: БЕЛТА

Остальные объемы прошли через российские порты. Министерство рассчитывает, что в следующем \
году поставки будут расти и дальше, сообщили в министерстве экономики.
"""

UK_PAGE = """ua ru en
Білорусь скоротила імпорт пального з Литви на 20%
07.10.2025, 12:30
Автор: Олена Коваль
Поділитися

КИЇВ, 7 жовтня — Імпорт пального до Білорусі з Литви за дев'ять місяців скоротився на 20% і \
становив 1,2 млн тонн, повідомляє «УНІАН». Поставки з Польщі зросли до 300 тис. тонн.

Ілюстративне фото: Getty Images

Уряд очікує, що в наступному році імпорт скоротиться ще більше, зазначили в міністерстві \
економіки країни.
"""

MEMO = """Oil Notes on Belarus and Russia

Example Institute Policy Memo No. 12, March 2019

  • Anna Example

Oil Supply

In 2017, bilateral trade reached only $4.1 billion as compared with $6.2 billion in 2012. The
Russian contingent numbered between 10,000 and 12,000 men in 2018, and this is what the study
of the two economies and their ties has found over the years.
"""


def _write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _curated_copy(tmp_path: Path) -> Path:
    curated = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, curated)
    return curated


def _nothing_written(curated: Path, tmp_path: Path) -> bool:
    sources = sorted(p.name for p in (curated / "sources").iterdir())
    originals = sorted(p.name for p in (CURATED_DIR / "sources").iterdir())
    return sources == originals and not (tmp_path / "texts").exists()


def _propose(tmp_path: Path, curated: Path, document: Path, *extra: str) -> int:
    command = ["--curated", str(curated), "propose", str(document)]
    return main([*command, "--save-text", str(tmp_path / "texts"), *extra])


@pytest.fixture(autouse=True)
def _the_repository_is_left_as_it_was():
    """No test here writes into the repository's curated files or its saved texts."""
    texts = REPO / "datasets" / "texts"

    def listing() -> tuple[list[str], list[str]]:
        saved = sorted(p.name for p in texts.iterdir()) if texts.is_dir() else []
        return sorted(p.name for p in (CURATED_DIR / "sources").iterdir()), saved

    before = listing()
    yield
    assert listing() == before


# --- what a document says about itself ------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "title", "date", "authors", "credits", "dateline"),
    [
        (
            EN_PAGE,
            "Belarus raises potash exports to China, Reuters reports",
            "2025-10-07",
            ("Jane Doe",),
            ("Reuters", "BelTA"),
            "KYIV, Oct 7 (Reuters)",
        ),
        (
            RU_PAGE,
            "Экспорт калийных удобрений в Китай вырос на 18%",
            "2024-01-12",
            ("Иван Петров",),
            ("БЕЛТА",),
            "МИНСК, 12 января",
        ),
        (
            UK_PAGE,
            "Білорусь скоротила імпорт пального з Литви на 20%",
            "2025-10-07",
            ("Олена Коваль",),
            ("УНІАН",),
            "КИЇВ, 7 жовтня",
        ),
    ],
    ids=["en", "ru", "uk"],
)
def test_a_copied_page_gives_its_title_date_and_author_and_names_its_credits_and_dateline(
    page, title, date, authors, credits, dateline
):
    meta = read_header(page)
    assert meta.title == title
    assert meta.date == date
    assert meta.authors == authors
    assert meta.credits == credits
    assert meta.dateline == dateline


@pytest.mark.parametrize("page", [EN_PAGE, RU_PAGE, UK_PAGE], ids=["en", "ru", "uk"])
def test_an_agency_credited_or_named_in_a_dateline_is_never_the_publisher_or_an_author(page):
    meta = read_header(page + "\nSource: BELTA\n")
    credited = {name.lower() for name in meta.credits}
    assert "belta" in credited
    assert meta.publisher is None
    assert not credited & {author.lower() for author in meta.authors}


def test_a_date_in_the_title_dates_what_it_reports_not_the_document():
    text = "Belarus GDP grows for the first time since February 2022\n\n" + EN_PAGE.split("\n\n")[3]
    assert read_header(text).date is None


def test_a_copyright_line_names_the_publisher():
    meta = read_header("© 2024 Example Herald. All rights reserved.\n\n" + EN_PAGE)
    assert meta.publisher == "Example Herald"


@pytest.mark.parametrize(
    ("line", "printed", "agency"),
    [
        (
            "MINSK. KAZINFORM As of 1 January the debt was $12 billion.",
            "MINSK. KAZINFORM",
            "KAZINFORM",
        ),
        ("МИНСК, 12 января — Экспорт вырос на 5%.", "МИНСК, 12 января", None),
        ("КИЇВ, 7 жовтня — Імпорт скоротився на 20%.", "КИЇВ, 7 жовтня", None),
        ("LONDON (Reuters) — Oil rose 2% on Monday.", "LONDON (Reuters)", "Reuters"),
        ("April 12, BPN. Thirty percent of respondents agreed.", "April 12, BPN.", "BPN"),
        (
            "МОСКВА, 5 мар — РИА Новости. Цены выросли.",
            "МОСКВА, 5 мар — РИА Новости.",
            "РИА Новости",
        ),
    ],
)
def test_a_dateline_is_read_with_its_agency(line, printed, agency):
    found = dateline_in(line)
    assert found is not None and (found.text, found.agency) == (printed, agency)


@pytest.mark.parametrize(
    "line",
    [
        "Экспорт — главная статья доходов страны.",
        "ВВП — ключевой показатель.",
        "Belarus reported a surplus of $1 billion in May.",
        "In 2017, trade reached $4.1 billion.",
    ],
)
def test_a_sentence_opening_with_a_name_and_a_dash_is_no_dateline(line):
    assert dateline_in(line) is None


@pytest.mark.parametrize(
    ("line", "agencies"),
    [
        ("Сальдо увеличилось до $1 млрд, передает БЕЛТА.", ["БЕЛТА"]),
        ("Інфляція склала 89%, повідомляє «УНІАН».", ["УНІАН"]),
        ("Exports quadrupled in September, Reuters reports", ["Reuters"]),
        ("Это следует из данных Белстата.", ["Белстата"]),
        ("Source: BELTA", ["BELTA"]),
        ("Belarus reported a surplus of $1 billion.", []),
        ("according to Russian customs data, imports fell", []),
        ("Exports went via Poland and Lithuania.", []),
    ],
)
def test_credit_lines_name_the_agency_a_report_comes_from_in_three_languages(line, agencies):
    assert credits_in(line) == agencies


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Anna Example", True),
        ("Олена Коваль", True),
        ("Anna van Example", True),
        ("A. Example", True),
        ("БЕЛТА", False),
        ("Reuters", False),
        ("Minsk Herald Newsroom", False),
        ("Редакция сайта", False),
    ],
)
def test_a_person_is_told_from_an_outlet_an_agency_or_a_newsroom(name, person):
    from etl.intake.header import is_person

    assert is_person(name) is person


# --- page furniture -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "ua en ru",
        "Share",
        "Facebook Twitter Telegram",
        "Поделиться",
        "Поділитися",
        "By Jane Doe (79 Articles)",
        "Автор: Иван Петров",
        "12:30, 07.10.2025",
        "12 января 2024, 14:05",
        "Published: October 7, 2025",
        "3 hours ago",
        "5 min read",
        "Время чтения: 3 мин.",
        "Просмотров: 1234",
        "Фото: БЕЛТА",
        "Ілюстративне фото: Getty Images",
        "Читайте также: Экспорт вырос на 20%",
        "Read also: Exports rose 20% in May",
        "© 2024 Example Herald. All rights reserved.",
        "Home / News / Economy",
        "Page 3 of 50",
        "Source: BELTA",
    ],
)
def test_lines_of_page_furniture_are_recognised(line):
    assert is_furniture_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Belarus raises potash exports to China",
        "In 2017, trade reached $4.1 billion.",
        "Экспорт вырос на 18% и составил 9,5 млн тонн.",
        "2019",
        "She improved the country's image - and exports rose 5%.",
    ],
)
def test_titles_headings_and_sentences_are_not_furniture(line):
    assert not is_furniture_line(line)


@pytest.mark.parametrize(
    ("page", "furniture", "figures"),
    [
        (
            EN_PAGE,
            ["79", "12:30", "07.10.2025", "4 min", "Oct 7"],
            ["1.3 million", "18%", "600,000"],
        ),
        (RU_PAGE, ["14:05", "3 мин", "12 января —"], ["18%", "9,5 млн", "600 тыс"]),
        (UK_PAGE, ["12:30", "07.10.2025", "7 жовтня"], ["20%", "1,2 млн", "300 тис"]),
    ],
    ids=["en", "ru", "uk"],
)
def test_numbers_in_page_furniture_are_marked_and_figures_of_the_text_are_not(
    page, furniture, figures
):
    layout = Layout.of(page)
    for number in furniture:
        assert layout.furniture_at(layout.canonical.index(number)) is not None, number
    for number in figures:
        assert layout.furniture_at(layout.canonical.index(number)) is None, number


def test_a_caption_glued_to_a_headline_is_furniture_to_its_end_and_the_headline_is_not():
    line = "Belarus doubles fuel exports Illustrative photo: a refinery near Minsk (Getty Images)"
    layout = Layout.of(line + "\n\nBelarus doubled fuel exports in May, the ministry said.\n")
    caption = layout.canonical.index("Illustrative photo")
    assert layout.furniture_at(caption) == (caption, caption + len(line[caption:]))
    assert layout.furniture_at(layout.canonical.index("doubles")) is None


def test_a_caption_is_no_section_heading_for_the_figures_after_it():
    page = "Potash Exports\n\nExports rose 5% in May.\n\nФото: БЕЛТА\n\nImports fell 3% in May.\n"
    layout = Layout.of(page)
    assert layout.locator(layout.canonical.index("3%")) == "Potash Exports"


def test_a_running_header_repeated_through_the_text_is_furniture():
    page = "Oil Notes 2019 | Example Institute\n\nTrade rose by 5% in May, the ministry said.\n\n"
    layout = Layout.of(page * 4)
    headers = [m.start() for m in re.finditer("Oil Notes 2019", layout.canonical)]
    assert len(headers) == 4 and all(layout.furniture_at(h) for h in headers)
    assert layout.furniture_at(layout.canonical.index("5%")) is None


def test_marking_furniture_reads_each_line_once_so_its_work_grows_linearly():
    """Four times the text, about four times the work (counted, not timed: tests/work_count)."""
    import work_count

    from etl.intake import header

    def work(copies: int):
        with work_count.counted(header) as counted:
            Layout.of(EN_PAGE + RU_PAGE * copies)
        return counted

    small, large = work(10), work(40)
    assert large.regex_chars <= 4.5 * small.regex_chars, (large, small)
    assert large.lines <= 4.5 * small.lines, (large, small)


# --- HTML and PDF ---------------------------------------------------------------------------

HTML = """<html lang="ru"><head><meta charset="{charset}">
<title>Экспорт удобрений вырос на 15% | Новости Минска</title>
<meta property="og:site_name" content="Новости Минска">
<meta name="author" content="Иван Петров, БЕЛТА">
<meta property="article:published_time" content="2024-01-12T14:05:00+03:00">
<link rel="canonical" href="https://news.example.by/economy/123.html">
</head><body><nav>Главная | Новости | Контакты</nav><article>
<h1>Экспорт удобрений вырос на 15%</h1>
<p>МИНСК, 12 января — Экспорт калийных удобрений из Беларуси в 2023 году увеличился на 15% и
составил 12 млн тонн, передает БЕЛТА. Это больше, чем годом ранее, когда экспорт снизился.</p>
<p>Фото: БЕЛТА</p>
<p>Импорт при этом сократился на 3%, до 1,2 млрд долларов, сообщили в министерстве экономики
страны. Министерство ожидает, что в следующем году поставки вырастут.</p>
</article></body></html>"""


def test_an_html_page_gives_title_outlet_date_address_and_authors_and_an_agency_is_no_author(
    tmp_path,
):
    document = read_document(_write(tmp_path, "page.html", HTML.format(charset="utf-8")))
    meta = document.metadata
    assert (document.kind, document.language) == ("html", "ru")
    assert meta.title == "Экспорт удобрений вырос на 15%"  # without " | Новости Минска"
    assert (meta.publisher, meta.date) == ("Новости Минска", "2024-01-12")
    assert meta.url == "https://news.example.by/economy/123.html"
    assert meta.authors == ("Иван Петров",)
    assert any("'БЕЛТА'" in note for note in document.notes)
    assert any("credits БЕЛТА" in note for note in document.notes)


def test_an_html_page_in_the_charset_it_declares_is_read_in_it(tmp_path):
    page = HTML.format(charset="windows-1251").encode("cp1251")
    document = read_document(_write(tmp_path, "page.html", page))
    assert "увеличился на 15%" in document.text
    assert document.encoding is not None and document.encoding.name == "CP1251"
    assert "declared" in document.encoding.how


def _pdf(title: str, created: datetime | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("Anna Example; Boris Sample")
    if created:
        pdf.set_creation_date(created)
    pdf.set_xmp_metadata(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:publisher><rdf:Bag>'
        "<rdf:li>Example Institute</rdf:li></rdf:Bag></dc:publisher></rdf:Description>"
        "</rdf:RDF></x:xmpmeta>"
    )
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, MEMO.replace("•", "-").replace("$", "USD "))
    return bytes(pdf.output())


def test_a_pdf_gives_authors_and_publisher_from_its_metadata_and_its_creation_date_with_a_caution(
    tmp_path,
):
    created = datetime(2019, 3, 4, tzinfo=UTC)
    meta = read_document(_write(tmp_path, "memo.pdf", _pdf("Oil Notes", created))).metadata
    assert meta.title == "Oil Notes"
    assert meta.authors == ("Anna Example", "Boris Sample")
    assert meta.publisher == "Example Institute"
    assert meta.date == "2019-03-04" and "creation date" in meta.origin["date"]


def test_a_pdf_title_its_software_wrote_gives_way_to_the_title_in_its_text(tmp_path):
    path = _write(tmp_path, "memo.pdf", _pdf("Microsoft Word - memo.docx"))
    assert read_document(path).metadata.title == "Oil Notes on Belarus and Russia"


def test_with_a_date_given_a_pdf_creation_date_dates_nothing(tmp_path):
    created = datetime(2025, 6, 1, tzinfo=UTC)
    path = _write(tmp_path, "memo.pdf", _pdf("Oil Notes", created))
    curated = _curated_copy(tmp_path)
    texts = tmp_path / "texts"
    propose_file(path, curated, source_id="oil-notes", texts_dir=texts, date="2019-03/2019-04")
    record = yaml.safe_load((curated / "sources" / "oil-notes.yaml").read_text("utf-8"))["source"]
    assert "published" not in record and record["written"] == "2019-03/2019-04"


# --- the document's language ----------------------------------------------------------------

GERMAN = (
    "Die Ausfuhren von Kalidünger nach China stiegen im September um 18 Prozent, teilte das "
    "Ministerium mit. Der Rest ging über russische Häfen, und die Preise blieben stabil, "
    "während die neuen Verträge zwei Jahre laufen sollen und weitere Lieferungen geplant sind."
)
GREEK = (
    "Οι εξαγωγές λιπασμάτων προς την Κίνα αυξήθηκαν κατά 18 τοις εκατό τον Σεπτέμβριο, "
    "ανακοίνωσε το υπουργείο. Το υπόλοιπο πέρασε από ρωσικά λιμάνια και οι τιμές έμειναν "
    "σταθερές, ενώ τα νέα συμβόλαια διαρκούν δύο χρόνια και σχεδιάζονται νέες παραδόσεις."
)
BELARUSIAN = (
    "Экспарт калійных угнаенняў у Кітай у верасні вырас на 18 працэнтаў, паведаміла "
    "міністэрства. Астатняе пайшло праз расійскія парты, а цэны заставаліся стабільнымі, "
    "тым часам новыя кантракты будуць дзейнічаць два гады і плануюцца новыя пастаўкі."
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (GERMAN, "in Latin letters but not English"),
        (GREEK, "mostly in Greek script"),
        (BELARUSIAN, "in Belarusian"),
    ],
    ids=["german", "greek", "belarusian"],
)
def test_a_text_in_another_language_is_refused_naming_what_was_found_and_nothing_is_written(
    tmp_path, capsys, text, found
):
    curated = _curated_copy(tmp_path)
    assert _propose(tmp_path, curated, _write(tmp_path, "other.txt", text)) == 1
    err = capsys.readouterr().err
    assert found in err and "reads English, Russian and Ukrainian only" in err
    assert "--language en|ru|uk" in err
    assert _nothing_written(curated, tmp_path)


@pytest.mark.parametrize(
    ("page", "language"),
    [(EN_PAGE, "en"), (RU_PAGE, "ru"), (UK_PAGE, "uk")],
    ids=["en", "ru", "uk"],
)
def test_the_draft_record_names_the_language_its_figures_are_written_in(tmp_path, page, language):
    curated = _curated_copy(tmp_path)
    assert _propose(tmp_path, curated, _write(tmp_path, "page.txt", page), "--id", "page") == 0
    draft = yaml.safe_load((curated / "sources" / "page.yaml").read_text("utf-8"))
    assert draft["source"]["language"] == language
    assert "language" in draft["source"]["proposed"]


def test_the_curator_may_say_which_of_the_three_languages_a_text_is_in(tmp_path):
    figures = "Exports: 4.1 billion; imports: 2.5 billion; balance: 1.6 billion. " * 6
    path = _write(tmp_path, "figures.txt", figures)
    with pytest.raises(IntakeError, match="--language"):
        read_document(path)
    assert read_document(path, language="en").language == "en"


# --- files that are not text, and texts that are not UTF-8 -----------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _zip() -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "looks_like"),
    [
        (PNG, "a PNG image; if it is a scan of a page, run OCR"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "a JPEG image"),
        (b"GIF89a" + bytes(200), "a GIF image"),
        (_zip(), "a ZIP archive (a .docx"),
    ],
    ids=["png", "jpeg", "gif", "zip"],
)
def test_a_file_that_is_not_text_is_refused_saying_what_it_looks_like(
    tmp_path, capsys, content, looks_like
):
    curated = _curated_copy(tmp_path)
    assert _propose(tmp_path, curated, _write(tmp_path, "article.txt", content)) == 1
    err = capsys.readouterr().err
    assert f"article.txt: not a text, HTML or PDF document: it looks like {looks_like}" in err
    assert _nothing_written(curated, tmp_path)


def test_random_bytes_are_refused_as_no_text(tmp_path):
    data = random.Random(7).randbytes(4000)
    with pytest.raises(IntakeError, match=r"not text: \d+% of its bytes are control characters"):
        read_document(_write(tmp_path, "noise.txt", data))


RU_TEXT = (
    "Товарооборот между странами в первом полугодии вырос на 12 процентов, сообщили в "
    "министерстве. Экспорт составил 1,5 млрд долларов, а импорт снизился до 900 млн долларов. "
    "По данным Белстата, сальдо торговли оказалось положительным. Россия и Китай остались "
    "крупнейшими партнерами, а поставки в Польшу сократились на треть.\n"
)
UK_TEXT = (
    "Інфляція в країні за дев'ять місяців склала 15 відсотків, повідомив міністр економіки. Він "
    "зазначив, що ціни на пальне зросли, а експорт зменшився на третину. Уряд скоротив "
    "фінансування державних програм на 741 млрд рублів, або на 30%. Білорусь і Україна "
    "залишаються важливими партнерами.\n"
)
EN_TEXT = (
    "The ministry said that exports of potash rose by 12 percent in the first half of the year, "
    "while imports of fuel fell by a third. Belarus and China remain the largest partners, and "
    "the ministry expects that the trade will grow in the next year as well.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "name"),
    [
        (RU_TEXT, "cp1251", "CP1251"),
        (RU_TEXT, "koi8-r", "KOI8-R"),
        (UK_TEXT, "cp1251", "CP1251"),
        (UK_TEXT, "koi8-u", "KOI8-U"),
        (RU_TEXT, "utf-16", "UTF-16"),
        (UK_TEXT, "utf-16-le", "UTF-16LE"),
        (EN_TEXT, "utf-16-be", "UTF-16BE"),
    ],
)
def test_a_text_in_another_encoding_is_read_when_its_encoding_is_certain(text, codec, name):
    decoded = decode(Path("text.txt"), text.encode(codec))
    assert decoded.text == text and decoded.name == name


def test_the_draft_notes_and_the_output_say_which_encoding_a_text_was_read_in(tmp_path, capsys):
    curated = _curated_copy(tmp_path)
    path = _write(tmp_path, "report.txt", (RU_PAGE).encode("cp1251"))
    assert _propose(tmp_path, curated, path, "--id", "report") == 0
    assert "read as CP1251 (not UTF-8;" in capsys.readouterr().out
    draft = yaml.safe_load((curated / "sources" / "report.yaml").read_text("utf-8"))
    assert any("read as CP1251" in note for note in draft["source"]["notes"])
    saved = (tmp_path / "texts" / "report.txt").read_bytes()
    assert saved.decode("utf-8") == RU_PAGE  # the saved text is UTF-8


TWO_CODEPAGES = ("Экспорт вырос на 12% за год, сообщили в министерстве. " * 10).encode("cp1251")


def test_a_utf8_text_with_a_byte_order_mark_is_plain_utf8_with_nothing_to_note(tmp_path):
    document = read_document(_write(tmp_path, "page.txt", "\ufeff".encode() + RU_PAGE.encode()))
    assert document.text == RU_PAGE
    assert not any("UTF-8" in note for note in document.notes)


@pytest.mark.parametrize(
    ("content", "guess"),
    [
        # Its only capital, Э, is a letter in Mac Cyrillic too (Ё): both read as Russian.
        (TWO_CODEPAGES, "CP1251"),
        # No codepage makes it English, Russian or Ukrainian.
        (("Café crème brûlée. " * 40).encode("latin-1"), "ENCODING"),
    ],
    ids=["two-codepages", "none-reads"],
)
def test_a_text_whose_encoding_is_not_certain_is_refused_with_the_command_that_converts_it(
    tmp_path, capsys, content, guess
):
    curated = _curated_copy(tmp_path)
    path = _write(tmp_path, "report.txt", content)
    assert _propose(tmp_path, curated, path) == 1
    err = capsys.readouterr().err
    assert "not UTF-8, and its encoding cannot be told for certain" in err
    assert f'iconv -f {guess} -t UTF-8 "{path}" > "{tmp_path / "report.utf8.txt"}"' in err
    assert _nothing_written(curated, tmp_path)


# --- the proposed source id -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (EN_PAGE, "belarus-raises-potash-2025"),
        (RU_PAGE, "eksport-kaliinykh-udobrenii-2024"),
        (UK_PAGE, "bilorus-skorotyla-import-2025"),
        ("© 2023 Example Herald\n\n" + EN_PAGE, "example-herald-belarus-raises-potash-2025"),
    ],
    ids=["en", "ru", "uk", "outlet"],
)
def test_the_proposed_id_is_the_outlet_the_first_title_words_and_the_year(tmp_path, page, expected):
    document = read_document(_write(tmp_path, "page.txt", page))
    assert proposed_id(document) == expected


def test_without_a_stated_date_the_id_takes_the_latest_year_named_and_the_output_says_so(
    tmp_path, capsys
):
    text = EN_TEXT + "Trade fell in 2019 and rose in 2021, and the plan runs until 2030.\n"
    curated = _curated_copy(tmp_path)
    assert _propose(tmp_path, curated, _write(tmp_path, "report.txt", text)) == 0
    out = capsys.readouterr().out
    assert "sources/ministry-exports-potash-2021.yaml" in out.replace("\\", "/")
    assert "its year: the latest year the text names" in out


# --- the curator's path: several drafts, the build, the texts -------------------------------


def test_two_open_drafts_are_left_out_and_named_while_the_curated_documents_build(tmp_path, capsys):
    curated = _curated_copy(tmp_path)
    assert _propose(tmp_path, curated, _write(tmp_path, "memo.txt", MEMO), "--id", "memo") == 0
    assert _propose(tmp_path, curated, _write(tmp_path, "ru.txt", RU_PAGE), "--id", "ru") == 0
    capsys.readouterr()
    out_dir = tmp_path / "parquet"
    assert main(["--curated", str(curated), "build", "--out", str(out_dir)]) == 0
    result = capsys.readouterr()
    documents = len(load_curated(curated).sources)
    assert f"from {documents} sources (2 draft(s) left out until reviewed)" in result.out
    for source_id in ("memo", "ru"):
        assert (
            f"sources/{source_id}.yaml: draft: left out until reviewed; still proposed: "
            in result.err
        )
        assert f"review it with `python -m etl review {source_id}`" in result.err
    assert (out_dir / "observations.parquet").is_file()
    assert main(["--curated", str(curated), "review", "memo", "--accept-all"]) == 0
    assert main(["--curated", str(curated), "build", "--out", str(out_dir)]) == 0
    result = capsys.readouterr()
    assert f"from {documents + 1} sources (1 draft(s) left out until reviewed)" in result.out
    assert "sources/ru.yaml: draft" in result.err and "sources/memo.yaml" not in result.err


def test_a_text_already_under_review_is_refused_naming_its_draft(tmp_path, capsys):
    curated = _curated_copy(tmp_path)
    path = _write(tmp_path, "memo.txt", MEMO)
    assert _propose(tmp_path, curated, path, "--id", "memo") == 0
    assert _propose(tmp_path, curated, path, "--id", "memo-again") == 1
    assert "already proposed as memo" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "reads_the_text"),
    [
        ("anchor", "anchored; rewrote: memo"),
        ("verify", "in 1 sources"),
        ("scan", "sources/memo.yaml: memo:"),
    ],
)
def test_anchor_verify_and_scan_read_the_saved_texts_without_arguments_and_name_open_drafts(
    tmp_path, capsys, command, reads_the_text
):
    curated = _curated_copy(tmp_path)
    base = ["--curated", str(curated)]
    assert main([*base, "propose", str(_write(tmp_path, "m.txt", MEMO)), "--id", "memo"]) == 0
    assert (curated.parent / "texts" / "memo.txt").is_file()  # saved beside the curated files
    assert main([*base, "review", "memo", "--accept-all"]) == 0
    assert main([*base, "propose", str(_write(tmp_path, "ru.txt", RU_PAGE)), "--id", "ru"]) == 0
    capsys.readouterr()
    main([*base, command])
    result = capsys.readouterr()
    assert reads_the_text in result.out
    assert "sources/ru.yaml: draft: left out until reviewed" in result.err


@pytest.mark.parametrize("command", ["anchor", "verify", "scan"])
def test_anchor_verify_and_scan_work_with_no_texts_at_all(tmp_path, capsys, command):
    curated = _curated_copy(tmp_path)
    assert main(["--curated", str(curated), command]) == 0
    assert "not present" in capsys.readouterr().out


def test_make_passes_only_the_text_directories_that_exist(tmp_path):
    def texts_given(**variables: str) -> list[str]:
        assignments = [f"{key}={value}" for key, value in variables.items()]
        printed = subprocess.run(
            ["make", "-n", "--no-print-directory", "verify", *assignments],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        command = next(line for line in printed.splitlines() if "-m etl verify" in line)
        return command.split("-m etl verify", 1)[1].split()

    seeds, corpus, saved = tmp_path / "seeds", tmp_path / "corpus", tmp_path / "saved"
    places = {"SEEDS": str(seeds), "CORPUS": str(corpus), "PROPOSED_TEXTS": str(saved)}
    assert texts_given(**places) == []
    seeds.mkdir()
    assert texts_given(**places) == ["--texts", str(seeds)]
    saved.mkdir()
    assert texts_given(**places) == ["--texts", str(seeds), "--texts", str(saved)]
    corpus.mkdir()
    every = ["--texts", str(seeds), "--texts", str(corpus), "--texts", str(saved)]
    assert texts_given(**places) == every


# --- review: least certain first, the build's rules, new series -----------------------------

DRAFT = """source:
  id: oil-notes-2019
  title: "Oil Notes"
  authors: [Anna Example]
  publisher: Example Institute
  published: 2019-03
  language: en
  proposed: []
new_series:
  - id: energy.proposed_tonnes_oil_supplied
    title: "Proposed: oil supplied (tonnes)"
    unit: tonnes
    measure: flow
    topic: energy
    indicator: ""
    description: "Proposed for oil-notes-2019"
    used_by: [oil-2018]
    status: proposed
facts:
  - id: oil-2018
    series: energy.proposed_tonnes_oil_supplied
    period: '2018'
    value: "18 million"
    unit: tonnes
    qualifier: reported
    locator: "Oil Supply"
    evidence: "Russia supplied 18 million tonnes of oil to Belarus in 2018"
    status: proposed
    confidence: 0.9
  - id: turnover-2017
    series: trade.by_ua.turnover
    period: '2017'
    value: "4.1 billion"
    unit: USD
    qualifier: reported
    statistics_from: not stated
    locator: "Oil Supply"
    evidence: "In 2017, bilateral trade reached only $4.1 billion"
    status: proposed
    confidence: 0.3
dismissed:
  - mention: "12"
    context: "Policy Memo No. 12"
    reason: "a memo's number"
    status: proposed
    confidence: 0.6
"""


def _draft(curated: Path, text: str = DRAFT) -> Path:
    return _write(curated / "sources", "oil-notes-2019.yaml", text)


def test_the_review_lists_the_least_certain_proposals_first(tmp_path):
    listing = describe(_draft(_curated_copy(tmp_path)))
    confidences = [float(c) for c in re.findall(r"\[proposed (\d\.\d+)\]", listing)]
    assert confidences == [0.3, 0.6, 0.9]
    assert "new series energy.proposed_tonnes_oil_supplied" in listing
    assert "used by oil-2018" in listing


def _named(text: str) -> str:
    return text.replace('indicator: ""', "indicator: fuel_supply")


SERIES_PROPOSED = "    used_by: [oil-2018]\n    status: proposed"
SERIES_ACCEPTED = "    used_by: [oil-2018]\n    status: accept"


def _accepted(text: str) -> str:
    return text.replace("status: proposed", "status: accept")


def test_a_new_series_named_by_the_curator_goes_to_series_yaml_and_its_facts_take_the_name(
    tmp_path,
):
    curated = _curated_copy(tmp_path)
    text = _accepted(DRAFT).replace(
        "id: energy.proposed_tonnes_oil_supplied", "id: energy.oil_supply_to_belarus"
    )
    path = _draft(curated, _named(text))
    result = accept(path, curated / "series.yaml", curated=curated)
    assert result.series_added == ["energy.oil_supply_to_belarus"]
    facts = yaml.safe_load(path.read_text("utf-8"))["facts"]
    assert facts[0]["series"] == "energy.oil_supply_to_belarus"
    registry = yaml.safe_load((curated / "series.yaml").read_text("utf-8"))["series"]
    added = next(s for s in registry if s["id"] == "energy.oil_supply_to_belarus")
    assert "used_by" not in added and "status" not in added
    load_curated(curated)  # the registry and the document load as the build loads them


def test_a_new_series_named_after_an_existing_one_moves_its_facts_there_and_adds_nothing(
    tmp_path,
):
    curated = _curated_copy(tmp_path)
    registry_before = (curated / "series.yaml").read_text("utf-8")
    text = _accepted(DRAFT).replace(
        "id: energy.proposed_tonnes_oil_supplied", "id: energy.oil_supply_rosneft"
    )
    path = _draft(curated, text)
    result = accept(path, curated / "series.yaml", curated=curated)
    assert result.series_added == [] and result.facts_moved == {
        "energy.oil_supply_rosneft": ["oil-2018"]
    }
    assert yaml.safe_load(path.read_text("utf-8"))["facts"][0]["series"] == (
        "energy.oil_supply_rosneft"
    )
    assert (curated / "series.yaml").read_text("utf-8") == registry_before


@pytest.mark.parametrize(
    ("edit", "problem", "fix"),
    [
        (
            lambda text: _named(_accepted(text)).replace("period: '2017'", "period: '2020'"),
            "period 2020 runs past the document's time of writing (2019-03)",
            "date the figure no later than the writing, or mark it a forecast",
        ),
        (
            lambda text: _accepted(text).replace(SERIES_ACCEPTED, SERIES_PROPOSED),
            "unknown series 'energy.proposed_tonnes_oil_supplied'",
            "accept its new_series entry too",
        ),
        (
            lambda text: _accepted(text),
            "'indicator' is empty",
            "fill in 'indicator'",
        ),
    ],
    ids=["period-past-writing", "series-still-proposed", "series-unnamed"],
)
def test_a_review_the_build_would_refuse_names_the_problem_and_fix_and_writes_nothing(
    tmp_path, capsys, edit, problem, fix
):
    curated = _curated_copy(tmp_path)
    path = _draft(curated, edit(DRAFT))
    before = path.read_text("utf-8"), (curated / "series.yaml").read_text("utf-8")
    assert main(["--curated", str(curated), "review", "oil-notes-2019", "--accept"]) == 1
    err = capsys.readouterr().err
    assert "not accepted, nothing written" in err and problem in err and fix in err
    assert (path.read_text("utf-8"), (curated / "series.yaml").read_text("utf-8")) == before


def test_a_refused_review_names_the_entry_as_the_draft_numbers_it(tmp_path):
    curated = _curated_copy(tmp_path)
    text = DRAFT.replace("status: proposed\n    confidence: 0.3", "status: accept")
    path = _draft(curated, _named(text).replace("period: '2017'", "period: '2020'"))
    with pytest.raises(IntakeError, match=r"facts\[1\] turnover-2017: period 2020 runs past"):
        accept(path, curated / "series.yaml", curated=curated)


def test_a_new_series_dismissed_is_dropped_and_adds_nothing(tmp_path):
    curated = _curated_copy(tmp_path)
    text = DRAFT.replace(
        "    used_by: [oil-2018]\n    status: proposed",
        "    used_by: [oil-2018]\n    status: dismiss",
    )
    text = text.replace(
        "series: energy.proposed_tonnes_oil_supplied", "series: energy.oil_supply_rosneft"
    )
    path = _draft(curated, text)
    result = accept(path, curated / "series.yaml", curated=curated)
    assert result.series_added == [] and "new_series" not in yaml.safe_load(path.read_text("utf-8"))


def test_a_proposed_new_series_is_named_from_its_dimensions_and_an_emptied_title_is_refused(
    tmp_path,
):
    from etl.intake.draft import render
    from etl.intake.proposals import ProposedSeries, propose

    document = read_document(_write(tmp_path, "memo.txt", MEMO))
    draft = propose(document, "oil-notes-2019", load_curated().series, first_year=2012)
    suggestion = ProposedSeries(
        "trade.by_kz.exports",
        "Belarus exports of goods to Kazakhstan",
        "USD",
        "flow",
        "trade",
        "Belarus's exports of goods to Kazakhstan, as the document states them.",
        indicator="trade",
        reporter="Belarus",
        partner="Kazakhstan",
        flow="exports",
    )
    draft.new_series = [*draft.new_series, suggestion]
    draft.facts[0].series = suggestion.id
    text = render(draft)
    entry = next(e for e in yaml.safe_load(text)["new_series"] if e["id"] == suggestion.id)
    assert (entry["title"], entry["indicator"], entry["reporter"], entry["flow"]) == (
        "Belarus exports of goods to Kazakhstan",
        "trade",
        "Belarus",
        "exports",
    )
    assert entry["description"].startswith("Belarus's exports of goods")
    assert entry["used_by"] == [draft.facts[0].id]
    emptied = text.replace('title: "Belarus exports of goods to Kazakhstan"', 'title: ""')
    assert emptied != text
    path = _write(_curated_copy(tmp_path) / "sources", "oil-notes-2019.yaml", emptied)
    with pytest.raises(IntakeError, match="'title' is empty — fix: fill in 'title'"):
        accept(path, path.parent.parent / "series.yaml", everything=True)


def test_a_fact_dismissed_at_review_keeps_its_number_as_the_quote_writes_it(tmp_path):
    """A value read into other words ("18 mln" for "18 million") is dismissed by its digits,
    which verify and scan find in the quote."""
    curated = _curated_copy(tmp_path)
    text = DRAFT.replace('value: "18 million"', 'value: "18 mln"').replace(
        "status: proposed\n    confidence: 0.9", "status: dismiss\n    reason: Background."
    )
    path = _draft(curated, _named(text))
    accept(path, curated / "series.yaml", curated=curated)
    dismissal = yaml.safe_load(path.read_text("utf-8"))["dismissed"][-1]
    assert dismissal == {
        "mention": "18",
        "context": "Russia supplied 18 million tonnes of oil to Belarus in 2018",
        "reason": "Background.",
    }


def test_a_new_series_with_an_unknown_status_is_refused_and_nothing_is_written(tmp_path):
    curated = _curated_copy(tmp_path)
    path = _draft(
        curated, DRAFT.replace(SERIES_PROPOSED, SERIES_PROPOSED.replace("proposed", "ok"))
    )
    before = path.read_text("utf-8")
    refusal = r"new_series entry 'energy\.proposed_tonnes_oil_supplied' has status 'ok'"
    with pytest.raises(IntakeError, match=refusal):
        accept(path, curated / "series.yaml", everything=True, curated=curated)
    assert path.read_text("utf-8") == before


def test_a_section_whose_every_entry_is_dismissed_is_left_an_empty_list(tmp_path):
    """Dismissing the only proposed event leaves `events: []` (valid YAML the build reads), and
    the event's mention among the dismissals."""
    curated = _curated_copy(tmp_path)
    event = """events:
  # «Russia supplied 18 million tonnes of oil to Belarus in 2018»
  - id: supply-2018
    date: '2018'
    label: Russia's oil supply
    locator: "Oil Supply"
    evidence: "Russia supplied 18 million tonnes of oil to Belarus in 2018"
    status: dismiss
    reason: A figure of the year, not an event to mark.
dismissed:
"""
    path = _draft(curated, _named(DRAFT).replace("dismissed:\n", event, 1))
    accept(path, curated / "series.yaml", everything=True)
    written = yaml.safe_load(path.read_text("utf-8"))
    assert written["events"] == []
    assert written["dismissed"][-1]["reason"] == "A figure of the year, not an event to mark."
    assert main(["--curated", str(curated), "build", "--out", str(tmp_path / "out")]) == 0
