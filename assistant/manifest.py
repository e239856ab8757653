"""The index manifest: what built an index, and the checksums of its files; checked field by field.

``manifest.json`` records the model, dimension, plan digests, versions, the FAISS index type and
the sha256 of exactly the two files the store writes. A manifest that is not what
:func:`assistant.store.build_index` writes (a missing or unknown field, a wrong type, a file name
outside the folder, ``{}`` checksums) is corrupt: the index is rebuilt, nothing else is read.
"""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Mapping

    import numpy as np

from .errors import IndexStateError, StaleIndexError

FORMAT = 2  # 2: the FAISS index type and its parameters are in the manifest
MANIFEST, VECTORS, CHUNKS = "manifest.json", "vectors.faiss", "chunks.jsonl"

IndexType = Literal["flat", "hnsw"]


@dataclass(frozen=True)
class Manifest:
    format: int
    model_id: str
    embedder: str
    dim: int
    normalised: bool
    metric: str
    corpus_sha256: str  # the file the index was built from (provenance)
    chunks_sha256: str  # what staleness is checked on: the same plan from .txt or .pdf shares an index
    package_version: str
    faiss_version: str
    chunk_count: int
    index_type: IndexType  # "flat" (exact) or "hnsw"
    index_params: dict[str, int]  # HNSW: M, efConstruction, efSearch
    built_at: str
    build_seconds: float
    files_sha256: dict[str, str]


MAX_MANIFEST_BYTES = 1_000_000  # a manifest is about 1 KB
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FIELD_TYPES: dict[str, type | tuple[type, ...]] = {
    "format": int, "model_id": str, "embedder": str, "dim": int, "normalised": bool, "metric": str,
    "corpus_sha256": str, "chunks_sha256": str, "package_version": str, "faiss_version": str,
    "chunk_count": int, "index_type": str, "index_params": dict, "built_at": str,
    "build_seconds": (int, float), "files_sha256": dict,
}
_PARAMS = {"flat": set(), "hnsw": {"M", "efConstruction", "efSearch"}}


def _is(value: object, kind: type | tuple[type, ...]) -> bool:
    """``isinstance`` where a bool is not a number (JSON ``true`` is no dimension)."""
    return isinstance(value, kind) and (kind is bool or not isinstance(value, bool))


def manifest_problem(data: object) -> str | None:
    """What makes ``data`` (a parsed manifest.json) not a manifest :func:`build_index` writes, or None."""
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__}, not an object"
    if set(data) != set(_FIELD_TYPES):
        odd = sorted(set(data) ^ set(_FIELD_TYPES), key=str)
        return f"fields missing or unknown: {', '.join(map(str, odd))[:80]}"
    for name, kind in _FIELD_TYPES.items():
        if not _is(data[name], kind):
            want = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            return f"{name} is a {type(data[name]).__name__}, not {want}"
    if data["dim"] < 1 or data["chunk_count"] < 0:
        return f"dim {data['dim']} or chunk_count {data['chunk_count']} out of range"
    params = data["index_params"]
    if data["index_type"] not in _PARAMS:
        return f"index_type {data['index_type'][:20]!r} is none of {', '.join(_PARAMS)}"
    expected = sorted(_PARAMS[data["index_type"]])
    if sorted(params) != expected:
        return f"index_params {sorted(params)}"[:80] + f" for {data['index_type']}, not {expected}"
    if not all(_is(v, int) and v > 0 for v in params.values()):
        return "index parameters that are not positive integers"
    files = data["files_sha256"]
    if set(files) != {VECTORS, CHUNKS}:  # exactly the files of the folder: never a path elsewhere, none skipped
        return f"files_sha256 names {sorted(map(str, files))}"[:120] + f", not {[CHUNKS, VECTORS]}"
    if not all(isinstance(v, str) and _HEX64.fullmatch(v) for v in files.values()):
        return "files_sha256 holds something other than sha256 digests"
    return None


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the index at ``folder``, its every field checked.

    Raises :class:`StaleIndexError` (no index, or another format) or :class:`IndexStateError` (corrupt).
    """
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise StaleIndexError(f"no index at {folder}: build it with: elac build")

    def corrupt(problem: str) -> IndexStateError:
        return IndexStateError(f"the index manifest {path} is corrupt ({problem}); rebuild with: elac build")

    if not stat.S_ISREG(path.lstat().st_mode):  # an OSError (no permission) is the caller's to report
        raise corrupt("not a regular file")
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_MANIFEST_BYTES + 1)
        if len(raw) > MAX_MANIFEST_BYTES:
            raise corrupt(f"larger than {MAX_MANIFEST_BYTES:,} bytes")
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise corrupt(exc.__class__.__name__) from exc
    if isinstance(data, dict) and data.get("format") != FORMAT:  # before its fields are read: they change
        raise StaleIndexError(f"the index at {folder} is stale: its format is {data.get('format')!r:.20}, not {FORMAT}")
    problem = manifest_problem(data)
    if problem:
        raise corrupt(problem)
    return Manifest(**data)




class _Fitted(Protocol):
    def fits(self, manifest: Manifest) -> bool: ...


F = TypeVar("F", bound=_Fitted)


def load_fitted(path: Path, read: Callable[[Path], F], manifest: Manifest, log: logging.Logger, what: str) -> F | None:
    """A file fitted for one model and plan (a query adapter, precedents), read by ``read``: None when there is
    none or it was fitted for another model or plan. A damaged file is none too, with a warning naming ``what``:
    damage takes many forms in a compressed archive (zipfile, zlib, numpy header, JSON, memory errors), and none of
    them may stop the assistant from loading."""
    if not path.exists():
        return None
    try:
        fitted = read(path)
    except Exception as exc:
        log.warning("%s %s not used: %s", what, path, exc)
        return None
    return fitted if fitted.fits(manifest) else None


def read_fitted(path: Path, key: str, what: str, square: bool = False) -> tuple[np.ndarray, dict, dict]:
    """A fitted file's matrix ``key`` (real, two-dimensional, square when asked, finite; as float32), its metadata
    (with the model id and chunks digest it was fitted for) and its other arrays: what adapters and precedents share
    of reading one. Raises ValueError when any of it is not so."""
    import numpy as np

    with np.load(path, allow_pickle=False) as stored:
        raw = stored[key]
        meta = json.loads(str(stored["meta"]))
        others = {name: stored[name] for name in stored.files if name not in (key, "meta")}
    if raw.dtype.kind != "f" or raw.ndim != 2 or (square and raw.shape[0] != raw.shape[1]):
        raise ValueError(f"not a {'square ' if square else ''}real matrix ({raw.dtype}, shape {raw.shape})")
    matrix = raw.astype(np.float32)
    if not np.isfinite(matrix).all():
        raise ValueError(f"the {what} has infinite or missing values")
    if not isinstance(meta, dict) or not isinstance(meta.get("model_id"), str) or not isinstance(
            meta.get("chunks_sha256"), str):
        raise ValueError("no model id and chunks digest")
    return matrix, meta, others


def save_fitted(path: Path, arrays: Mapping[str, np.ndarray], meta: dict) -> None:
    """Write a fitted file: its arrays and its metadata (the model id and chunks digest among it), compressed."""
    import numpy as np

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays, meta=np.array(json.dumps(meta)))
