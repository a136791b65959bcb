"""Whole web pages read as an editor reads them: the page's kind said, the site's columns dropped by
where they stand (each drop accounted for, the doubtful ones to review), and the report's first lines
saying how sure the pipeline is. The inputs are the golden cases written in the shapes of real pages."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.model import Article, Box, Caption, SeeInside, Signoff
from pipeline.model.inlines import plain_text, text_of
from pipeline.normalize import normalize
from pipeline.readers.manuscript import decode_manuscript, parse_issue
from pipeline.readers.sidecar import apply_sidecars, read_sidecar
from pipeline.writers.report import render_report

CASES = Path(__file__).parent.parent / "cases"


def issue_of(case: str, text: str | None = None):
    raw = text.encode() if text is not None else (CASES / case / "input.txt").read_bytes()
    issue = parse_issue(decode_manuscript(raw, "input.txt"), "input.txt")
    sidecar = CASES / case / "metadata.yaml"
    if sidecar.exists():
        issue = replace(issue, metadata=apply_sidecars(issue.metadata, read_sidecar(sidecar)))
    return normalize(issue)


def page_note(issue):
    return next(n for n in issue.notes if n.message.startswith("the page is "))


def stories(issue):
    return [item for item in issue.items if isinstance(item, Article)]


def test_a_static_front_page_keeps_only_its_list_of_stories_and_its_lead_story():
    issue = issue_of("web-static-front-page-sidebar")
    note = page_note(issue)
    assert note.message.startswith("the page is a front page") and note.level == "info"
    teasers = [plain_text(t.inlines) for item in issue.items if isinstance(item, SeeInside) for t in item.items]
    assert teasers == ["Port Workers Meet Across Three Cities", "Nurses Count the Beds the Hospital Cut",
                       "Why the Bosses Need Borders"]
    [lead] = stories(issue)
    assert plain_text(lead.headline.inlines) == "Three Cities, One Lockout" and lead.section == "front"
    dropped = {n.dropped: n for n in issue.notes if n.dropped}
    # the links in other languages and the menu are the site's; the leaflet links too
    for line in ("O Brasil: Os estivadores do porto não aceitam o fechamento!", "النضال من أجل الشيوعية",
                 "Les Infirmières Comptent les Lits Supprimés par l'Hôpital", "Previous Issue",
                 "NEW LEAFLET: The Harbour Lockout"):
        assert line in dropped, line
    # a link the page's layout alone calls the site's is dropped, and listed for review with its override
    assert "Dockers Answer the Lockout With Their Own Plan" in dropped
    review = [n for n in issue.notes if n.level == "review"]
    assert any("Dockers Answer the Lockout" in n.message and "{action: keep, at: 14}" in n.message for n in review)


def test_a_letters_page_files_every_piece_as_a_letter_and_keeps_each_signature():
    issue = issue_of("web-letters-page-es")
    assert page_note(issue).message.startswith("the page is a letters page: it says so over its letters")
    letters = stories(issue)
    assert [a.section for a in letters] == ["letters", "letters", "letters"]
    assert [plain_text(a.headline.inlines) for a in letters] == [
        "“Aprendimos Juntos en la Asamblea”", "Lo que nos dijo el patrón", "La Clase Obrera No Tiene Fronteras"]
    assert not any(a.headline.derived or a.kicker for a in letters)  # the sign-off is no next letter's kicker
    signatures = [text_of(b) for a in letters for b in a.body if isinstance(b, Signoff)]
    assert signatures == ["—Camarada “Rosa” en Tijuana", "—Un obrero de la maquila en Tijuana"]
    assert any(isinstance(item, Box) and item.kind == "letters" for item in issue.items)  # the edition's boilerplate


def test_a_wordpress_page_drops_its_own_title_and_keeps_the_reply_with_its_letter():
    issue = issue_of("web-wordpress-page-title-and-pieces")
    assert any(n.dropped == "Dockworkers: Solidarity Across the Ocean" and "page's own title" in n.message
               for n in issue.notes)
    letter, report = stories(issue)
    assert letter.section == "letters" and report.section == "reports"
    assert isinstance(letter.body[0], Caption)
    assert text_of(letter.body[-1]).startswith("Red Flag responds:")
    assert any(isinstance(b, Signoff) for b in letter.body)


def test_a_story_with_no_headline_takes_its_subhead_as_a_derived_title_and_says_so():
    issue = issue_of("web-untitled-story-takes-its-subhead")
    [story] = stories(issue)
    assert story.headline.derived and plain_text(story.headline.inlines) == "Why We Answer Every Letter"
    review = [n for n in issue.notes if n.level == "review" and n.step == "segment_stories"]
    assert any("titled from its first subhead" in n.message and "{action: title, at: 3" in n.message for n in review)


def test_a_page_kind_on_weak_evidence_is_a_review_line_with_what_else_it_could_be():
    text = ("A Night at the Depot\n"
            "We waited four hours for the trucks that the schedule said would come at six in the evening, and "
            "nobody paid us for the waiting.\n"
            "—Driver in Fresno\n"
            "The Cannery Line\n"
            "The line runs faster every season and the foreman says the machines decide, but the machines do "
            "not own the cannery.\n"
            "—Cannery worker in Modesto\n"
            "Why the Valley Needs Communism\n"
            "The growers own the water, the land and the trucks, and every harvest they tell us there is not "
            "enough to pay more.\n")
    issue = issue_of("none", text)
    note = page_note(issue)
    assert note.level == "review" and "2 of its 3 pieces are signed" in note.message
    assert "it could be an article page" in note.message and "{action: section, at: N, value: reports}" in note.message
    assert [a.section for a in stories(issue)] == ["letters", "letters", "letters"]


def test_the_leaflet_languages_line_is_the_sites_in_web_copy_and_the_papers_on_paper():
    line = "(English, Español, Français, Русский, Türkçe, Српски, हिंदी, বাংলা, ελληνικά, Svensk)"
    web = issue_of("none", f"Header image\nline decor\nA Leaflet for the Harbour\n{line}\n"
                           "The dockers of three ports met this week and decided to read the leaflet aloud at "
                           "every gate of the harbour, in every language the crews speak.\n")
    assert any(n.dropped == line for n in web.notes)
    printed = issue_of("none", "THE LEAFLET GOES OUT\n\nOur new leaflet on the refugee crisis is out in ten "
                               "languages, and readers ask for more of them every week.\n\n"
                               f"{line}\n\nAsk the comrade who gives you this paper for a copy of it.\n")
    assert not any(n.dropped == line for n in printed.notes)
    assert line in " ".join(text_of(b) for a in stories(printed) for b in a.body)


def test_the_report_says_first_how_sure_it_is():
    issue = issue_of("web-static-front-page-sidebar")
    head = render_report(issue).split("\n")[4]
    assert head.startswith("**1 decision to check** (under To review)")
    assert "The page is a front page: it lists 3 of the issue's stories" in head
    calm = render_report(issue_of("web-letters-page-es")).split("\n")[4]
    assert calm.startswith("**No decision to check**")
