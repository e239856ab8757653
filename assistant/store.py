"""The index on disk: a folder of plain files plus a manifest, written atomically.

    index/<embedder>/manifest.json   model id, dimension, corpus sha256, versions, checksums
    index/<embedder>/vectors.faiss   FAISS inner-product index of unit vectors (cosine)
    index/<embedder>/chunks.jsonl    the chunks, in vector order

The FAISS index type follows the chunk count (:func:`choose_index`): exact search
(``IndexFlatIP``) below ``HNSW_FROM`` chunks, an HNSW graph (inner product) from there;
the manifest records the type and its parameters, and ``efSearch`` is set from it at load.
``bench/scale.py`` measures both with the functions used here.

Loading checks the manifest (``manifest.py``) against the corpus and the embedder: a missing
index, or one built from another plan, model or format, raises :class:`StaleIndexError`; a
corrupt one (a truncated or garbage file, a manifest whose fields are not what
:func:`build_index` writes) raises :class:`IndexStateError`. Either way the caller rebuilds
(or refuses).

A build writes a new folder beside the index and swaps it in under an exclusive lock on
``.<name>.lock`` beside the index folder (Linux ``flock``), so builds running at the same
time each succeed and leave one complete index. The folder's mode follows the umask.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .chunks import Chunk, make_chunks
from .embed import Embedder
from .errors import IndexStateError, OutputError, StaleIndexError
from .manifest import CHUNKS, FORMAT, MANIFEST, VECTORS, IndexType, Manifest, read_manifest
from .plan import Plan

if TYPE_CHECKING:
    import faiss
    import numpy as np

# Measured by bench/scale.py (bench/results.md; 2-core CPU, 384 dimensions, one query, one thread):
# an exact scan stays under 2 ms (a few percent of a query's ~40 ms encode) below 20,000 chunks, then
# leaves the CPU cache: 8 ms at 50,000, 13 ms at 100,000. HNSW with M=16, efConstruction=200 and
# efSearch=128 finds 0.97 of the exact top 10 at 100,000 chunks in 0.4 ms (p50); M=32 recalled
# no more per millisecond and took half as long again to build.
HNSW_FROM = 20_000
HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH = 16, 200, 128


@dataclass(frozen=True)
class IndexSpec:
    """Which FAISS index holds the vectors: ``flat`` (exact) or ``hnsw`` with its parameters."""

    type: IndexType = "flat"
    m: int = HNSW_M  # HNSW only: neighbours per node
    ef_construction: int = HNSW_EF_CONSTRUCTION  # HNSW only: candidates kept while inserting
    ef_search: int = HNSW_EF_SEARCH  # HNSW only: candidates kept while searching

    @property
    def params(self) -> dict[str, int]:
        """The parameters under their FAISS names, as the manifest records them."""
        if self.type == "flat":
            return {}
        return {"M": self.m, "efConstruction": self.ef_construction, "efSearch": self.ef_search}

    @classmethod
    def of(cls, index_type: str, params: dict[str, int]) -> IndexSpec:
        """The spec a manifest records."""
        if index_type == "flat":
            return cls("flat")
        if index_type == "hnsw":
            return cls("hnsw", params["M"], params["efConstruction"], params["efSearch"])
        raise ValueError(f"unknown index type {index_type!r}")


def choose_index(chunk_count: int, *, hnsw_from: int = HNSW_FROM) -> IndexSpec:
    """Exact search for a corpus under ``hnsw_from`` chunks, HNSW from there on."""
    return IndexSpec("hnsw") if chunk_count >= hnsw_from else IndexSpec("flat")


def make_index(vectors: np.ndarray, spec: IndexSpec) -> faiss.Index:
    """A FAISS inner-product index of ``spec``'s type holding ``vectors`` (unit rows, float32)."""
    import faiss

    dim = vectors.shape[1]
    if spec.type == "flat":
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, spec.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = spec.ef_construction
        index.hnsw.efSearch = spec.ef_search
    index.add(vectors)
    return index


def write_vectors(index: faiss.Index, path: Path) -> None:
    import faiss

    faiss.write_index(index, str(path))


def read_vectors(path: Path, spec: IndexSpec) -> faiss.Index:
    """Read an index written by :func:`write_vectors` and set its search parameters from ``spec``.

    Raises ``RuntimeError`` (FAISS) for an unreadable file and ``ValueError`` for another type.
    """
    import faiss

    index = faiss.read_index(str(path))
    expected = faiss.IndexHNSWFlat if spec.type == "hnsw" else faiss.IndexFlatIP
    if not isinstance(index, expected) or index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise ValueError(f"the file holds a {type(index).__name__}, not a {spec.type} inner-product index")
    if spec.type == "hnsw":
        index.hnsw.efSearch = spec.ef_search
    return index


