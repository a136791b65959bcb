"""The paper's phrasings, many small cases: which lines are jump lines (direction, slug, page), and
which are the website's furniture. A line that only looks like one must not match."""

import pytest

from pipeline.lang import phrasebook
from pipeline.model import Source
from pipeline.normalize.jumps import jump_line

JUMPS = [
    ("See: WORKERS DISCUSS COMMUNIST REVOLUTION,” page 3", "out", "WORKERS DISCUSS COMMUNIST REVOLUTION", "3"),
    ("See MINNEAPOLIS, page 2", "out", "MINNEAPOLIS", "2"),
    ("(Continued on page 5)", "out", "", "5"),
    ("Continued on page 6", "out", "", "6"),
    ("CONTINUED ON PAGE 6", "out", "", "6"),
    ("Cont. on p. 7", "out", "", "7"),
    ("Turn to page 4", "out", "", "4"),
    ("Pasa a la página 6", "out", "", "6"),
    ("Sigue en la página 7", "out", "", "7"),
    ("(Continúa en la pág. 4)", "out", "", "4"),
    ("Ver OBREROS PORTUARIOS, página 3", "out", "OBREROS PORTUARIOS", "3"),
    ("WORKERS DISCUSS COMMUNIST REVOLUTION, from page 1", "in", "WORKERS DISCUSS COMMUNIST REVOLUTION", "1"),
    ("CONTINUED FROM PAGE 1: NURSES AND AIDES", "in", "NURSES AND AIDES", "1"),
    ("TEACHERS AND PARENTS (Jump from page 1)", "in", "TEACHERS AND PARENTS", "1"),
    ("(Continued from page 8)", "in", "", "8"),
    ("Viene de la página 1: OBREROS PORTUARIOS", "in", "OBREROS PORTUARIOS", "1"),
    ("ESTUDIANTES CONTRA LA GUERRA (viene de la pág. 1)", "in", "ESTUDIANTES CONTRA LA GUERRA", "1"),
    ("MAQUILADORAS DE SAN SALVADOR de la página 1", "in", "MAQUILADORAS DE SAN SALVADOR", "1"),
]
NOT_JUMPS = [
    "We see them on page 5 of the Times every day.",
    "Lea el artículo de la página 1 con sus compañeros",
    "The meeting began at page 1 of the agenda",
    "We came from page after page of lies, from page 1 to the end, and we said so to every worker.",
]


@pytest.mark.parametrize("text, direction, slug, page", JUMPS)
def test_jump_lines(text, direction, slug, page):
    jump = jump_line(text, Source(1, 1))
    assert jump is not None and (jump.direction, jump.slug, jump.page) == (direction, slug, page)


@pytest.mark.parametrize("text", NOT_JUMPS)
def test_prose_is_not_a_jump_line(text):
    assert jump_line(text, Source(1, 1)) is None


@pytest.mark.parametrize("line", ["Header image ", "line decor", "BIGGER    SMALLER", "Más Grande     Más Pequeño",
                                  "MAS GRANDE    Mas Pequeño  ", "     Grande  Pequeño", "![]() | |", "|",
                                  "   To Contact ICWP, send an email to: icwp@anonymousspeech.com           ",
                                  "Text Size:  ABC  ABC", "CLIQUE MOSTRAR LAS IMAGENES"])
def test_site_chrome(line):
    assert phrasebook.is_chrome(line)


@pytest.mark.parametrize("line", ["Communist Dialectics: the Law of Contradiction", "Home Care Workers Strike",
                                  "Search for a New Life", "The image of the worker in the capitalist press"])
def test_the_papers_words_are_not_chrome(line):
    assert not phrasebook.is_chrome(line)


def test_chrome_at_a_lines_end_is_cut_not_the_line():
    m = phrasebook.chrome_suffix("January 24 to February 14, 2024  Sitio en Español aquí.")
    assert m and "January 24 to February 14, 2024  Sitio en Español aquí."[:m.start()] == "January 24 to February 14, 2024"
    assert phrasebook.chrome_suffix("Sitio en Español aquí.") is None  # a whole line of chrome is chrome


@pytest.mark.parametrize("line, expected", [
    ("Minneapolis here ♦ Industrial Workers Key Force here ♦ Letter: Let’s Continue here ♦", True),
    ("Hermana: Lo Que Vives En La Fábrica aquí ♦ Obrera Comunista de Maquila Exige Respeto aquí ♦", True),
    ("Forging Communist Unity ♦ Capitalism Kills ♦ Tens of thousands marched...", False),
])
def test_wordpress_line_of_links(line, expected):
    assert phrasebook.is_teaser_line(line) == expected
