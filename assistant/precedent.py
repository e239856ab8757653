"""Precedents: labelled questions asked before, and the actions that answered them.

Questions about one subject resemble each other more than any of them resembles the plan's wording: "our
open university teaches at a distance" and "e-learning for adults" are near, and both are about 16.1. A
dense channel's precedents are the single questions of the development set and the spent blind sets (the
same questions the query adapters are fitted on; never ``eval/questions.jsonl``, which stays a held-out
measure, nor a round's blind set), each with its model's pretrained vector and the actions its writer
labelled relevant (none for a question the plan does not answer). For a new question the channel finds its
nearest precedents and gives each action two numbers (:meth:`Precedents.votes`): its **vote**, the share of
the ``neighbours`` nearest precedents that cite it (each weighted by a softmax of its cosine), and its
**nearest**, how much less close the closest precedent citing it is than the closest precedent of all
(0 when that one cites it). The evidence models read both beside the retrieval scores
(:mod:`assistant.evidence`): they order and cut the candidates; they find none.

Written by ``scripts/build_precedents.py`` to ``assistant/data/precedents/<embedder>.npz``: the vectors
(float16), the labels and the model and plan they were built for. Another model or plan has none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .manifest import load_fitted, read_fitted, save_fitted

if TYPE_CHECKING:
    import numpy as np

    from .manifest import Manifest

log = logging.getLogger(__name__)
PRECEDENT_DIR = Path(__file__).resolve().parent / "data" / "precedents"
NEIGHBOURS = 20  # the nearest precedents that vote (10 to 40 did alike on held-out halves of the blind sets)
TEMPERATURE = 0.05  # of the softmax over their cosines (0.02 to 0.1 did alike)
FAR = -1.0  # "nearest" for an action no precedent cites


@dataclass(frozen=True)
class Votes:
    """What the precedents say of each action for one question: its vote (0..1) and its nearest (<= 0)."""

    vote: dict[str, float]
    nearest: dict[str, float]


@dataclass(frozen=True)
class Precedents:
    """One dense model's labelled questions: unit vectors, one row per question, and the actions each cites."""

    model_id: str
    chunks_sha256: str
    vectors: np.ndarray = field(repr=False)  # n x dim, float32, unit rows
    labels: tuple[tuple[str, ...], ...] = field(repr=False)  # per row, the relevant actions (none: not answered)
    provenance: dict = field(default_factory=dict, repr=False, compare=False)
    neighbours: int = NEIGHBOURS
    temperature: float = TEMPERATURE

    def __post_init__(self) -> None:
        import numpy as np

        if len(self.labels) != len(self.vectors):
            raise ValueError(f"{len(self.vectors)} vectors but {len(self.labels)} labels")
        if self.neighbours < 1 or self.temperature <= 0:
            raise ValueError("neighbours and temperature must be positive")
        cited = sorted({a for row in self.labels for a in row})
        matrix = np.zeros((len(self.labels), len(cited)), dtype=bool)  # row i cites column j's action
        column = {a: j for j, a in enumerate(cited)}
        for i, row in enumerate(self.labels):
            matrix[i, [column[a] for a in row]] = True
        # the rows citing each action, one run per action: the nearest is one reduction over them
        rows = [np.flatnonzero(matrix[:, j]) for j in range(len(cited))]
        starts = np.cumsum([0] + [len(r) for r in rows[:-1]]) if rows else np.zeros(0, dtype=np.int64)
        object.__setattr__(self, "_cited", column)
        object.__setattr__(self, "_matrix", matrix)
        object.__setattr__(self, "_runs", (np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64), starts))

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def fits(self, manifest: Manifest) -> bool:
        """Whether these precedents were built for the model and the plan's chunks an index was built with."""
        return (manifest.model_id, manifest.dim, manifest.chunks_sha256) == (self.model_id, self.dim,
                                                                             self.chunks_sha256)

    def votes(self, vectors: np.ndarray, actions: list[str]) -> list[Votes]:
        """Each of ``actions``' vote and nearest for each of the questions' pretrained unit ``vectors`` (one
        row per question)."""
        import numpy as np

        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        if not len(self):
            return [Votes(dict.fromkeys(actions, 0.0), dict.fromkeys(actions, FAR)) for _ in vectors]
        out = []
        # einsum, not BLAS: a product this size makes OpenBLAS start its threads, which then wait on the sentence
        # model's (ask p50 28 -> 75 ms measured; 31 ms with one BLAS thread; einsum costs about 0.1 ms a question)
        for cosines in np.einsum("qd,nd->qn", vectors, self.vectors):
            top = np.argpartition(-cosines, min(self.neighbours, len(self)) - 1)[: self.neighbours]
            closest = float(cosines[top].max())
            weights = np.exp((cosines[top] - closest) / self.temperature)
            share = (weights / weights.sum()) @ self._matrix[top]  # per cited action, the nearest ones' weight
            # per cited action, the cosine of the closest question citing it
            citing, starts = self._runs
            near = np.maximum.reduceat(cosines[citing], starts) - closest if len(starts) else starts
            vote, nearest = {}, {}
            for action in actions:
                j = self._cited.get(action)
                vote[action] = 0.0 if j is None else round(float(share[j]), 6)
                nearest[action] = FAR if j is None else round(float(near[j]), 6)
            out.append(Votes(vote, nearest))
        return out

    def save(self, path: Path) -> None:
        import numpy as np

        meta = {"model_id": self.model_id, "chunks_sha256": self.chunks_sha256, "neighbours": self.neighbours,
                "temperature": self.temperature, "labels": [list(x) for x in self.labels], **self.provenance}
        save_fitted(path, {"vectors": self.vectors.astype(np.float16)}, meta)

def precedent_path(embedder_name: str, folder: Path | None = None) -> Path:
    """Where the precedents of an embedder ("minilm", "e5") are kept: ``assistant/data/precedents/`` by default."""
    return (folder or PRECEDENT_DIR) / f"{embedder_name}.npz"


def _read(path: Path) -> Precedents:
    import numpy as np

    vectors, meta, _ = read_fitted(path, "vectors", "vectors")
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms > 0, norms, 1.0)  # float16 storage: unit again
    if not isinstance(meta.get("labels"), list):
        raise ValueError("no labels")
    labels = meta.pop("labels")
    if not all(isinstance(row, list) and all(isinstance(a, str) for a in row) for row in labels):
        raise ValueError("labels must be lists of action numbers")
    return Precedents(meta.pop("model_id"), meta.pop("chunks_sha256"), vectors, tuple(tuple(r) for r in labels),
                      meta, int(meta.pop("neighbours", NEIGHBOURS)), float(meta.pop("temperature", TEMPERATURE)))


def load_precedents(embedder_name: str, manifest: Manifest, folder: Path | None = None) -> Precedents | None:
    """The precedents built for this embedder, model and plan; None when there are none or they were built for
    another model or plan. A damaged file is none too, with a warning: the assistant keeps serving."""
    return load_fitted(precedent_path(embedder_name, folder), _read, manifest, log, "precedents")
