"""The question's language: English, Spanish or Portuguese, from function words, endings and letters. Pure."""

from __future__ import annotations

import re

from ..lang import LANGS, Lang
from .lexicon import lexicon

_WORD = re.compile(r"[^\W\d_]+")
_MARKERS: dict[Lang, frozenset[str]] = {lang: lexicon(lang)["markers"] for lang in LANGS}
_LETTERS: dict[Lang, str] = {"es": "ñ¿¡", "pt": "ãõç"}
_ENDINGS: dict[Lang, re.Pattern[str]] = {
    "es": re.compile(r"(ción|ciones|dad|dades)$"),
    "pt": re.compile(r"(ção|ções|dade|dades|gem|mente)$"),
}


def detect(text: str) -> Lang | None:
    """English, Spanish or Portuguese by function words, endings and letters; None when nothing tells."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    lowered = text.lower()
    score: dict[Lang, float] = {lang: float(sum(t in _MARKERS[lang] for t in tokens)) for lang in LANGS}
    for lang in ("es", "pt"):
        score[lang] += 2 * sum(c in _LETTERS[lang] for c in lowered)
        score[lang] += 0.5 * sum(bool(_ENDINGS[lang].search(t)) for t in tokens)
    best = max(LANGS, key=lambda lang: (score[lang], lang == "en"))
    if score[best] == 0:
        return None
    if best != "en" and score["en"] >= score[best]:
        return "en"
    return best


def language_of(text: str, default: Lang = "en") -> Lang:
    return detect(text) or default
