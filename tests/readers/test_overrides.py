"""Editor's overrides in the sidecar: each kind is applied and listed in the report; one that matches
nothing, or is malformed, is an error naming the sidecar line."""

import shutil

import pytest

from conftest import MANUSCRIPTS, PUBLICATION
from pipeline.build import load_issue
from pipeline.errors import InputError
from pipeline.model import Article, Box, Caption, Foreign, Signoff
from pipeline.model.inlines import plain_text
from pipeline.writers.report import render_report


def build_with(tmp_path, overrides: str):
    manuscript = tmp_path / "issue.txt"
    shutil.copy(MANUSCRIPTS / "sample-en.txt", manuscript)
    (tmp_path / "issue.yaml").write_text(f"overrides:\n{overrides}", encoding="utf-8")
    return load_issue(manuscript, PUBLICATION)


def texts(issue):
    return [plain_text(b.inlines) for a in issue.items if isinstance(a, Article) for b in a.body if hasattr(b, "inlines")]


def article_with(issue, words):
    return next(a for a in issue.items if isinstance(a, Article)
                and any(words in plain_text(getattr(b, "inlines", ())) for b in a.body))


def applied(issue):
    return [n for n in issue.notes if n.step == "apply_override"]


def test_no_join(tmp_path):
    issue = build_with(tmp_path, "  - {action: no-join, at: 23}\n")
    assert any(t.endswith("34 Gratiot line and") for t in texts(issue))
    assert len(applied(issue)) == 1


def test_join(tmp_path):
    issue = build_with(tmp_path, "  - {action: join, at: 89}\n")
    assert any("alive. Last month a rider" in t for t in texts(issue))


def test_keep_and_drop_hyphen(tmp_path):
    issue = build_with(tmp_path, "  - {action: keep-hyphen, at: 27}\n")
    assert any("a bru-tal speed-up" in t for t in texts(issue))
    issue = build_with(tmp_path, "  - {action: drop-hyphen, at: 27}\n")
    assert any("a brutal speed-up" in t for t in texts(issue))


def test_new_story(tmp_path):
    issue = build_with(tmp_path, "  - {action: new-story, quote: \"The students marched\"}\n")
    story = article_with(issue, "The students marched")
    assert story.headline.derived and plain_text(story.body[0].inlines).startswith("The students marched")


def test_title_kicker_deck(tmp_path):
    issue = build_with(tmp_path, "  - {action: title, at: 79, value: \"Students Walk Out\"}\n"
                                 "  - {action: kicker, at: 79, value: Detroit}\n"
                                 "  - {action: deck, at: 81, value: \"Two hundred left class.\"}\n")
    story = article_with(issue, "Two hundred students")
    assert plain_text(story.headline.inlines) == "Students Walk Out" and not story.headline.derived
    assert plain_text(story.kicker.inlines) == "Detroit" and plain_text(story.deck.inlines) == "Two hundred left class."
    assert len(applied(issue)) == 3


def test_mark_caption_box_signoff_and_drop(tmp_path):
    issue = build_with(tmp_path, "  - {action: caption, at: 81}\n  - {action: box, at: 87}\n"
                                 "  - {action: signoff, quote: \"Write to us with your photos\"}\n"
                                 "  - {action: drop, at: 129}\n")
    story = article_with(issue, "Two hundred students")
    assert isinstance(story.body[-1], Caption)
    assert any(isinstance(i, Box) and "I drive the last bus" in plain_text(i.blocks[0].inlines) for i in issue.items)
    assert any(isinstance(b, Signoff) and "Write to us" in plain_text(b.inlines)
               for a in issue.items if isinstance(a, Article) for b in a.body)
    dropped = [n.dropped for n in applied(issue) if n.dropped]
    assert dropped and dropped[0].startswith("MOBILIZE THE MASSES")


