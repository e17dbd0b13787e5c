"""The trie pattern matches exactly the same words, longest first, as a plain alternation."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pe_trie import trie_pattern


def test_longest_form_wins():
    pattern = re.compile(rf"(?<!\w)(?:{trie_pattern(['mammogram', 'diagnostic mammogram', 'mass', 'masses'])})(?!\w)")
    assert pattern.findall("a diagnostic mammogram, masses and a mass; mammograms") == [
        "diagnostic mammogram", "masses", "mass"]


@given(words=st.lists(st.text(alphabet="abcé -", min_size=1, max_size=6), min_size=1, max_size=12, unique=True),
       text=st.text(alphabet="abcé -.", max_size=40))
def test_same_matches_as_a_longest_first_alternation(words, text):
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    expected = [m.group(0) for m in re.finditer(rf"(?<!\w)(?:{plain})(?!\w)", text)]
    actual = [m.group(0) for m in re.finditer(rf"(?<!\w)(?:{trie_pattern(words)})(?!\w)", text)]
    assert actual == expected
