"""The hyphen decision at a break: the issue's vocabulary first, the word list second."""

import pytest

from pipeline.normalize.hyphenation import Vocabulary, decide_hyphen

EMPTY = Vocabulary.of([])


@pytest.mark.parametrize("left, right", [
    ("Revolu", "tion"), ("vigor", "ous"), ("appear", "ance"), ("in", "cluded"), ("will", "ing"), ("con", "vinced"),
    ("aver", "age"), ("com", "munication"), ("oppor", "tunism"), ("Pub", "lished"), ("bru", "tal"),
])
def test_soft_hyphens_are_removed_by_the_word_list(left, right):
    join, reason = decide_hyphen(left, right, EMPTY)
    assert join, reason


@pytest.mark.parametrize("left, right", [
    ("anti", "immigrant"), ("Pro", "Palestinian"), ("US", "backed"), ("COVID", "19"), ("11", "year"),
    ("long", "term"), ("twenty", "two"), ("next", "door"), ("non", "antagonistic"),
])
def test_compounds_keep_their_hyphen(left, right):
    join, reason = decide_hyphen(left, right, EMPTY)
    assert not join, reason


def test_the_issue_vocabulary_wins_over_the_word_list():
    # the word list has `workingclass`-like noise; the issue writes `working-class`
    vocabulary = Vocabulary.of(["our working-class interests", "the working-class has no nation"])
    assert decide_hyphen("working", "class", vocabulary) == (False, "the issue writes “working-class” 2×")
    vocabulary = Vocabulary.of(["capitalist states and capitalist wars"])
    assert decide_hyphen("cap", "italist", vocabulary)[0]


def test_spanish_word_list():
    assert decide_hyphen("traba", "jadores", EMPTY, "es")[0]
