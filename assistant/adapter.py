"""Query adapters: a dense channel's question vectors moved toward the plan's actions that such questions ask about.

A pretrained sentence model places "our open university teaches at a distance" far from "distance learning"
in 16.1's words, and every question that names "eLAC" near action 27 ("implementation of eLAC 2007"). An
adapter is a learned linear map of the query vector, ``q -> normalise(q + q @ M)`` (the passages are not
touched, so the index stays as built), fitted by ``scripts/fit_adapter.py`` on labelled questions: the
spent blind sets and the development set, never ``eval/questions.jsonl`` (the tuning set stays unseen,
a held-out measure) nor the blind set of the current round. The residual ``M`` is kept small by weight decay,
so an unlike question keeps its pretrained neighbours.

An adapter ranks; it does not say how close a question is: the cosines that the evidence models and the
coverage check read stay the pretrained model's (:class:`assistant.retrieve.Retriever` keeps both).

It may also hold a learnt "none of the plan" direction, fitted on the same sets' questions the plan does not
answer (near-topic ones among them: "a right to disconnect", "a regional satellite"): a 71st choice beside the
70 actions, whose probability (:meth:`QueryAdapter.outside`) says that no action answers the question. Above the
adapter's ``gate`` (chosen on held-out halves of the blind sets) the assistant abstains.

It applies only to the model and the plan it was fitted for (model id, dimension and the chunks' sha256 in
the index manifest): another plan or model searches with the pretrained vectors.
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
ADAPTER_DIR = Path(__file__).resolve().parent / "data" / "adapters"


@dataclass(frozen=True)
class QueryAdapter:
    """A fitted residual map of one model's query vectors, for one plan's chunks."""

    model_id: str
    chunks_sha256: str
    matrix: np.ndarray = field(repr=False)  # dim x dim, float32
    provenance: dict = field(default_factory=dict, repr=False, compare=False)
    null: np.ndarray | None = field(default=None, repr=False, compare=False)  # "none of the plan" direction (dim)
    null_bias: float = 0.0
    temperature: float = 0.05  # of the softmax over the actions' cosines and the null score
    gate: float | None = None  # abstain at this probability of "none of the plan" (None: no gate)

    @property
    def dim(self) -> int:
        return int(self.matrix.shape[0])

    def fits(self, manifest: Manifest) -> bool:
        """Whether this adapter was fitted for the model and the plan's chunks an index was built with."""
        return (manifest.model_id, manifest.dim, manifest.chunks_sha256) == (self.model_id, self.dim,
                                                                             self.chunks_sha256)

    def apply(self, vectors: np.ndarray) -> np.ndarray:
        """Unit query vectors moved by the adapter (still unit length, float32)."""
        import numpy as np

        moved = vectors + vectors @ self.matrix
        norms = np.linalg.norm(moved, axis=1, keepdims=True)
        return (moved / np.where(norms > 0, norms, 1.0)).astype(np.float32)

    def outside(self, moved: np.ndarray, action_scores: np.ndarray) -> float | None:
        """The probability that no action answers: the null choice's share of a softmax over the 70 actions'
        scores (adapted cosines) and the null score of the adapted question vector ``moved``."""
        import numpy as np

        if self.null is None:
            return None
        logits = np.append(action_scores, float(moved @ self.null) + self.null_bias) / self.temperature
        logits -= logits.max()
        return float(np.exp(logits[-1]) / np.exp(logits).sum())

    def save(self, path: Path) -> None:
        import numpy as np

        meta = {"model_id": self.model_id, "chunks_sha256": self.chunks_sha256, "null_bias": self.null_bias,
                "temperature": self.temperature, "gate": self.gate, **self.provenance}
        arrays = {"matrix": self.matrix.astype(np.float32)}
        if self.null is not None:
            arrays["null"] = self.null.astype(np.float32)
        save_fitted(path, arrays, meta)

def adapter_path(embedder_name: str, folder: Path | None = None) -> Path:
    """Where the adapter of an embedder ("minilm", "e5") is kept: ``assistant/data/adapters/`` by default."""
    return (folder or ADAPTER_DIR) / f"{embedder_name}.npz"


def _read(path: Path) -> QueryAdapter:
    import numpy as np

    matrix, meta, others = read_fitted(path, "matrix", "matrix", square=True)
    null = others.get("null")
    if null is not None and (null.dtype.kind != "f" or null.shape != (matrix.shape[0],)
                             or not np.isfinite(null).all()):
        raise ValueError(f"the null direction is not a finite vector of {matrix.shape[0]} ({null.dtype}, {null.shape})")
    gate = meta.pop("gate", None)
    numbers = (float(meta.pop("null_bias", 0.0)), float(meta.pop("temperature", 0.05)))
    if not all(np.isfinite(numbers)) or numbers[1] <= 0 or not (gate is None or 0.0 < float(gate) <= 1.0):
        raise ValueError("null bias, temperature or gate out of range")
    return QueryAdapter(meta.pop("model_id"), meta.pop("chunks_sha256"), matrix, meta,
                        None if null is None else null.astype(np.float32), numbers[0], numbers[1],
                        None if gate is None else float(gate))


def load_adapter(embedder_name: str, manifest: Manifest, folder: Path | None = None) -> QueryAdapter | None:
    """The adapter fitted for this embedder, model and plan; None when there is none or it was fitted for
    another model or plan. A damaged file is none too, with a warning: the channel searches with the
    pretrained vectors and the assistant keeps serving."""
    return load_fitted(adapter_path(embedder_name, folder), _read, manifest, log, "query adapter")
