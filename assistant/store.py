"""The index on disk: a folder of plain files plus a manifest, written atomically.

    index/<embedder>/manifest.json   model id, dimension, corpus sha256, versions, checksums
    index/<embedder>/vectors.faiss   FAISS inner-product index of unit vectors (cosine)
    index/<embedder>/chunks.jsonl    the chunks, in vector order

Loading checks the manifest against the corpus and the embedder: a stale or
mismatched index raises :class:`IndexStateError` with ``stale=True`` (the caller
rebuilds); a truncated or garbage file raises it with ``stale=False``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .chunks import Chunk, make_chunks
from .embed import Embedder
from .errors import IndexStateError, StaleIndexError
from .plan import Plan

if TYPE_CHECKING:
    import numpy as np

FORMAT = 1
MANIFEST, VECTORS, CHUNKS = "manifest.json", "vectors.faiss", "chunks.jsonl"


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
    built_at: str
    build_seconds: float
    files_sha256: dict[str, str]


@dataclass(frozen=True)
class LoadedIndex:
    manifest: Manifest
    chunks: tuple[Chunk, ...]
    index: object  # faiss.Index

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self.index.search(vectors, k)  # type: ignore[attr-defined]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def chunks_digest(chunks: list[Chunk] | tuple[Chunk, ...]) -> str:
    payload = json.dumps([asdict(c) for c in chunks], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def plan_digest(plan: Plan) -> str:
    """What an index is checked against: the sha256 of the plan's chunks (computed once per plan)."""
    return chunks_digest(make_chunks(plan))


def package_version() -> str:
    try:
        return metadata.version("elac-assistant")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def build_index(
    plan: Plan,
    corpus_sha256: str,
    embedder: Embedder,
    folder: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = 16,
) -> Manifest:
    """Embed the plan's chunks and write the index to ``folder`` atomically."""
    import faiss
    import numpy as np

    started = time.perf_counter()
    chunks = make_chunks(plan)
    parts = []
    for start in range(0, len(chunks), batch_size):
        batch = chunks[start : start + batch_size]
        parts.append(embedder.embed([c.text for c in batch], batch_size=batch_size))
        if progress:
            progress(min(start + batch_size, len(chunks)), len(chunks))
    vectors = np.vstack(parts).astype(np.float32)
    if vectors.shape != (len(chunks), embedder.dim):
        raise IndexStateError(f"embedder returned shape {vectors.shape}, expected ({len(chunks)}, {embedder.dim})")
    index = faiss.IndexFlatIP(embedder.dim)
    index.add(vectors)

    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        faiss.write_index(index, str(tmp / VECTORS))
        with (tmp / CHUNKS).open("w", encoding="utf-8") as fh:
            for chunk in chunks:
                fh.write(json.dumps(asdict(chunk), ensure_ascii=False) + "\n")
        manifest = Manifest(
            format=FORMAT,
            model_id=embedder.model_id,
            embedder=embedder.name,
            dim=embedder.dim,
            normalised=True,
            metric="inner_product",
            corpus_sha256=corpus_sha256,
            chunks_sha256=chunks_digest(chunks),
            package_version=package_version(),
            faiss_version=faiss.__version__,
            chunk_count=len(chunks),
            built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            build_seconds=round(time.perf_counter() - started, 3),
            files_sha256={name: _sha256(tmp / name) for name in (VECTORS, CHUNKS)},
        )
        (tmp / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
        old = folder.with_name(f".{folder.name}.old-{time.time_ns()}")
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def read_manifest(folder: Path) -> Manifest:
    path = Path(folder) / MANIFEST
    if not path.exists():
        raise StaleIndexError(f"no index at {folder}: build it with: elac build")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise IndexStateError(
            f"the index manifest {path} is corrupt ({exc.__class__.__name__}); rebuild with: elac build"
        ) from exc


def load_index(folder: Path, *, plan: Plan, embedder: Embedder) -> LoadedIndex:
    """Load and verify an index; raises :class:`StaleIndexError` or :class:`IndexStateError`."""
    import faiss

    folder = Path(folder)
    manifest = read_manifest(folder)
    expected = {
        "format": (manifest.format, FORMAT),
        "model": (manifest.model_id, embedder.model_id),
        "dimension": (manifest.dim, embedder.dim),
        "plan text (chunks sha256)": (manifest.chunks_sha256, plan_digest(plan)),
    }
    for what, (found, want) in expected.items():
        if found != want:
            short = (lambda v: v[:12] if isinstance(v, str) and len(v) == 64 else v)  # noqa: E731
            raise StaleIndexError(
                f"the index at {folder} is stale: its {what} is {short(found)!r}, not {short(want)!r}"
            )
    for name, digest in manifest.files_sha256.items():
        path = folder / name
        if not path.exists() or _sha256(path) != digest:
            raise IndexStateError(
                f"the index file {path} is missing, truncated or changed; rebuild with: elac build"
            )
    try:
        index = faiss.read_index(str(folder / VECTORS))
        chunks = tuple(
            Chunk(**{**row, "actions": tuple(row["actions"])})
            for row in map(json.loads, (folder / CHUNKS).read_text(encoding="utf-8").splitlines())
        )
    except (RuntimeError, ValueError, TypeError, KeyError) as exc:
        raise IndexStateError(f"the index at {folder} cannot be read ({exc}); rebuild with: elac build") from exc
    if index.ntotal != manifest.chunk_count or len(chunks) != manifest.chunk_count or index.d != manifest.dim:
        raise IndexStateError(f"the index at {folder} is inconsistent with its manifest; rebuild with: elac build")
    return LoadedIndex(manifest, chunks, index)
