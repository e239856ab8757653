"""The assistant's own words around the plan, per language: one data file each
(``assistant/data/ui-<lang>.toml``), with a section per face (``app``: the interface's labels;
``briefing``: a briefing note's). A fourth language is one more file. Pure."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from .lang import LANGS, Lang

DATA = Path(__file__).resolve().parent / "data"


@cache
def ui_words(lang: Lang, section: str) -> dict[str, str]:
    """The words of ``section`` in ``lang``."""
    return dict(tomllib.loads((DATA / f"ui-{lang}.toml").read_text(encoding="utf-8"))[section])


def translations(section: str) -> dict[str, dict[str, str]]:
    """{language: {key: words}} for every language, as ``gr.I18n`` takes them."""
    return {lang: ui_words(lang, section) for lang in LANGS}
