"""Steps that compared every block with every other, now in about linear time: the same answers as the
comparisons they replace (on random issues), and no runaway on a manuscript of thousands of them."""

from __future__ import annotations

import math
import random
import time

from pipeline.model import (Article, Emphasis, Foreign, Headline, Kicker, LineBreak, Paragraph, Source, Strong, Text,
                            narrowest_holding)
from pipeline.model.inlines import merge_inlines, plain_text, text_of
from pipeline.normalize.boxes import TEASER_MATCH, _Stories, _best_story, _words
from pipeline.normalize.jumps import JUMP_LINE_LONGEST, _SENTENCE_GAP, _folded_rests, _trailing_jump
from pipeline.normalize.doubts import narrowest_holders
from pipeline.normalize.joins import merge_adjacent_lists
from pipeline.normalize.jumps import _Slugs, _overlap, _prefix, _same
from pipeline.normalize.language import classify_among
from pipeline.normalize.scripts import _wrap_spans
from pipeline.normalize.stories import _Ids, _unique_id
from pipeline.readers.manuscript import parse_issue
from pipeline.readers.markup import parse_inlines

RUNAWAY = 10.0  # seconds: far beyond what these take (well under one); only a runaway gets here


def _bounded(fn, *args):
    started = time.process_time()
    result = fn(*args)
    assert time.process_time() - started < RUNAWAY, f"{fn.__name__} ran away"
    return result


def test_narrowest_holders_are_narrowest_holding_for_every_line():
    rng = random.Random(14)
    for _ in range(300):
        nodes = []
        for _ in range(rng.randint(0, 30)):
            first = rng.randint(1, 60)
            nodes.append(Paragraph((), Source(first, first + rng.choice((0, 0, 1, 3, 20, 60)))))
        lines = [rng.randint(0, 130) for _ in range(rng.randint(0, 40))]
        found = narrowest_holders(nodes, lines)
        for line in lines:
            assert found.get(line) is narrowest_holding(nodes, line), (line, nodes)


def test_narrowest_holders_of_ten_thousand_lines():
    nodes = [Paragraph((), Source(k, k + k % 7)) for k in range(1, 20_001, 2)]
    found = _bounded(narrowest_holders, nodes, range(1, 20_001))
    assert all(found.get(line) is narrowest_holding(nodes, line) for line in range(1, 20_001, 997))


def reference_score(teaser: str, article: Article, articles: list[Article]) -> float:
    """How well a story answers a teaser, as teaser matching weighed it, reading every story again."""
    wanted = _words(teaser)
    texts = [_words(" ".join(text_of(b) for b in a.body if isinstance(b, Paragraph))) for a in articles]
    weight = {w: math.log((1 + len(articles)) / (1 + sum(w in t for t in texts))) + 0.1 for w in wanted}
    total = 2 * sum(weight.values())
    head = _words(" ".join(text_of(x) for x in (article.kicker, article.headline) if x))
    opening = " ".join(text_of(b) for b in article.body[:4] if isinstance(b, Paragraph)).split()[:60]
    body = _words(" ".join(opening)) - head
    return (2 * sum(weight[w] for w in wanted & head) + sum(weight[w] for w in wanted & body)) / total if total else 0


def reference_best_story(teaser: str, articles: list[Article]):
    """Teaser matching as it was, reading every story again for every teaser: the specification."""
    wanted = _words(teaser)
    texts = [_words(" ".join(text_of(b) for b in a.body if isinstance(b, Paragraph))) for a in articles]
    weight = {w: math.log((1 + len(articles)) / (1 + sum(w in t for t in texts))) + 0.1 for w in wanted}
    total = 2 * sum(weight.values())
    if not total:
        return None
    best, best_score = None, 0.0
    for article in articles:
        head = _words(" ".join(text_of(x) for x in (article.kicker, article.headline) if x))
        opening = " ".join(text_of(b) for b in article.body[:4] if isinstance(b, Paragraph)).split()[:60]
        body = _words(" ".join(opening)) - head
        score = (2 * sum(weight[w] for w in wanted & head) + sum(weight[w] for w in wanted & body)) / total
        if score > best_score:
            best, best_score = article, score
    return best if total and best_score >= TEASER_MATCH else None


VOCABULARY = ("workers strike port bosses union city rent school nurses drivers hospital war march leaflet "
              "deepseek conference quito lagos toledo the of and por el").split()


