"""Story structure of the real issues, as a copy editor reads them (issue 3's acceptance points)."""

from bs4 import BeautifulSoup

from conftest import built
from pipeline.model import Article

PAPER_000, PAPER_001, PAPER_004 = "000_05b6c0ec54ee7f0b", "001_e400677a90466fa2", "004_1915e8c0f879c89e"


def soup(stem):
    return BeautifulSoup(built(stem)[1], "html.parser")


def text(node):
    return " ".join(node.get_text().split())  # no separator: `<em>Red Flag</em>.` reads `Red Flag.`


def headlines(stem):
    return [(text(h), "derived-title" in h["class"]) for h in soup(stem).select("article.story > header h2")]


def story(stem, headline_start):
    found = [a for a in soup(stem).select("article.story") if text(a.header.h2).startswith(headline_start)]
    assert len(found) == 1, f"{len(found)} stories headed {headline_start!r}"
    return found[0]


def test_000_every_story_has_its_headline():
    assert headlines(PAPER_000) == [
        ("WORKERS DISCUSS DIALECTICAL MATERIALISM AND COMMUNIST REVOLUTION", False),
        ("COMMUNIST INDUSTRIAL WORKERS PLAN FOR MAY DAY, EXPOSE CAPITALIST CLIMATE CHANGE", False),
        ("REUNITE OUR HUMAN FAMILY FOR A COMMUNIST WORLD WITHOUT BORDERS", False),
        ("Mahmoud Khalil was a graduate student at Columbia…", True),
        ("These images emphasize unity, collectivity, and courage in…", True),
        ("WORKERS’ STRUGGLES IN ECUADOR", False),
        ("DEEPSEEK: BAD NEWS FOR THE US AI INDUSTRY", False),
        ("Comrade and Friend Find Great Response to Red Flag at Seattle International Women’s Day March", False),
        ("REAL UNITY FLOWS FROM COMMUNIST WORKING-CLASS PERSPECTIVE", False),
        ("Only the Masses Can Defeat Fascist Imperialism Everywhere", False),
        ("NEED TO RECRUIT MORE YOUTH AND MAINTAIN A RIGOROUS ONLINE PRESENCE", False),
        ("The Criminalization of Poverty", False),
        ("In Solidarity with LA Firestorm Victims", False),
        ("El Salvador: Trading Gold for Mirrors", False),
        ("IMMIGRANT WORKERS AND SOLDIERS: KEY TO PROLETARIAN REVOLUTION", False),
        ("LEARNING FROM THE 1871 PARIS COMMUNE", False),
        ("NATIONALISM IS NOT HUMAN NATURE: COMMUNISM WILL ELIMINATE ALL NATIONS AND BORDERS!", False),
    ]


def test_000_kickers_sit_in_their_headers():
    assert text(story(PAPER_000, "WORKERS DISCUSS").header.select_one(".kicker")) == "Ecuador Study Group"
    assert text(story(PAPER_000, "COMMUNIST INDUSTRIAL").header.select_one(".kicker")) == "“Red Flag opened a new life for me.”"
    assert text(story(PAPER_000, "REUNITE").header.select_one(".kicker")).startswith("Resisting Deportations")
    assert text(story(PAPER_000, "IMMIGRANT WORKERS").header.select_one(".kicker")).startswith("Celebrating the Paris Commune")


def test_000_continued_stories_are_whole_and_in_order():
    for headline, first_half, second_half, end in [
        ("WORKERS DISCUSS", "we shared the food we grew. There was no crime.", "Berta explained",
         "reading and discussing Red Flag."),
        ("COMMUNIST INDUSTRIAL", "Kumar visits Manjit’s family regularly.", "Sangeetha reported",
         "I am with you all the way.”"),
        ("NATIONALISM IS NOT", "which group of capitalists become the world’s main exploiters.", "Even though we speak",
         "and build communism!"),
    ]:
        words = text(story(PAPER_000, headline))
        assert first_half in words and words.index(first_half) < words.index(second_half), headline
        assert words.endswith(end), headline
        assert "from page" not in words and "See:" not in words


def test_000_captions_are_figures_outside_the_prose():
    captions = [text(f) for f in soup(PAPER_000).select("figure.photo figcaption")]
    starts = ["QUITO (Ecuador), 2019", "New York City (USA), March 10, 2025", "March 3, Tel Aviv", "March 1, Rafah",
              "Ecuador, November 15, 2024", "CARACAS (Venezuela)", "Pasadena (USA)", "LOS ANGELES (USA), March 8",
              "MOSCOW, 1924"]
    assert len(captions) == len(starts)
    for start in starts:
        assert any(c.startswith(start) for c in captions), start
    prose = [text(p) for p in soup(PAPER_000).select("article p")]
    assert not any(p.startswith(tuple(starts)) for p in prose)


