"""bench/results.md and its chart, from the parts' JSON results (whatever parts have run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import BENCH, QUICK_RESULTS, load_part

PARTS = ("machine", "latency", "evaluation", "startup", "memory", "scale")
Part = dict[str, Any]


def _when(part: Part) -> str:
    load = part.get("load_before")
    noise = f"; load average {load:.1f} before, {part['load_after']:.1f} after" if load is not None else ""
    return f"*Measured {part['measured_at']}{noise}.*"


def _missing(name: str) -> list[str]:
    return [f"Not measured yet: `python -m bench {name}`.", ""]


def _machine(part: Part | None) -> list[str]:
    if part is None:
        return _missing("")
    m = part["data"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    return [
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {m['ram_gb']} GB; {m['os']}",
        f"- Python {m['python']}; {packages}",
        "- The machine was shared with other jobs while measuring (see each part's load average), so",
        "  timings are noisy; p95 figures suffer most.",
        "",
    ]


def _latency(part: Part | None) -> list[str]:
    if part is None:
        return _missing("latency")
    r = part["data"]
    rows = [("bare encode (" + " + ".join(r["embedders"]) + ")", r["encode"], "1.00x"),
            ("`Assistant.search` (hybrid, top 10)", r["search"], f"{r['search_ratio']:.2f}x"),
            *([("`Assistant.find` (the Search tab: search and match levels)", r["find"],
                f"{r['find']['p50'] / r['encode']['p50']:.2f}x")] if "find" in r else []),
            ("`Assistant.ask`", r["ask"], f"{r['ask_ratio']:.2f}x")]
    return [
        _when(part), "",
        f"{r['queries']} questions of `eval/questions.jsonl`, warm (after loading and ten warm-up queries); for each",
        "question the bare encode by both models the search uses, then the search, then the answer, in one run.",
        "",
        "| | p50 ms | p95 ms | mean ms | p50 / encode p50 |",
        "|---|---:|---:|---:|---:|",
        *(f"| {name} | {s['p50']:.1f} | {s['p95']:.1f} | {s['mean']:.1f} | {ratio} |" for name, s, ratio in rows),
        "",
        f"At p95 the ratios are {r['search_ratio_p95']:.2f}x (search) and {r['ask_ratio_p95']:.2f}x (ask).",
        "",
    ]


def _evaluation(part: Part | None) -> list[str]:
    if part is None:
        return _missing("evaluation")
    r = part["data"]
    return [
        _when(part), "",
        f"`run_evaluation` of {r['questions']} questions of `eval/questions.jsonl` (hybrid also answers each one),",
        "one question at a time against batched (64 questions per model call, scores reused across retrievers);",
        "each timing starts from nothing primed.",
        "",
        "| retrievers | one by one s | batched s | speed-up | identical results |",
        "|---|---:|---:|---:|:-:|",
        *(f"| {t['which']} | {t['one_by_one_s']:.1f} | {t['batched_s']:.1f} | {t['speedup']:.2f}x | "
          f"{_yes(t['identical'])} |" for t in r["timings"]),
        "",
    ]


def _startup(part: Part | None) -> list[str]:
    if part is None:
        return _missing("startup")
    r = part["data"]
    runs = ", ".join(f"{s:.1f}" for s in r["cli_ask_seconds"])
    models = "; ".join(f"{name}: {s:.1f} s" for name, s in r["build_model_seconds"].items())
    installed = "" if r["env_current"] else " **(the environment was not current: includes pip)**"
    return [
        _when(part), "",
        "| what | seconds |",
        "|---|---:|",
        f"| `elac ask \"How will rural schools get online?\"`, process start to answer (index current), "
        f"median of {len(r['cli_ask_seconds'])} ({runs}) | {r['cli_ask_median']:.1f} |",
        f"| `make run` (environment installed{installed}) to the first HTTP 200 | {r['make_run_http_seconds']:.1f} |",
        f"| `make run` to the first `/ask` answered over HTTP | {r['make_run_answer_seconds']:.1f} |",
        f"| index build for the plan ({r['build_chunks']} chunks, both models, fresh process, "
        f"temporary folder) | {r['build_seconds']:.1f} |",
        "",
        f"Per model, as the manifests record it (embed and write, model loading included): {models}.",
        "",
    ]


def _memory(part: Part | None) -> list[str]:
    if part is None:
        return _missing("memory")
    r = part["data"]
    return [
        _when(part), "",
        "`python app.py` on a free port; `/proc/<pid>/status` read once it serves (its warm-up answer done), and",
        f"after {r['queries']} queries through `gradio_client` (half `/ask`, half `/search`, "
        f"{r['query_seconds']:.0f} s). The app had {r['child_processes']} child processes.",
        "",
        "| | RSS MB | peak RSS (VmHWM) MB |",
        "|---|---:|---:|",
        f"| after start | {r['after_start']['VmRSS']:.0f} | {r['after_start']['VmHWM']:.0f} |",
        f"| after {r['queries']} queries | {r['after_queries']['VmRSS']:.0f} | {r['after_queries']['VmHWM']:.0f} |",
        "",
    ]


def _scale(part: Part | None) -> list[str]:
    if part is None:
        return _missing("scale")
    r = part["data"]
    out = [
        _when(part), "",
        "Synthetic corpora: two or three clauses of the plan's actions recombined at random (seed 2007, no",
        "repeated combination); the smaller corpora are prefixes of the larger. Chunks embedded with MiniLM",
        f"(384 dimensions); queries: the {r['queries']} eval questions encoded by MiniLM. Searches one query at a",
        f"time, k=10, encode excluded, FAISS on {r['faiss_threads']} thread, on the index read back from disk with",
        "the product's code (`assistant.store.make_index`, `write_vectors`, `read_vectors`). Wall time, and the",
        "searching thread's CPU time (what the other jobs on this shared machine cannot inflate: a query",
        "descheduled for a time slice costs milliseconds of wall time). Recall@10: share of the exact top 10",
        "found by HNSW. *chosen*: what `choose_index` picks for the product at that size.",
        "",
        "| chunks | index | chosen | build: encode s | build: FAISS add s | size MB | p50 ms | p95 ms | CPU p95 ms "
        "| recall@10 |",
        "|---:|---|:-:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in r["sizes"]:
        for i in (s["flat"], s["hnsw"]):
            params = ", ".join(f"{k} {v}" for k, v in i["params"].items())
            name = f"HNSW ({params})" if i["type"] == "hnsw" else "exact (flat)"
            chosen = "yes" if s["chosen"] == i["type"] else ""
            cached = "*" if s["encode_cached"] else ""
            out.append(
                f"| {s['chunks']:,} | {name} | {chosen} | {s['encode_seconds']:.0f}{cached} | {i['add_seconds']:.3f} "
                f"| {i['size_bytes'] / 1e6:.1f} | {i['search']['p50']:.3f} | {i['search']['p95']:.3f} "
                f"| {i['search_cpu']['p95']:.3f} | {i['recall_at_10']:.3f} |"
            )
    words = ", ".join(f"{s['words_per_chunk']:.0f}" for s in r["sizes"])
    largest = r["sizes"][-1]
    out += [
        "",
        f"Encode rate measured in this run on the {r['sizes'][0]['chunks']:,}-chunk corpus (no cache): "
        f"**{r['encode_rate']:.0f} chunks/s** ({words} words a chunk on average).",
        f"\\* Vectors read from `bench/.cache/vectors`, kept between runs since embedding the {largest['chunks']:,} "
        f"chunks took {largest['encode_seconds'] / 60:.0f} minutes here: the encode seconds shown are those measured",
        "when the cache was filled (same machine, same model, also under other jobs' load). FAISS add, size and",
        "search are measured in every run.",
        "",
        "HNSW efSearch against recall@10 and latency (same graph, M and efConstruction as above):",
        "",
        "| chunks | efSearch | recall@10 | p50 ms | p95 ms | CPU p95 ms |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for s in r["sizes"]:
        out += [f"| {s['chunks']:,} | {p['ef_search']} | {p['recall_at_10']:.3f} | {p['search']['p50']:.3f} "
                f"| {p['search']['p95']:.3f} | {p['search_cpu']['p95']:.3f} |" for p in s["sweep"]]
    out += [
        "",
        "Exact search over the first *n* vectors of the largest corpus (where the product switches to HNSW):",
        "",
        "| chunks | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |",
        "|---:|---:|---:|---:|---:|",
        *(f"| {c['chunks']:,} | {c['search']['p50']:.3f} | {c['search']['p95']:.3f} | {c['search_cpu']['p50']:.3f} "
          f"| {c['search_cpu']['p95']:.3f} |" for c in r["flat_curve"]),
    ]
    return [*out, ""]


def _targets(parts: dict[str, Part | None]) -> list[str]:
    out = ["| target | measured | met |", "|---|---|:-:|"]
    if parts["latency"]:
        r = parts["latency"]["data"]
        out.append(f"| warm search p50 within 1.5x of the bare query encode | {r['search']['p50']:.1f} ms against "
                   f"{r['encode']['p50']:.1f} ms: {r['search_ratio']:.2f}x | {_yes(r['search_ratio'] <= 1.5)} |")
    if parts["latency"] and "find" in parts["latency"]["data"]:
        r = parts["latency"]["data"]
        out.append(f"| Search tab (find) p50 within 1.2x of search | {r['find']['p50']:.1f} ms against "
                   f"{r['search']['p50']:.1f} ms: {r['find_ratio']:.2f}x | {_yes(r['find_ratio'] <= 1.2)} |")
    if parts["evaluation"]:
        r = parts["evaluation"]["data"]
        for t in r["timings"]:
            limit = 15 if t["which"] == "hybrid" else 30
            out.append(f"| evaluation of {r['questions']} questions, {t['which']}, <= {limit} s "
                       f"| {t['batched_s']:.1f} s (one by one {t['one_by_one_s']:.1f} s), "
                       f"identical: {_yes(t['identical'])} "
                       f"| {_yes(t['batched_s'] <= limit and t['identical'])} |")
    if parts["scale"]:
        largest = parts["scale"]["data"]["sizes"][-1]
        h = largest["hnsw"]
        out.append(f"| HNSW recall@10 >= 0.95 at {largest['chunks']:,} chunks | {h['recall_at_10']:.3f} "
                   f"| {_yes(h['recall_at_10'] >= 0.95)} |")
        out.append(f"| HNSW search p95 < 5 ms at {largest['chunks']:,} chunks (encode excluded) "
                   f"| {h['search']['p95']:.2f} ms (CPU {h['search_cpu']['p95']:.2f} ms) "
                   f"| {_yes(h['search']['p95'] < 5)} |")
        if h["search"]["p95"] >= 5 > h["search_cpu"]["p95"]:
            load, cores = parts["scale"].get("load_before", "?"), parts["machine"]["data"]["cores"]
            out += ["", f"The wall-time p95 misses while the searching thread's CPU p95 is "
                    f"{h['search_cpu']['p95']:.2f} ms: the difference is time the thread spent off the CPU, "
                    f"behind other jobs (load average {load} on {cores} cores when the part started)."]
    return [*out, ""]


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def write(quick: bool) -> Path:
    """Write results.md and results.png; the path of results.md."""
    parts = {name: load_part(name, quick) for name in PARTS}
    folder = QUICK_RESULTS if quick else BENCH
    folder.mkdir(parents=True, exist_ok=True)
    chart = folder / "results.png"
    drawn = draw(parts, chart)
    lines = [
        "# Benchmarks" + (" (--quick: fewer queries and corpora; not the reference figures)" if quick else ""),
        "",
        "Written by `make bench` (`python -m bench`); one part:",
        "`python -m bench latency|evaluation|startup|memory|scale`.",
        "Raw figures: `bench/results/*.json`.",
        "",
        "## Machine", "", *_machine(parts["machine"]),
        "## Targets", "", *_targets(parts),
        *(["![latency, scale and HNSW recall](results.png)", ""] if drawn else []),
        "## Latency", "", *_latency(parts["latency"]),
        "## Evaluation", "", *_evaluation(parts["evaluation"]),
        "## Start-up", "", *_startup(parts["startup"]),
        "## Memory", "", *_memory(parts["memory"]),
        "## Scale: exact against HNSW", "", *_scale(parts["scale"]),
    ]
    path = folder / "results.md"
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return path


def draw(parts: dict[str, Part | None], path: Path) -> bool:
    """Latency bars, search time against corpus size, and the HNSW recall/latency trade-off."""
    if not parts["latency"] and not parts["scale"]:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(15, 4.4))
    ax = axes[0]
    if parts["latency"]:
        r = parts["latency"]["data"]
        names = ["bare encode", "search", "ask"]
        spreads = [r["encode"], r["search"], r["ask"]]
        x = range(len(names))
        for shift, key in ((-0.2, "p50"), (0.2, "p95")):
            bars = ax.bar([i + shift for i in x], [s[key] for s in spreads], 0.4, label=key)
            ax.bar_label(bars, fmt="%.0f", fontsize=8)
        ax.axhline(1.5 * r["encode"]["p50"], color="grey", linestyle=":", label="1.5x encode p50")
        ax.set_xticks(list(x), names)
        ax.set_ylabel("ms")
        ax.legend()
    ax.set_title("Warm latency (whole call)")
    if parts["scale"]:
        sizes = parts["scale"]["data"]["sizes"]
        ax = axes[1]
        from assistant.store import HNSW_FROM

        curve = parts["scale"]["data"]["flat_curve"]
        n = [c["chunks"] for c in curve]
        ax.plot(n, [c["search"]["p95"] for c in curve], "o-", color="tab:blue", label="exact p95")
        ax.plot(n, [c["search"]["p50"] for c in curve], "o--", color="tab:blue", alpha=0.6, label="exact p50")
        ax.plot(n, [c["search_cpu"]["p95"] for c in curve], ":", color="tab:blue", label="exact CPU p95")
        n = [s["chunks"] for s in sizes]
        ax.plot(n, [s["hnsw"]["search"]["p95"] for s in sizes], "s-", color="tab:orange", label="HNSW p95")
        ax.plot(n, [s["hnsw"]["search"]["p50"] for s in sizes], "s--", color="tab:orange", alpha=0.6,
                label="HNSW p50")
        ax.plot(n, [s["hnsw"]["search_cpu"]["p95"] for s in sizes], ":", color="tab:orange", label="HNSW CPU p95")
        ax.axhline(5, color="grey", linestyle=":", label="5 ms target")
        ax.axvline(HNSW_FROM, color="tab:green", linestyle=":", label="HNSW from here")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("chunks")
        ax.set_ylabel("ms per query (k=10, encode excluded)")
        ax.set_title("Search time against corpus size (wall; dotted: CPU)")
        ax.legend(fontsize=7)
        ax = axes[2]
        for s in sizes:
            points = s["sweep"]
            ax.plot([p["search_cpu"]["p95"] for p in points], [p["recall_at_10"] for p in points], "o-",
                    label=f"{s['chunks']:,} chunks")
            for p in points:
                ax.annotate(str(p["ef_search"]), (p["search_cpu"]["p95"], p["recall_at_10"]), fontsize=7,
                            textcoords="offset points", xytext=(3, -9))
        ax.axhline(0.95, color="grey", linestyle=":")
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())  # the minor ticks' labels overlapped
        ax.set_xlabel("CPU p95 ms per query (searching thread)")
        ax.set_ylabel("recall@10 against exact")
        ax.set_title("HNSW: efSearch (labels) against recall")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True
