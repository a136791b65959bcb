"""Steps that compared every block with every other, now in about linear time: the same answers as the
comparisons they replace (on random issues), and no runaway on a manuscript of thousands of them."""

from __future__ import annotations

import math
import random
import time

from pipeline.model import Article, Headline, Kicker, Paragraph, Source, Text, narrowest_holding
from pipeline.normalize.boxes import TEASER_MATCH, _best_story, _Stories, _words
from pipeline.normalize.doubts import narrowest_holders
from pipeline.normalize.edit import text_of

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