def test_lang_sets_a_blocks_language_or_only_the_words_quoted(tmp_path):
    issue = build_with(tmp_path, "  - {action: lang, at: 79, value: fr}\n"
                                 "  - {action: lang, quote: \"Every decision was taken\", value: de}\n")
    story = article_with(issue, "Two hundred students")
    first = story.body[0].inlines
    assert len(first) == 1 and isinstance(first[0], Foreign) and first[0].lang == "fr" and not first[0].rtl
    strike = article_with(issue, "Every decision was taken")
    marked = [n for b in strike.body for n in getattr(b, "inlines", ()) if isinstance(n, Foreign)]
    assert [(n.lang, plain_text(n.children)) for n in marked] == [("de", "Every decision was taken")]
    assert len(applied(issue)) == 2


def test_the_reports_lang_hint_undoes_a_mark_when_pasted(tmp_path):
    manuscript = tmp_path / "issue.txt"
    manuscript.write_text("A STORY\n\nThe leaflet goes out in Русский and Српски.\n\nThe box says Русский too.\n",
                          encoding="utf-8")
    marked = load_issue(manuscript, PUBLICATION)
    hint = next(n.message for n in marked.notes if n.step == "mark_languages" and n.line == 3)
    override = hint[hint.index("{action"):hint.rindex("}") + 1]
    assert override == '{action: lang, at: 3, quote: "Русский", value: en}'  # `quote` alone would match two blocks
    (tmp_path / "issue.yaml").write_text(f"overrides:\n  - {override}\n", encoding="utf-8")
    corrected = load_issue(manuscript, PUBLICATION)
    runs = [n for a in corrected.items if isinstance(a, Article) for b in a.body for n in b.inlines
            if isinstance(n, Foreign)]
    assert [(n.lang, plain_text(n.children)) for n in runs] == [("sr", "Српски"), ("ru", "Русский")]
    assert len(applied(corrected)) == 1


def test_lang_in_the_issues_language_unmarks_a_detected_block(tmp_path):
    manuscript = tmp_path / "issue.txt"
    manuscript.write_text("A STORY\n\nThe slogan on the banner read:\n\nOs trabalhadores leem o jornal na "
                           "fábrica e discutem cada artigo.\n", encoding="utf-8")
    detected = load_issue(manuscript, PUBLICATION)
    assert [n.lang for a in detected.items if isinstance(a, Article) for b in a.body
            for n in b.inlines if isinstance(n, Foreign)] == ["pt"]
    (tmp_path / "issue.yaml").write_text("overrides:\n  - {action: lang, at: 5, value: en}\n", encoding="utf-8")
    corrected = load_issue(manuscript, PUBLICATION)
    assert not [n for a in corrected.items if isinstance(a, Article) for b in a.body
                for n in b.inlines if isinstance(n, Foreign)]
    assert len(applied(corrected)) == 1


def test_overrides_are_listed_in_the_report(tmp_path):
    issue = build_with(tmp_path, "  - {action: no-join, at: 23}\n")
    report = render_report(issue)
    assert "## Editor's overrides (1)" in report and "issue.yaml:2 no-join" in report


@pytest.mark.parametrize("overrides, message", [
    ("  - {action: no-join, at: 45}\n", "matches nothing"),          # a headline is never joined
    ("  - {action: title, at: 5, value: X}\n", "matches nothing"),   # the masthead is no story
    ("  - {action: shout, at: 23}\n", "unknown action"),
    ("  - {action: join, at: 98}\n", "holds no text"),
    ("  - {action: join, quote: \"no such words anywhere\"}\n", "matches no block"),
    ("  - {action: join, quote: \"Red Flag\"}\n", "it must match exactly one"),
    ("  - {action: title, at: 79}\n", "needs a `value`"),
    ("  - {action: join}\n", "exactly one anchor"),
    ("  - {action: lang, at: 79, value: French}\n", "takes a language tag"),
    ("  - {action: title, at: 79, quote: \"Two hundred\", value: X}\n", "exactly one anchor"),
    ("  - {action: lang, at: 79}\n", "takes a language tag"),
])
def test_bad_overrides_name_the_sidecar_line(tmp_path, overrides, message):
    with pytest.raises(InputError) as err:
        build_with(tmp_path, overrides)
    assert str(err.value).startswith(f"{tmp_path / 'issue.yaml'}:2:") and message in str(err.value)
