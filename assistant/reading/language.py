"""The question's language: English, Spanish or Portuguese, from function words, endings and letters; for
words alone (a search such as "firma digital", "pagamento eletronico"), from how common each word is in
each language (``wordfreq``). Pure."""

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


def _letter_name(text: str, word: re.Match[str]) -> bool:
    """A lone letter that is no word of a language: a prefix ("e-signature") or a capital after the
    first word ("area E"); "e", "y", "a" and a first "O" or "E" are words."""
    if len(word[0]) > 1:
        return False
    after_first = bool(_WORD.search(text[:word.start()]))
    return text[word.end():word.end() + 1] == "-" or (word[0].isupper() and after_first)


def detect(text: str) -> Lang | None:
    """English, Spanish or Portuguese by function words, endings and letters; None when nothing tells."""
    tokens = [m[0].lower() for m in _WORD.finditer(text) if not _letter_name(text, m)]
    lowered = text.lower()
    score: dict[Lang, float] = {lang: float(sum(t in _MARKERS[lang] for t in tokens)) for lang in LANGS}
    for lang in ("es", "pt"):
        score[lang] += 2 * sum(c in _LETTERS[lang] for c in lowered)
        score[lang] += 0.5 * sum(bool(_ENDINGS[lang].search(t)) for t in tokens)
    best = max(LANGS, key=lambda lang: (score[lang], lang == "en"))
    if score[best] == 0:
        return _by_frequency(tokens)
    if best == "en" and any(score[lang] == score["en"] for lang in ("es", "pt")):
        # "el plan habla de redes de mujeres?": as many English markers ("plan") as Spanish ones; the words tell
        return _by_frequency(tokens) or "en"
    if best != "en" and score["es"] == score["pt"]:
        # "até quando era preciso concluí-la?": as many Spanish markers as Portuguese ones; the words tell
        return _of_two(tokens)
    return best


def language_of(text: str, default: Lang = "en") -> Lang:
    return detect(text) or default


def _totals(words: list[str]) -> dict[Lang, float]:
    """How common ``words`` are in each language (summed Zipf frequencies, wordfreq)."""
    from wordfreq import zipf_frequency

    return {lang: sum(zipf_frequency(w, lang) for w in words) for lang in LANGS}


def _of_two(tokens: list[str]) -> Lang:
    """Spanish or Portuguese, whichever the words are more common in."""
    total = _totals(tokens[:24])
    return "pt" if total["pt"] > total["es"] else "es"


FREQUENCY_MARGIN = 1.0  # how much more common (summed Zipf) the words must be in Spanish or Portuguese


def _by_frequency(tokens: list[str]) -> Lang | None:
    """Words with no function word, ending or letter that tells: the language in which they are clearly
    most common (summed Zipf frequencies; "firma digital": Spanish 9.4 and Portuguese 8.9 against English
    7.3), or None when neither English nor Spanish or Portuguese clearly wins ("software")."""
    words = [t for t in tokens if len(t) >= 3][:12]  # not letters: "e", "y", "a" are words of each
    if not words:
        return None
    total = _totals(words)
    other = max(("es", "pt"), key=lambda lang: total[lang])
    if total[other] >= total["en"] + FREQUENCY_MARGIN:
        return other  # type: ignore[return-value]
    return "en" if total["en"] >= total[other] + FREQUENCY_MARGIN else None