def _random_story(rng: random.Random, k: int) -> Article:
    def words(n):
        return (Text(" ".join(rng.choice(VOCABULARY) for _ in range(n)).upper()),)

    body = tuple(Paragraph(words(rng.randint(0, 30)), Source(k, k)) for _ in range(rng.randint(0, 6)))
    kicker = Kicker(words(2), Source(k, k)) if rng.random() < 0.3 else None
    return Article(f"story-{k}", Headline(words(rng.randint(1, 6)), Source(k, k)), body, Source(k, k), kicker)


def test_teasers_find_the_stories_they_found():
    """Against the old matching, on random issues from a small vocabulary (many near ties)."""
    rng = random.Random(14)
    matched = 0
    for _ in range(400):
        articles = [_random_story(rng, k) for k in range(rng.randint(0, 12))]
        stories = _Stories.of(articles)
        for _ in range(5):
            teaser = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(0, 6)))
            expected = reference_best_story(teaser, articles)
            assert _best_story(teaser, stories) is expected, teaser
            matched += expected is not None
    assert matched > 200  # the comparison is about matches, not only about finding none


def test_a_thousand_teasers_over_a_thousand_stories():
    """Every story holding the teasers' words: each teaser weighs MAX_CANDIDATES of them, not all, and
    what it finds is a story the old matching would accept."""
    rng = random.Random(15)
    articles = [_random_story(rng, k) for k in range(1000)]
    stories = _bounded(_Stories.of, articles)
    teasers = [" ".join(rng.choice(VOCABULARY) for _ in range(4)) for _ in range(1000)]
    found = _bounded(lambda: [_best_story(t, stories) for t in teasers])
    assert sum(f is not None for f in found) > 900
    assert all(reference_score(t, f, articles) >= TEASER_MATCH for t, f in zip(teasers[:10], found) if f)


def reference_find_continuation(keys: list[str], continuations: dict[int, str], used: set[int]) -> int | None:
    """How a jump found its continuation, reading every slug for every jump: the specification."""
    free = {k: slug for k, slug in continuations.items() if k not in used}
    for test in (_same, _prefix, _overlap):
        for k, other in free.items():
            if other and any(test(key, other) for key in keys if key):
                return k
    return next((k for k, other in free.items() if not other), None)


SLUG_WORDS = "workers strike port of the minneapolis masses defying teachers and parents unite".split()


def test_jumps_find_the_continuations_they_found():
    """Against the old search, on random slugs and keys (equal, word-prefixes, overlapping, none), with
    each continuation found taken from the next jumps, as stitching takes it."""
    rng = random.Random(14)
    found_any = 0
    for _ in range(500):
        slugs = {}
        for k in rng.sample(range(60), rng.randint(0, 12)):
            slugs[k] = " ".join(rng.choice(SLUG_WORDS) for _ in range(rng.choice((0, 1, 2, 3, 5))))
        index, used, reference_used = _Slugs(dict(slugs)), set(), set()
        for _ in range(8):
            keys = [" ".join(rng.choice(SLUG_WORDS) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 2))]
            if rng.random() < 0.3 and slugs:  # a key that is a slug, or starts like one
                keys[0] = " ".join(rng.choice(list(slugs.values())).split()[:rng.randint(1, 5)])
            expected = reference_find_continuation(keys, dict(sorted(slugs.items())), reference_used)
            assert index.find(keys, used) == expected, (keys, slugs, used)
            if expected is not None:
                used.add(expected)
                reference_used.add(expected)
                found_any += 1
    assert found_any > 1000


def test_a_thousand_jumps_over_a_thousand_continuations():
    slugs = {k: f"workers of plant {k} strike" for k in range(0, 2000, 2)}
    index, used = _Slugs(slugs), set()
    found = _bounded(lambda: [used.add(k) or k for k in (index.find([f"workers of plant {j}"], used)
                                                         for j in range(0, 2000, 2))])
    assert found == list(range(0, 2000, 2))


def test_stories_titled_alike_get_ids_in_turn():
    ids = _Ids()
    claimed = _bounded(lambda: [_unique_id("Workers Unite", ids) for _ in range(20_000)])
    assert claimed[:3] == ["story-workers-unite", "story-workers-unite-2", "story-workers-unite-3"]
    assert len(set(claimed)) == 20_000 and claimed[-1] == "story-workers-unite-20000"
    assert _unique_id("Workers Unite 2", ids) == "story-workers-unite-2-2"  # taken by the second story above
    assert ids.claim("story-workers-unite-20001") == "story-workers-unite-20001"
    assert _unique_id("Workers Unite", ids) == "story-workers-unite-20002"


