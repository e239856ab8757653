"""The assistant's own words around the plan, per language: one data file each
(``assistant/data/ui-<lang>.toml``), with a section per face (``app``: the interface's labels;
``briefing``: a briefing note's). A fourth language is one more file. Pure."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from .errors import ElacError
from .lang import LANGS, Lang

DATA = Path(__file__).resolve().parent / "data"


@cache
def ui_words(lang: Lang, section: str) -> dict[str, str]:
    """The words of ``section`` in ``lang``."""
    return dict(tomllib.loads((DATA / f"ui-{lang}.toml").read_text(encoding="utf-8"))[section])


def translations(section: str) -> dict[str, dict[str, str]]:
    """{language: {key: words}} for every language, as ``gr.I18n`` takes them."""
    return {lang: ui_words(lang, section) for lang in LANGS}


def interface_lang(page: str | None = None, accept_language: str | None = None) -> Lang:
    """The interface's language for a request: the page's own (its ``<html lang>``, which Gradio sets from
    the browser and its Settings switch), else the browser's preferred one that we speak
    (``Accept-Language: pt-BR,pt;q=0.9,en;q=0.8``), else English."""
    for tag in [page or "", *_preferred(accept_language or "")]:
        primary = tag.strip().split("-")[0].split("_")[0].lower()
        if primary in LANGS:
            return primary  # type: ignore[return-value]
    return "en"


def _preferred(header: str) -> list[str]:
    """An Accept-Language header's tags, most preferred first (``q`` weights; order breaks ties)."""
    weighted = []
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, rest = part.strip().partition(";")
        q = 1.0
        if rest.strip().startswith("q="):
            try:
                q = float(rest.strip()[2:])
            except ValueError:
                q = 0.0
        if tag and q > 0:
            weighted.append((-q, i, tag))
    return [tag for _, _, tag in sorted(weighted)]


def number(value: int, lang: Lang) -> str:
    """A whole number as the language groups its digits (2,000 / 2.000)."""
    text = f"{value:,}"
    return text if lang == "en" else text.replace(",", ".")


def said(lang: Lang, key: str, **params: object) -> str:
    """One of the app's own sentences (section ``said``) in ``lang``, filled with ``params``; whole numbers
    grouped as the language does."""
    template = ui_words(lang, "said").get(key) or ui_words("en", "said")[key]
    return template.format(**{k: number(v, lang) if isinstance(v, int) else v for k, v in params.items()})


def error_words(error: ElacError, lang: Lang) -> str:
    """An error as the user reads it in ``lang``: its translation (section ``errors``, by the error's
    ``code``) where one exists, else its own English message."""
    template = ui_words(lang, "errors").get(error.code or "") if lang != "en" else None
    if template is None:
        return str(error)
    params = {k: number(v, lang) if isinstance(v, int) else v for k, v in error.params.items()}
    text = template.format(**params)
    suggestions = getattr(error, "suggestions", ())
    if suggestions:
        text += ui_words(lang, "errors")["nearest"].format(nearest=", ".join(suggestions))
    return text