def test_000_signoffs():
    assert [text(p) for p in soup(PAPER_000).select("article p.signoff")] == [
        "—Seattle Comrade", "—Comrade in Pasadena (USA)", "—Comrade in the US", "—Los Angeles Comrade",
        "—Comrade in California (USA)", "—Comrade in South Africa"]


def test_000_boxes_stand_outside_the_stories():
    page = soup(PAPER_000)
    letters = page.select("aside.box.letters")
    assert len(letters) == 1 and text(letters[0]).startswith("PLEASE SEND YOUR LETTERS")
    assert letters[0].find_parent("article") is None
    contact = page.select_one("aside.box.contact")
    assert contact.find_parent("article") is None and "Volume 16 Number 4" in text(contact)
    assert len(page.select("aside.box.ad")) == 4
    assert not page.select("article aside")


def test_000_see_inside_links_to_stories():
    links = soup(PAPER_000).select("nav.see-inside a")
    assert len(links) == 4
    ids = {a["id"] for a in soup(PAPER_000).select("article.story")}
    assert all(a["href"][1:] in ids for a in links)
    assert not any("PAGE" in text(a) for a in links)


def test_000_metadata():
    meta = built(PAPER_000)[0].metadata
    assert (meta.volume, meta.number, meta.date_start, meta.date_end) == ("16", "4", "2025-03-12", "2025-04-02")


def test_001_minneapolis_is_stitched_and_palestine_is_incomplete():
    words = text(story(PAPER_001, "MINNEAPOLIS"))
    assert "end that class dictatorship only with communist revolution. With the destruction" in words
    palestine = story(PAPER_001, "COMMUNISTS IN PALESTINE")
    assert "incomplete" in palestine["class"] and "not in this edition" in text(palestine.select_one("p.continued"))
    issue = built(PAPER_001)[0]
    assert any(n.level == "warning" and "COMMUNISTS IN PALESTINE" in n.message for n in issue.notes)


def test_001_series_kicker_and_deck():
    state = story(PAPER_001, "THE STATE AND REVOLUTION")
    assert text(state.header.select_one(".kicker")) == "Communism or Anarchism? (Part III)"
    assert text(state.header.select_one(".deck")).startswith("Previous article:")


def test_001_lists_links_and_form_are_kept():
    page = soup(PAPER_001)
    ordered = page.select("article ol")
    assert len(ordered) == 1 and len(ordered[0].select("li")) == 3
    assert len(page.select("article ul li")) >= 20
    assert page.select_one('a[href="mailto:contact@icwpredflag.org"]')
    form = page.select_one("aside.box.subscribe")
    assert "copies per issue" in text(form) and len(form.select("li")) == 5


def test_001_metadata():
    meta = built(PAPER_001)[0].metadata
    assert (meta.volume, meta.number, meta.date_start, meta.date_end) == ("17", "2", "2026-01-28", "2026-02-18")


def test_004_two_letters_with_signoffs_and_the_line_of_links_as_see_inside():
    page = soup(PAPER_004)
    stories = page.select("article.story")
    assert [text(a.header.h2) for a in stories] == [
        "My Communist Resistance During the ICE Raids Siege",
        "A Communist World Without Borders? A Conversation Among Coworkers"]
    assert [text(a.select_one("p.signoff")) for a in stories] == ["—Comrade in Los Angeles (USA)", "—Comrade Communist"]
    assert "♦" not in " ".join(text(a) for a in stories)
    links = page.select("nav.see-inside li a")  # `Title here ♦ Title here ♦`: each title links to its story
    assert [a["href"] for a in links] == [f"#{a['id']}" for a in stories]
    assert "here" not in " ".join(text(a) for a in links)


def test_every_removed_line_is_accounted_for_in_the_report():
    for stem in (PAPER_000, PAPER_001):
        issue = built(stem)[0]
        stitched = [n for n in issue.notes if n.step == "stitch_jumps" and n.dropped]
        assert len(stitched) == {PAPER_000: 6, PAPER_001: 3}[stem]
        assert all(isinstance(i, Article) or not hasattr(i, "direction") for i in issue.items)


def test_001_quoted_speech_is_set_off():
    sister = story(PAPER_001, "Sister: What you experience")
    quotes = [text(q) for q in sister.select("blockquote")]
    assert len(quotes) == 6 and quotes[1].startswith("—“Rats pollute")
    assert not soup(PAPER_001).select("aside blockquote")
