"""Scale: synthetic corpora of 1k, 10k and 100k chunks; exact (flat) against HNSW.

Chunks recombine clauses of the plan's actions, deterministically (seeded), and are
embedded with the real MiniLM model. Queries are the eval questions encoded by MiniLM.
Search timings exclude encoding: one query at a time, k=10, FAISS on one thread. Each is
taken twice: wall time, and the thread's CPU time, which the other jobs of a shared machine
do not inflate.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .common import CACHE, Spread

if TYPE_CHECKING:
    import faiss
    import numpy as np

    from assistant.embed import Embedder
    from assistant.plan import Plan
    from assistant.store import IndexSpec

SEED = 2007
SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)
EF_SWEEP = (16, 32, 64, 128, 256)
CURVE = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)
K = 10
SEARCH_THREADS = 1
BLOCK = 2000  # texts per cached block of vectors
VECTOR_CACHE = CACHE / "vectors"
_PIECE = re.compile(r"[,;:]\s+|(?<=\.)\s+")


def plan_pieces(plan: Plan) -> list[str]:
    """The clauses of the plan's actions (four words or more), sorted and without repeats."""
    return sorted({p.strip(" ,;:.") for a in plan.actions for p in _PIECE.split(a.text) if len(p.split()) >= 4})


def synthetic_texts(pieces: list[str], n: int, seed: int = SEED) -> list[str]:
    """``n`` distinct chunks of two or three clauses; a smaller ``n`` gives a prefix of a larger one."""
    rng = random.Random(seed)
    seen: set[tuple[int, ...]] = set()
    texts: list[str] = []
    while len(texts) < n:
        picked = tuple(sorted(rng.sample(range(len(pieces)), rng.choice((2, 3)))))
        if picked in seen:
            continue
        seen.add(picked)
        first, *rest = (pieces[i] for i in picked)
        texts.append("; ".join([first[0].upper() + first[1:], *rest]) + ".")
    return texts


@dataclass(frozen=True)
class Encoded:
    vectors: np.ndarray
    seconds: float  # encode time of these texts: measured now, or when their block was cached
    cached: int  # how many of the texts came from the cache


