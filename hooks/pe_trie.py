"""A regular expression that matches any of many words, built as a trie.

`re` tries the alternatives of `a|b|c|...` one by one at every position of the text; with the
hundreds of terms of a termbase that dominates a check. Sharing prefixes (`calcif(?:ication|...)`)
lets it reject most positions after one character. Longer forms are still preferred, so at any
position the longest form wins, as with a longest-first alternation.
"""

from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """A pattern (without flags or boundaries) matching exactly the given words, longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body
