"""Invisible characters (core/invisible_text.py): removed before comparing, reported inside words."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mammogram_callbacks.core.invisible_text import invisible_inside_words, is_invisible, normalise

from tests.support.paths import REPO

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
LRM, RLM, RLE, PDF, RLI, PDI = "\u200e", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069"
NAMED = [ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY, LRM, RLM, RLE, PDF, RLI, PDI]


# ---- normalise ---------------------------------------------------------------------------------


def test_a_zero_width_space_inside_a_word_is_found_with_its_column():
    assert invisible_inside_words(f"a mam{ZWSP}mogram") == [(5, "ZERO WIDTH SPACE")]


def test_each_invisible_character_of_a_run_inside_a_word_is_reported():
    assert invisible_inside_words(f"mam{ZWSP}{SHY}mogram") == [(3, "ZERO WIDTH SPACE"), (4, "SOFT HYPHEN")]


@pytest.mark.parametrize("char", NAMED)
def test_every_named_invisible_character_is_removed(char):
    assert is_invisible(char)
    assert normalise(f"mam{char}mogram") == "mammogram"


def test_a_soft_hyphen_cannot_hide_a_forbidden_term():
    # "positive mammogram" is forbidden in the termbase (data/termbase/en.yml).
    written = f"This is not a positive mam{SHY}mogram."
    assert "positive mammogram" not in written
    assert "positive mammogram" in normalise(written)
    assert invisible_inside_words(written) == [(26, "SOFT HYPHEN")]


def test_a_joiner_cannot_make_an_approved_arabic_term_look_missing():
    # "الماموغرام" (the mammogram), with a zero-width non-joiner typed between two letters.
    written = f"الماموغ{ZWNJ}رام"
    assert normalise(written) == "الماموغرام"
    assert invisible_inside_words(written) == [(7, "ZERO WIDTH NON-JOINER")]


def test_other_format_characters_are_removed_through_their_category():
    # Not in the hand list of the module: Mongolian vowel separator, interlinear annotation, a tag.
    for char in ("\u180e", "\ufff9", "\U000e0041", "\u2064"):
        assert unicodedata.category(char) == "Cf"
        assert normalise(f"a{char}b") == "ab"


def test_default_ignorable_characters_outside_cf_are_removed_too():
    for char in ("\u034f", "\ufe0f", "\u3164", "\U000e0100"):
        assert unicodedata.category(char) != "Cf"
        assert normalise(f"a{char}b") == "ab"


def test_nfc():
    # Vietnamese typed with combining marks: "ế" as e + circumflex + acute.
    assert normalise("bi\u0065\u0302\u0301n") == "biến"
    assert normalise("e\u0301") == "\u00e9"
    assert normalise("\u00e9") == "\u00e9"


def test_an_invisible_character_between_a_letter_and_its_accent_is_removed_before_composing():
    assert normalise(f"e{SHY}\u0301") == "\u00e9"


def test_visible_text_is_left_alone():
    text = "召回复查很常见。 الاستدعاء شائع، ١٠٪. Una llamada (callback) es común: «no es cáncer»."
    assert normalise(text) == text
    assert invisible_inside_words(text) == []


# ---- Word boundaries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"العمر {RLM}40 عامًا",  # a right-to-left mark before digits
        f"عمر{RLM}40",  # right after a word, before digits
        f"كلمة{RLM} أخرى",  # at the end of a word
        f"{BOM}# Title",  # a byte order mark at the start of a file
        f"see {LRM}BI-RADS{LRM} 0",  # around a code in a right-to-left page
        f"{RLI}اسم{PDI} and more",  # an isolate around a word
        f"end{ZWSP}",  # at the end of a text
        f"👩{ZWJ}⚕",  # between two symbols (an emoji sequence)
    ],
)
def test_an_invisible_character_at_a_word_boundary_is_not_reported(text):
    assert invisible_inside_words(text) == []


def test_inside_a_chinese_run_of_characters_is_inside_a_word():
    # Chinese has no spaces: a zero-width space between two characters can split a term.
    assert invisible_inside_words(f"致密{ZWSP}型乳腺") == [(2, "ZERO WIDTH SPACE")]


def test_a_letter_followed_by_a_mark_counts_as_inside_a_word():
    # Arabic fathatan (a combining mark) after the invisible character.
    assert invisible_inside_words(f"جد{ZWJ}\u064b") == [(2, "ZERO WIDTH JOINER")]


# ---- Properties --------------------------------------------------------------------------------

FORMAT_CHARS = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
texts = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(FORMAT_CHARS),
        st.sampled_from(["e", "\u0301", "\u0302", "\u0323", "\u064b", "ا", "召", " "]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400)
@given(texts)
def test_normalise_is_idempotent_and_leaves_no_format_character(text):
    once = normalise(text)
    assert normalise(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert not any(unicodedata.category(c) == "Cf" or is_invisible(c) for c in once)


@given(texts)
def test_every_reported_column_holds_an_invisible_character(text):
    for column, name in invisible_inside_words(text):
        assert is_invisible(text[column])
        assert name == unicodedata.name(text[column], name)


# ---- The real pages ----------------------------------------------------------------------------


def test_the_real_pages_have_no_invisible_character_inside_a_word():
    # Measured: no page of any language has a Cf character at all (nor any other invisible one).
    found = []
    for path in sorted((REPO / "docs").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for column, name in invisible_inside_words(line):
                found.append(f"{path.relative_to(REPO)}:{number}:{column}: {name}")
    assert found == []