@dataclass(frozen=True)
class LoadedIndex:
    manifest: Manifest
    chunks: tuple[Chunk, ...]
    index: faiss.Index

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        if k >= index.ntotal and self.manifest.index_type == "hnsw":
            import faiss

            # every vector is asked for: a graph search would leave some out (id -1), a scan does not
            index = faiss.downcast_index(index.storage)
        return index.search(vectors, k)

    def vectors(self) -> np.ndarray:
        """Every chunk's stored vector, in chunk order (an HNSW index keeps them in its flat storage)."""
        import faiss

        index = self.index
        if self.manifest.index_type == "hnsw":
            index = faiss.downcast_index(index.storage)
        return index.reconstruct_n(0, index.ntotal)


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


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
    spec: IndexSpec | None = None,
) -> Manifest:
    """Embed the plan's chunks and write the index to ``folder`` atomically.

    ``spec`` is the FAISS index to use; by default :func:`choose_index` picks it from the chunk count.
    """
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
    spec = spec or choose_index(len(chunks))
    index = make_index(vectors, spec)

    folder = Path(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder)
        tmp = folder.with_name(f".{folder.name}.building-{secrets.token_hex(8)}")
        tmp.mkdir(mode=0o777)  # the umask decides who may read it, as for any folder a tool makes
    except OSError as exc:
        raise OutputError(f"cannot write the index at {folder} ({exc.strerror or exc})") from exc
    try:
        write_vectors(index, tmp / VECTORS)
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
            index_type=spec.type,
            index_params=spec.params,
            built_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            build_seconds=round(time.perf_counter() - started, 3),
            files_sha256={name: _sha256(tmp / name) for name in (VECTORS, CHUNKS)},
        )
        (tmp / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
        _replace(folder, tmp)
    except OSError as exc:  # a full disk, a folder made read-only meanwhile: the old index stays
        raise OutputError(f"cannot write the index at {folder} ({exc.strerror or exc})") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


@contextlib.contextmanager
def _swap_lock(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock on swapping ``folder`` (threads and processes alike; Linux ``flock``).

    The lock file ``.<name>.lock`` beside the folder is removed by its holder, so none is left
    behind; a waiter that then gets the lock on the removed file opens the new one and waits again.
    """
    import fcntl

    path = folder.with_name(f".{folder.name}.lock")
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            current = os.stat(path, follow_symlinks=False)
            if (current.st_dev, current.st_ino) == (held.st_dev, held.st_ino):
                break
        except FileNotFoundError:
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)


def _replace(folder: Path, built: Path) -> None:
    """Put ``built`` in place of ``folder``: two renames; if the second fails the old index is put back.

    Swaps of one folder run one at a time (:func:`_swap_lock`), so concurrent builds all succeed.
    """
    with _swap_lock(folder):
        old = folder.with_name(f".{folder.name}.old-{time.time_ns()}")
        if folder.exists():
            folder.rename(old)
        try:
            built.rename(folder)
        except OSError:
            if old.exists():
                old.rename(folder)
            raise
        shutil.rmtree(old, ignore_errors=True)


LEFTOVER_AGE_S = 3600  # a build's temporary folder older than this was abandoned (the build was killed)


def _remove_leftovers(folder: Path) -> None:
    """Temporary folders of killed builds of this index (not of a build running right now)."""
    now = time.time()
    for pattern in (f".{folder.name}.building-*", f".{folder.name}.old-*"):
        for path in folder.parent.glob(pattern):
            try:
                if now - path.stat().st_mtime > LEFTOVER_AGE_S:
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                continue


def load_index(folder: Path, *, plan: Plan, embedder: Embedder) -> LoadedIndex:
    """Load and verify an index; raises :class:`StaleIndexError` or :class:`IndexStateError`."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    expected = {
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
    for name, digest in manifest.files_sha256.items():  # VECTORS and CHUNKS: read_manifest checked
        path = folder / name
        if path.is_symlink() or (path.exists() and not path.is_file()):  # it would be read from elsewhere
            raise IndexStateError(f"the index file {path} is not a regular file of the index; rebuild with: elac build")
        if not path.exists() or _sha256(path) != digest:
            raise IndexStateError(
                f"the index file {path} is missing, truncated or changed; rebuild with: elac build"
            )
    try:
        index = read_vectors(folder / VECTORS, IndexSpec.of(manifest.index_type, manifest.index_params))
        chunks = tuple(
            Chunk(**{**row, "actions": tuple(row["actions"])})
            for row in map(json.loads, (folder / CHUNKS).read_text(encoding="utf-8").splitlines())
        )
    except (RuntimeError, ValueError, TypeError, KeyError) as exc:
        raise IndexStateError(f"the index at {folder} cannot be read ({exc}); rebuild with: elac build") from exc
    if index.ntotal != manifest.chunk_count or len(chunks) != manifest.chunk_count or index.d != manifest.dim:
        raise IndexStateError(f"the index at {folder} is inconsistent with its manifest; rebuild with: elac build")
    return LoadedIndex(manifest, chunks, index)
