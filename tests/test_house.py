"""The house rules that keep the code easy to change, checked on the source (fast)."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "assistant"
# modules outside the reading layer that may run regular expressions, and on what: never the user's words
REGEX_ALLOWED = {
    "parse.py": "the plan's text",
    "pdf.py": "the plan's PDF text",
    "answer.py": "the plan's text (quotes) and the answer's own citation markers",
    "render.py": "Markdown escaping of what is shown",
    "manifest.py": "checksums in the index manifest",
    "embed.py": "the hashing fake embedder's tokens",
    "chunks.py": "the plan's text (an action's clauses)",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


def test_only_the_reading_layer_reads_the_users_words_with_patterns():
    using = {p.name for p in PACKAGE.glob("*.py") if "re" in _imports(p)}
    assert using <= set(REGEX_ALLOWED), f"a new module runs regular expressions: {sorted(using - set(REGEX_ALLOWED))}"


def test_the_reading_layer_knows_nothing_of_models_or_indexes():
    heavy = {"..retrieve", "..store", "..embed", "..core", "..answer", "..service", "torch", "faiss", "gradio"}
    for path in (PACKAGE / "reading").glob("*.py"):
        assert not (_imports(path) & heavy), (path.name, _imports(path) & heavy)


def test_nothing_below_the_faces_imports_a_face():
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("cli.py", "__main__.py"):
            continue
        imported = _imports(path)
        assert not {"gradio", "argparse", "app", ".cli"} & imported, (path.name, imported)
    assert "assistant.cli" not in _imports(ROOT / "app.py")


def test_one_lexicon_file_per_language():
    from assistant.lang import LANGS
    from assistant.reading.lexicon import FOLDER, lexicon, words

    assert sorted(p.stem for p in FOLDER.glob("*.toml")) == sorted(LANGS)
    for lang in LANGS:
        assert lexicon(lang)["markers"], lang  # every language can be told apart
    assert {"que", "cuales", "quais"} <= words("frame") and "the" in words("stopwords")  # folded words