def test_the_words_after_each_sentence_folded_as_before():
    rng = random.Random(14)
    pieces = ["Continued on page 6", ". ", "-", " ", "   ", "\n", "word", "(See", "A", "é", "”) ", "x" * 80]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        starts = [m.end() for m in _SENTENCE_GAP.finditer(text)]
        everyone = [" ".join(text[start:].split()) for start in starts]
        short = [rest for rest in everyone if len(rest) <= JUMP_LINE_LONGEST]
        assert _folded_rests(text, starts, JUMP_LINE_LONGEST) == short
        assert everyone[len(everyone) - len(short):] == short  # the short ones are the last ones


def test_a_paragraph_of_ten_thousand_sentences_and_a_jump():
    text = "The workers met. " * 10_000 + "Continued on page 6"
    block = Paragraph((Text(text),), Source(1, 1))
    head, jump = _bounded(_trailing_jump, block)
    assert jump is not None and jump.page == "6" and plain_text(head.inlines) == text[:-len(" Continued on page 6")]


def test_twenty_thousand_list_items_with_blank_lines_between_make_one_list():
    issue = parse_issue("\n\n".join(f"- Item {k}" for k in range(1, 20_001)), "x.txt")
    merged = _bounded(merge_adjacent_lists, issue)
    assert len(merged.items) == 1 and len(merged.items[0].items) == 20_000
    assert merged.items[0].source == Source(1, 39_999, 0) and plain_text(merged.items[0].items[-1]) == "Item 20000"


def reference_wrap_spans(run, spans):
    """Marking spans as it was, each text node reading every span: the specification."""
    position = 0

    def cut(text, offset):
        out, at = [], 0
        for start, end, lang, rtl in spans:
            first, last = max(start - offset, at), min(end - offset, len(text))
            if first >= last:
                continue
            out += [Text(text[at:first]), Foreign(lang, (Text(text[first:last]),), rtl)]
            at = last
        return [n for n in out + [Text(text[at:])] if not isinstance(n, Text) or n.text]

    def rebuild(nodes):
        nonlocal position
        out = []
        for node in nodes:
            if isinstance(node, Text):
                out += cut(node.text, position)
                position += len(node.text)
            elif isinstance(node, LineBreak):
                position += 1
                out.append(node)
            else:
                out.append(type(node)(merge_inlines(rebuild(node.children))))
        return out

    return merge_inlines(rebuild(run))


def test_foreign_runs_are_wrapped_as_before():
    rng = random.Random(14)
    for _ in range(2_000):
        run = merge_inlines(tuple(rng.choice([Text("ab c"), Text("слово "), Emphasis((Text("xyz"),)), LineBreak(False),
                                              Strong((Text("q"), Emphasis((Text("rs"),))))])
                                  for _ in range(rng.randint(0, 12))))
        size = len(plain_text(run))
        cuts = sorted(rng.sample(range(size + 1), min(size + 1, 2 * rng.randint(0, 4))))
        spans = [(a, b, "ru", False) for a, b in zip(cuts[::2], cuts[1::2])]
        assert _wrap_spans(run, spans) == reference_wrap_spans(run, spans), (run, spans)


def test_four_thousand_foreign_words_between_emphases():
    run = parse_inlines("*word* слово " * 4_000)
    spans = [(k * 11 + 5, k * 11 + 10, "ru", False) for k in range(4_000)]  # each `слово`
    marked = _bounded(_wrap_spans, run, spans)
    assert sum(isinstance(n, Foreign) for n in marked) == 4_000


def test_languages_told_among_alternating_sets_as_by_one_restricted_each_time():
    """py3langid restricted once per set of languages, not again at every word that asks another set."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    fresh = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    sets = [("ru", "sr", "bg", "uk", "mk", "be"), ("ar", "fa", "ur"), ("en", "es", "fr", "pt", "de", "it")]
    texts = ["Српски језик", "рабочие мира", "العمال اتحدوا", "Les travailleurs du monde entier", "Os trabalhadores"]
    answers = _bounded(lambda: [classify_among(text, sets[k % 3]) for k in range(3_000) for text in texts[k % 5:][:1]])
    for k, (language, confidence) in enumerate(answers[:30]):
        fresh.set_languages(list(sets[k % 3]))
        expected, expected_confidence = fresh.classify(texts[k % 5])
        assert language == expected and abs(confidence - float(expected_confidence)) < 1e-6
