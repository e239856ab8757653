"""Text normalising shared by the reading layer and the BM25 analyzer: accent folding and content words. Pure."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Sequence
from functools import lru_cache

from .lexicon import words as lexicon_words

STOPWORDS = lexicon_words("stopwords")
_TOKEN = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Educación' -> 'educacion'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def phrases(*names: str) -> str:
    """The words and phrases of the lexicons' lists ``names`` (phrases written with "_"), folded, as a regular
    expression's alternatives, longest first ("no later than" before "later than")."""
    found = {fold(w).replace("_", " ") for name in names for w in lexicon_words(name)}
    return "|".join(re.escape(w) for w in sorted(found, key=len, reverse=True))


# the function words of every language, folded: the English stopwords and the Spanish and Portuguese "stop" words
FUNCTION_WORDS = STOPWORDS | {fold(w) for w in lexicon_words("stop")}


_CONTRACTIONS = (("nt", "n't"), ("s", "'s"), ("re", "'re"), ("ve", "'ve"), ("ll", "'ll"), ("m", "'m"), ("d", "'d"))
_BARE = re.compile(r"\b[A-Za-z]{2,}\b")
CONTRACTION_GAIN = 1.0  # Zipf: a contraction typed without its apostrophe is this much commoner with it
CONTRACTION_MIN = 3.9  # ... and this common ("where's" 4.1; "she'll" 4.2 is no commoner than "shell")


def with_apostrophes(text: str) -> str:
    """English contractions typed without their apostrophe given it back ("whats" -> "what's", "dont" -> "don't"):
    the form with the apostrophe must be much commoner in English (wordfreq) than the word as typed, so that
    "its", "were", "well", "ill" and "lets" stay as they are."""
    from wordfreq import zipf_frequency

    def restored(m: re.Match[str]) -> str:
        word = m[0]
        typed = zipf_frequency(word, "en")
        for ending, apostrophe in _CONTRACTIONS:
            if word.lower().endswith(ending):
                candidate = word[: -len(ending)] + apostrophe
                found = zipf_frequency(candidate, "en")
                if found >= CONTRACTION_MIN and found - typed >= CONTRACTION_GAIN:
                    return candidate
        return word

    return _BARE.sub(restored, text)


def cut(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` without the ``spans`` (start, end) found in ``fold(text)``, whitespace-normalised; whole when a
    letter folds into two (the places would not match)."""
    if len(fold(text)) != len(text):
        return " ".join(text.split())
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]} {text[end:]}"
    return " ".join(text.split())


# a quoted word or phrase ('models', "human development", “regional identity”, «gobierno electrónico»), each opening
# mark with its own closing one: opened after a space, a bracket or "¿", and closed before one or a dash, so that
# the apostrophes of "the plan's region's" quote nothing
_QUOTE_PAIRS = (("'", "'"), ('"', '"'), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"))
_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[:,;\u00bf\u00a1\-\u2013\u2014/]))(?:"
    + "|".join(f"{re.escape(a)}([^{re.escape(b)}\\n]{{1,60}}?){re.escape(b)}" for a, b in _QUOTE_PAIRS)
    + r")(?=$|[\s.,;:!?)\]\-\u2013\u2014/])"
)


def quote_spans(text: str) -> list[re.Match[str]]:
    """Where ``text`` quotes something, quotation marks included."""
    return list(_QUOTED.finditer(text))


def quoted(text: str) -> tuple[str, ...]:
    """The words and phrases ``text`` quotes, in order (none that is only spaces)."""
    found = (next(g for g in m.groups() if g is not None).strip() for m in quote_spans(text))
    return tuple(q for q in found if q)


def tokens(text: str) -> list[str]:
    """Every word and number of ``text``, folded, in order."""
    return _TOKEN.findall(fold(text))


def words(text: str) -> list[str]:
    return [w for w in tokens(text) if w not in STOPWORDS and not w.isdigit()]


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


_MARKUP = re.compile(r"<[^<>]{0,500}>|\b(?:https?|ftp)://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def without_markup(text: str) -> str:
    """The text without HTML tags and their attributes (``<img src=x onerror=...>``), links and e-mail
    addresses: no one asks about them."""
    return _MARKUP.sub(" ", text)


def terms(text: str, vocabulary: Sequence[str] = (), known: Collection[str] = (),
          drop: Collection[str] = ()) -> list[str]:
    """The stemmed content words of English text: what a question asks about (without the words in ``drop``,
    its typos repaired against the plan's ``vocabulary``), and what an action says."""
    return [stem for stem, _ in stemmed(text, vocabulary, known, drop)]


def stemmed(text: str, vocabulary: Sequence[str] = (), known: Collection[str] = (),
            drop: Collection[str] = ()) -> list[tuple[str, str]]:
    """:func:`terms`, each with the word it stems from (typos repaired): (stem, word)."""
    found = [w for w in words(without_markup(text)) if w not in drop]
    found = repair(found, vocabulary, known) if vocabulary else found
    return list(zip(_stemmer().stemWords(found), found, strict=True))


INFORMATION_TOP = 7.0  # Zipf: a word's weight as a term is how much rarer than this it is ("them" 6.6, "gender" 4.8)


def information(word: str) -> float:
    """How much a word of a question says about its subject: rarer words in general English say more
    (wordfreq Zipf below :data:`INFORMATION_TOP`), between 0.25 ("them") and 3 ("blockchain")."""
    from wordfreq import zipf_frequency

    return min(3.0, max(0.25, INFORMATION_TOP - zipf_frequency(word, "en")))


def repair(tokens: list[str], vocabulary: Sequence[str], known: Collection[str]) -> list[str]:
    """Replace a word the plan never uses by the closest one it does ('helth' -> 'health'); ``known`` is
    ``vocabulary`` as a set."""
    words = vocabulary if isinstance(vocabulary, tuple) else tuple(vocabulary)
    return [token if token in known or len(token) < 4 else _closest(token, words) for token in tokens]


TYPO_BELOW = 3.0  # Zipf: misspellings are rarer ("goverment" 2.7), words of their own commoner ("auctions" 3.5)
VARIANT_PREFIX = 4  # letters a spelling variant shares with the plan's word ("marginalised", "marginalized")


@lru_cache(maxsize=16384)
def _closest(token: str, vocabulary: tuple[str, ...]) -> str:
    """The plan's word closest to ``token`` (difflib, ratio >= 0.8), else ``token``: remembered, since the
    search costs milliseconds and the same words come back."""
    close = difflib.get_close_matches(token, vocabulary, n=1, cutoff=0.8)
    return close[0] if close and is_variant(token, close[0]) else token


def is_variant(word: str, plan_word: str) -> bool:
    """Whether ``word``, close to ``plan_word`` in letters, is that word misspelt ("goverment") or spelt another
    way ("marginalised"), not a word of its own that looks like it ("auctions" is not "actions", "taxes" not
    "takes"): a misspelling is rare in general English; a spelling variant begins as the plan's word does."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") < TYPO_BELOW or word[:VARIANT_PREFIX] == plan_word[:VARIANT_PREFIX]
