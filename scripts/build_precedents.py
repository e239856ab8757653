"""Build the precedents of the dense channels (assistant/precedent.py): labelled questions asked before.

    python scripts/build_precedents.py    # write assistant/data/precedents/<embedder>.npz

The precedents are the questions the query adapters are fitted on (scripts/fit_adapter.py: the single
questions of the development set and of the spent blind sets, each with its labelled actions or none), each
embedded as its channel reads it (the English channel the English gloss, the multilingual one the text typed)
with the pretrained model. The tuning set (eval/questions.jsonl) is never among them, nor a round's blind set.
scripts/fit_evidence.py builds them per half of the blind sets (:func:`build`), so that the evidence models
learn from votes of precedents that did not include the question; refit it after building.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from assistant import Assistant
from assistant.precedent import PRECEDENT_DIR, Precedents, precedent_path
from assistant.reading import read_search
from assistant.retrieve import Channel, Retriever

ROOT = Path(__file__).resolve().parent.parent


def build(channel: Channel, retriever: Retriever, rows: list[dict]) -> Precedents:
    """One dense channel's precedents: ``rows`` (scripts/fit_adapter.py's examples) with their vectors."""
    import numpy as np

    texts = [Retriever._channel_text(read_search(retriever.plan, r["question"]), channel.name) for r in rows]
    vectors = np.asarray(channel.embedder.embed(texts, kind="query"), dtype=np.float32)
    manifest = channel.index.manifest
    return Precedents(manifest.model_id, manifest.chunks_sha256, vectors,
                      tuple(tuple(r["relevant"]) for r in rows))


def main() -> None:
    import fit_adapter  # scripts/, beside this file

    assistant = Assistant.load(adapters=False)
    groups = {name: fit_adapter.examples(paths) for name, paths in fit_adapter.GROUPS.items()}
    every = [r for rows in groups.values() for r in rows]
    provenance = {"built_from": {name: len(rows) for name, rows in groups.items()},
                  "examples_sha256": hashlib.sha256(json.dumps(every, sort_keys=True).encode()).hexdigest(),
                  "built_by": "scripts/build_precedents.py"}
    for channel in assistant.retriever.channels.values():
        built = build(channel, assistant.retriever, every)
        path = precedent_path(channel.embedder.name, PRECEDENT_DIR)
        Precedents(built.model_id, built.chunks_sha256, built.vectors, built.labels, provenance).save(path)
        print(f"wrote {path.relative_to(ROOT)} ({built.model_id}, {len(built)} questions)")


if __name__ == "__main__":
    main()