def encode(texts: list[str], embedder: Embedder, *, cache: Path | None, batch_size: int = 128) -> Encoded:
    """Embed ``texts`` block by block; with ``cache``, blocks are kept with the time they took."""
    import numpy as np

    parts, seconds, cached = [], 0.0, 0
    for start in range(0, len(texts), BLOCK):
        block = texts[start : start + BLOCK]
        key = hashlib.sha256("\n".join([embedder.model_id, *block]).encode("utf-8")).hexdigest()[:20]
        if cache is not None and (cache / f"{key}.json").exists():
            parts.append(np.load(cache / f"{key}.npy"))
            seconds += json.loads((cache / f"{key}.json").read_text(encoding="utf-8"))["seconds"]
            cached += len(block)
            continue
        started = time.perf_counter()
        vectors = embedder.embed(block, batch_size=batch_size)
        took = time.perf_counter() - started
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            np.save(cache / f"{key}.npy", vectors)
            meta = {"seconds": took, "count": len(block), "model_id": embedder.model_id,
                    "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
            (cache / f"{key}.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")  # written last
        parts.append(vectors)
        seconds += took
    return Encoded(np.vstack(parts).astype(np.float32), seconds, cached)


@dataclass(frozen=True)
class IndexRun:
    type: str  # "flat" (exact) or "hnsw"
    params: dict[str, int]
    add_seconds: float  # construction and add of every vector (FAISS only, encode excluded)
    size_bytes: int  # the index file on disk
    search: Spread  # one query at a time, k=10, encode excluded: wall time
    search_cpu: Spread  # the same searches: CPU time of the searching thread
    recall_at_10: float  # mean share of the exact top 10 that this index returns


@dataclass(frozen=True)
class SweepPoint:
    ef_search: int
    recall_at_10: float
    search: Spread
    search_cpu: Spread


@dataclass(frozen=True)
class CurvePoint:
    """Exact search over the first ``chunks`` vectors: where it stops being cheap."""

    chunks: int
    search: Spread
    search_cpu: Spread


@dataclass(frozen=True)
class SizeRun:
    chunks: int
    chosen: str  # what store.choose_index picks for this many chunks
    words_per_chunk: float
    encode_seconds: float  # MiniLM encode of every chunk (see encode_cached)
    encode_cached: int  # chunks whose vectors (and measured encode time) came from bench/.cache
    flat: IndexRun
    hnsw: IndexRun
    sweep: list[SweepPoint]  # HNSW efSearch against recall and latency, same graph


@dataclass(frozen=True)
class Scale:
    queries: int
    encode_rate: float  # chunks per second, MiniLM, measured in this run on the 1k corpus (no cache)
    faiss_threads: int  # while searching; building uses FAISS's default
    sizes: list[SizeRun]
    flat_curve: list[CurvePoint]


def _search_times(index: faiss.Index, queries: np.ndarray, k: int = K) -> tuple[Spread, Spread, np.ndarray]:
    """Wall and thread CPU time of one search per query (FAISS on one thread), and the ids found."""
    import faiss
    import numpy as np

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(SEARCH_THREADS)  # one query, one thread: as a server answering several users
    try:
        for row in queries[:20]:  # warm up
            index.search(row[None, :], k)
        wall, cpu, found = [], [], []
        for row in queries:
            started, started_cpu = time.perf_counter(), time.thread_time()
            _, ids = index.search(row[None, :], k)
            cpu.append(time.thread_time() - started_cpu)
            wall.append(time.perf_counter() - started)
            found.append(ids[0])
    finally:
        faiss.omp_set_num_threads(threads)
    return Spread.of(wall), Spread.of(cpu), np.vstack(found)


def _recall(found: np.ndarray, exact: np.ndarray) -> float:
    return round(float(sum(len(set(a) & set(b)) for a, b in zip(found, exact, strict=True)) / exact.size), 4)


def measure_index(vectors: np.ndarray, queries: np.ndarray, spec: IndexSpec, exact: np.ndarray | None,
                  scratch: Path) -> tuple[IndexRun, faiss.Index, np.ndarray]:
    """Build with the product's code, write, read back as the product loads it, then time searches."""
    from assistant.store import make_index, read_vectors, write_vectors

    started = time.perf_counter()
    built = make_index(vectors, spec)
    add_seconds = time.perf_counter() - started
    path = scratch / f"{spec.type}.faiss"
    write_vectors(built, path)
    del built
    index = read_vectors(path, spec)
    size = path.stat().st_size
    path.unlink()
    wall, cpu, found = _search_times(index, queries)
    recall = 1.0 if exact is None else _recall(found, exact)
    return IndexRun(spec.type, spec.params, round(add_seconds, 3), size, wall, cpu, recall), index, found


def measure_size(texts: list[str], encoded: Encoded, queries: np.ndarray) -> SizeRun:
    from assistant.store import IndexSpec, choose_index

    with tempfile.TemporaryDirectory(prefix="elac-bench-scale-") as folder:
        flat, _, exact = measure_index(encoded.vectors, queries, IndexSpec("flat"), None, Path(folder))
        hnsw, graph, _ = measure_index(encoded.vectors, queries, IndexSpec("hnsw"), exact, Path(folder))
    sweep = []
    for ef in EF_SWEEP:
        graph.hnsw.efSearch = ef
        wall, cpu, found = _search_times(graph, queries)
        sweep.append(SweepPoint(ef, _recall(found, exact), wall, cpu))
    words = statistics.fmean(len(t.split()) for t in texts)
    return SizeRun(
        chunks=len(texts), chosen=choose_index(len(texts)).type, words_per_chunk=round(words, 1),
        encode_seconds=round(encoded.seconds, 2), encode_cached=encoded.cached, flat=flat, hnsw=hnsw, sweep=sweep,
    )


def run(quick: bool = False) -> Scale:
    from assistant.corpus import DEFAULT_CORPUS, load_plan
    from assistant.embed import MiniLMEmbedder
    from assistant.store import IndexSpec, make_index

    from .latency import questions

    embedder = MiniLMEmbedder()
    queries = embedder.embed(questions(), kind="query")  # also loads the model: not in any encode time
    pieces = plan_pieces(load_plan(DEFAULT_CORPUS))
    sizes = QUICK_SIZES if quick else SIZES
    runs = []
    for n in sizes:
        texts = synthetic_texts(pieces, n)
        fresh = n == sizes[0]  # the smallest corpus is always encoded in this run: the measured rate
        encoded = encode(texts, embedder, cache=None if fresh else VECTOR_CACHE)
        runs.append(measure_size(texts, encoded, queries))
    curve = []
    for n in CURVE:
        if n <= len(encoded.vectors):
            wall, cpu, _ = _search_times(make_index(encoded.vectors[:n], IndexSpec("flat")), queries)
            curve.append(CurvePoint(n, wall, cpu))
    rate = runs[0].chunks / runs[0].encode_seconds
    return Scale(len(queries), round(rate, 1), SEARCH_THREADS, runs, curve)


def summary(r: Scale) -> str:
    lines = [f"scale: {r.queries} queries, k={K}, encode excluded; MiniLM encodes {r.encode_rate:.0f} chunks/s here"]
    for s in r.sizes:
        cached = f", {s.encode_cached} from cache" if s.encode_cached else ""
        lines.append(f"  {s.chunks:>7,} chunks (chosen: {s.chosen}): encode {s.encode_seconds:.0f} s{cached}")
        for i in (s.flat, s.hnsw):
            lines.append(
                f"    {i.type:<5} add {i.add_seconds:7.2f} s  {i.size_bytes / 1e6:7.1f} MB  "
                f"p50 {i.search.p50:6.3f} ms  p95 {i.search.p95:6.3f} ms  (cpu p95 {i.search_cpu.p95:6.3f} ms)  "
                f"recall@10 {i.recall_at_10:.3f}"
            )
        lines.append("    hnsw efSearch: recall / p95 (cpu p95): " + ", ".join(
            f"{p.ef_search}: {p.recall_at_10:.3f} / {p.search.p95:.2f} ({p.search_cpu.p95:.2f}) ms" for p in s.sweep))
    lines.append("  exact search p50 / p95 (cpu p95): " + ", ".join(
        f"{c.chunks:,}: {c.search.p50:.2f} / {c.search.p95:.2f} ({c.search_cpu.p95:.2f}) ms" for c in r.flat_curve))
    return "\n".join(lines)
