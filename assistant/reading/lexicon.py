"""The reading layer's word lists, one TOML file per language (``lexicons/en.toml``, ``es.toml``,
``pt.toml``): each file holds that language's words for every use (language markers, stopwords,
list and overview frames, follow-up words, number look-ups). A new language is one more file.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from ..lang import LANGS, Lang

FOLDER = Path(__file__).resolve().parent / "lexicons"


@cache
def lexicon(lang: Lang) -> dict[str, frozenset[str]]:
    """One language's lists, by name."""
    data = tomllib.loads((FOLDER / f"{lang}.toml").read_text(encoding="utf-8"))
    # a line of a list that begins with "#" says what the words below it are for: it is no word of the list
    return {name: frozenset(w for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split())
            for name, text in data.items()}


@cache
def words(name: str) -> frozenset[str]:
    """The list ``name`` of every language together (a question may mix them: "¿y la segunda one?")."""
    return frozenset().union(*(lexicon(lang).get(name, frozenset()) for lang in LANGS))


@cache
def valued(name: str) -> dict[str, int]:
    """A list of ``word:value`` items of every language together: "three:3", "ultima:-1"."""
    pairs = (item.split(":") for item in words(name))
    return {word: int(value) for word, value in pairs}
