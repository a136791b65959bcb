"""Words as the integrity checks count them, in every script: combining marks belong to their word,
and a word missing from a story's text is caught whatever its direction."""

from collections import Counter

from pipeline.checks.integrity import check_pdf_against_html, missing_words, word_list, words

STORY = ('<html><body><main><article id="story-a"><header><h2>Leaflets</h2></header>'
         '<p>The title <bdi lang="ar" dir="rtl">يا عمال العالم اتحدوا</bdi> was read at the gate.</p>'
         '<p lang="hi">मज़दूरों का संघर्ष जारी है।</p></article></main></body></html>')


def test_a_word_keeps_its_combining_marks():
    # Python's \w leaves out Mn and Mc: `हिंदी` would read as `ह`, `द`
    assert word_list("हिंदी, বাংলা, العربيّة and e\u0301cole") == ["हिंदी", "বাংলা", "العربيّة", "and", "école"]
    assert word_list("क्ष\u200dत्रिय") == ["क्ष\u200dत्रिय"]  # a joiner inside a word is part of it


def test_a_lost_vowel_sign_is_a_lost_word():
    assert missing_words(words("श्रमिक संघर्ष"), "श्रमक संघर्ष") == Counter({"श्रमिक": 1})
    assert missing_words(words("সংগ্রাম চলছে"), "সংগ্রাম চলছে") == Counter()


def test_right_to_left_words_are_compared_in_logical_order():
    laid_out = "Leaflets\nThe title يا عمال العالم اتحدوا was read at the\ngate.\nमज़दूरों का संघर्ष जारी है।"
    assert check_pdf_against_html(STORY, laid_out) == []
    # the same words in visual order (as pdftotext gives them) are not the story's order
    visual = laid_out.replace("يا عمال العالم اتحدوا", "اتحدوا العالم عمال يا")
    assert check_pdf_against_html(STORY, visual) == ["story “Leaflets” from “عمال العالم اتحدوا was read at the gate”"]


def test_a_dropped_arabic_word_is_caught():
    laid_out = "Leaflets\nThe title يا عمال اتحدوا was read at the gate.\nमज़दूरों का संघर्ष जारी है।"
    misses = check_pdf_against_html(STORY, laid_out)
    assert len(misses) == 1 and "“العالم اتحدوا was read" in misses[0]
