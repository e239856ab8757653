"""``elac``: the command line face. Parses arguments, calls the library, renders.

Errors raised on purpose (:class:`ElacError`) print one line to stderr and exit 2; an
operating-system error the library let through (a file it could not read or write) prints
one line too and exits 1. Neither prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import ElacError, OutputError
from .plan import ActionInfo
from .retrieve import RETRIEVERS

EXIT_USAGE = 2
EXIT_OS = 1


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _render_info(info: ActionInfo, *, wrap: bool = True) -> str:
    body = textwrap.fill(info.text, 88, initial_indent="  ", subsequent_indent="  ") if wrap else info.text
    lines = [
        f"Action {info.action}  (deadline: {info.deadline})",
        f"  {info.goal_label}",
        f"  Area {info.area}. {info.area_title}",
    ]
    if info.preamble:
        lines.append(f"  Goal preamble: {info.preamble}")
    lines += ["", body]
    return "\n".join(lines)


def _plan(args: argparse.Namespace):
    from .corpus import DEFAULT_CORPUS, load_plan

    return load_plan(args.corpus or DEFAULT_CORPUS)


def cmd_show(args: argparse.Namespace) -> None:
    plan = _plan(args)
    info = plan.info(args.number)
    if args.json:
        _print_json(asdict(info))
    else:
        print(_render_info(info))


def cmd_list(args: argparse.Namespace) -> None:
    plan = _plan(args)
    actions = plan.select(area=args.area, goal=args.goal, due_by=args.due_by)
    infos = [plan.info(a) for a in actions]
    if args.json:
        _print_json([asdict(i) for i in infos])
        return
    for info in infos:
        text = info.text if len(info.text) <= 90 else info.text[:87] + "..."
        print(f"{info.action:>5}  {info.deadline:<13}  {text}")
    print(f"\n{len(infos)} action(s)")


def _progress():
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def step(name: str, done: int, total: int) -> None:
        bar = bars.get(name)
        if bar is None:
            bar = bars[name] = tqdm(total=total, desc=f"embedding chunks ({name})", unit="chunk", leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return step


def index_root(given: Path | None = None) -> Path:
    """The index folder: ``--index``, else ``$ELAC_INDEX``, else ``index/`` in the repository."""
    from .core import DEFAULT_INDEX_ROOT

    return Path(given or os.environ.get("ELAC_INDEX") or DEFAULT_INDEX_ROOT)


@contextmanager
def index_access(root: Path) -> Iterator[None]:
    """An index folder that cannot be read or written (read-only, no permission, disk full) is one
    clear error, not a traceback: the library reports its own problems, the OS's come through here."""
    try:
        yield
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        raise OutputError(
            f"the index folder {root} cannot be used ({exc.strerror or exc}{where}); "
            "check its permissions, or use another folder with --index DIR"
        ) from exc


def check_writable(root: Path) -> None:
    """Raise :class:`OutputError` now, before the models load, if an index cannot be written in ``root``."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=root):
            pass
    except OSError as exc:
        raise OutputError(
            f"the index folder {root} is not writable ({exc.strerror or exc}); "
            "make it writable, or build the index elsewhere with --index DIR"
        ) from exc


def load_assistant(corpus: Path | str, root: Path, progress=None):
    """``Assistant.load`` over the index folder ``root``. An index that must be built in a folder that
    cannot be written fails at once, before the models load, with one clear error."""
    from .core import Assistant

    with index_access(root):
        if Assistant.index_status(corpus, root):
            check_writable(root)
        return Assistant.load(corpus, root, progress=progress)


def _assistant(args: argparse.Namespace):
    from .corpus import DEFAULT_CORPUS

    return load_assistant(args.corpus or DEFAULT_CORPUS, index_root(args.index), progress=_progress())


def cmd_build(args: argparse.Namespace) -> None:
    from .core import Assistant
    from .corpus import DEFAULT_CORPUS

    corpus = args.corpus or DEFAULT_CORPUS
    root = index_root(args.index)
    with index_access(root):
        if args.if_needed:
            problems = Assistant.index_status(corpus, root)
            if not problems:
                print("index is current", file=sys.stderr)
                return
            for problem in problems:
                print(problem, file=sys.stderr)
        check_writable(root)
        manifests = Assistant.build(corpus, root, progress=_progress())
    for name, m in manifests.items():
        print(f"built {name} index: {m.chunk_count} chunks, {m.model_id}, dim {m.dim}, {m.build_seconds:.1f} s",
              file=sys.stderr)


def cmd_search(args: argparse.Namespace) -> None:
    from .query import check_query

    check_query(args.query)  # fail fast, before loading a model
    assistant = _assistant(args)
    hits = assistant.search(
        args.query, top_k=args.top_k, area=args.area, goal=args.goal, due_by=args.due_by, retriever=args.retriever
    )
    if args.json:
        _print_json([asdict(h) for h in hits])
        return
    if not hits:
        print("no actions match these filters")
    for hit in hits:
        text = hit.text if len(hit.text) <= 160 else hit.text[:157] + "..."
        print(f"[{hit.action}] {hit.goal_label} | due {hit.deadline} | score {hit.score:.3f} "
              f"({', '.join(hit.retrievers) or '-'})")
        print(textwrap.fill(text, 88, initial_indent="    ", subsequent_indent="    "))


def cmd_eval(args: argparse.Namespace) -> None:
    from .evaluate import DEFAULT_DATASET, check_dataset, evaluate, load_dataset, report_json

    questions = load_dataset(args.dataset or DEFAULT_DATASET)  # fail fast on a bad file
    check_dataset(questions, _plan(args), str(args.dataset or DEFAULT_DATASET))  # and on bad labels
    if args.report:
        from .report import prepare_folder

        prepare_folder(args.report)  # before the models load
    assistant = _assistant(args)
    names = list(assistant.retriever.names) if args.retriever == "all" else [args.retriever]
    dataset = str(args.dataset or Path("eval") / "questions.jsonl")
    reports = [
        report_json(evaluate(assistant, questions, name, dataset=dataset, answers=name == "hybrid"))
        for name in names
    ]
    if args.report:
        from .report import write_report

        path = write_report(reports, args.report)
        print(f"report written to {path}", file=sys.stderr)
    if args.json:
        _print_json(reports if args.retriever == "all" else reports[0])
        return
    from .report import ANSWER_KEYS, markdown_table, translation_table

    print(markdown_table(reports))
    if any(k in r["metrics"] for r in reports for k in ANSWER_KEYS):
        print("\n" + markdown_table(reports, ANSWER_KEYS))
    if any(r["translations"] for r in reports):
        print("\n" + translation_table(reports))


def _answer_json(answer) -> dict:
    return {
        "answer": answer.text,
        "citations": answer.cited,
        "quotes": {c.action: c.quote for c in answer.citations},
        "abstained": answer.abstained,
        "kind": answer.kind,
        "lang": answer.lang,
        "question": answer.question,
        "hits": [asdict(h) for h in answer.hits],
    }


def cmd_ask(args: argparse.Namespace) -> None:
    from .query import check_query

    check_query(args.question)
    answer = _assistant(args).ask(args.question)
    if args.json:
        _print_json(_answer_json(answer))
    else:
        print(answer.text)


def cmd_chat(args: argparse.Namespace) -> None:
    from .chat import Turn
    from .errors import QueryError

    assistant = _assistant(args)
    history: list[Turn] = []
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="surrogateescape")  # a bad byte is one bad question, not the end
    interactive = not args.json and sys.stdin.isatty()
    if interactive:
        print("Ask about the eLAC 2007 plan. Empty line or Ctrl-D to quit.", file=sys.stderr)
    while True:
        if interactive:
            try:
                line = input("you> ")
            except EOFError:
                break
            if not line.strip():
                break
        else:
            line = sys.stdin.readline()
            if not line:
                break
            if not line.strip():
                continue
        try:
            answer = assistant.ask(line.rstrip("\n"), history)
        except (QueryError, ElacError) as exc:
            if args.json:
                print(json.dumps({"error": str(exc)}, ensure_ascii=False), flush=True)
            else:
                print(f"error: {exc}", file=sys.stderr)
            continue
        history.append(Turn(answer.question, tuple(answer.cited), tuple(h.action for h in answer.hits)))
        if args.json:
            print(json.dumps(_answer_json(answer), ensure_ascii=False), flush=True)
        else:
            print(answer.text + "\n", flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="elac",
        description="Search and ask the eLAC 2007 Plan of Action for the Information Society.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def corpus_opt(p: argparse.ArgumentParser, *, index: bool = True) -> None:
        p.add_argument("--corpus", type=Path, help="plan file, .txt or .pdf (default: corpus/elac2007.txt)")
        if index:
            p.add_argument("--index", type=Path, metavar="DIR",
                           help="index folder (default: $ELAC_INDEX, else index/ in the repository)")

    p = sub.add_parser("show", help="print one action with its goal, area and deadline")
    p.add_argument("number", help="action number, e.g. 15.4 or 12")
    p.add_argument("--json", action="store_true", help="print JSON")
    corpus_opt(p, index=False)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("list", help="list actions, filtered by area, goal or deadline")
    p.add_argument("--area", help="area letter, A to E")
    p.add_argument("--goal", help="goal number, 1 to 30")
    p.add_argument("--due-by", help="latest deadline, e.g. 'mid-2006', 'end of 2006', 'November 2005'")
    p.add_argument("--json", action="store_true", help="print JSON")
    corpus_opt(p, index=False)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("build", help="build the search index (embeddings + FAISS) from the plan")
    p.add_argument("--if-needed", action="store_true", help="only when the index is missing, stale or corrupt")
    corpus_opt(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("search", help="find the actions on a topic (hybrid: numbers, BM25, embeddings)")
    p.add_argument("query", help="words, a question, or an action number")
    p.add_argument("--top-k", type=int, default=10, help="how many actions (default 10)")
    p.add_argument("--area", help="only this area, A to E")
    p.add_argument("--goal", help="only this goal, 1 to 30")
    p.add_argument("--due-by", help="only actions due on or before, e.g. 'mid-2006'")
    p.add_argument("--retriever", default="hybrid", choices=RETRIEVERS)
    p.add_argument("--json", action="store_true", help="print JSON")
    corpus_opt(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="a short answer citing the plan's actions")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print JSON: answer, citations, abstained, hits")
    corpus_opt(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="a conversation; with --json, one question a line on stdin")
    p.add_argument("--json", action="store_true", help="read one question a line, print one JSON answer a line")
    corpus_opt(p)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("eval", help="measure retrieval (and answer) quality on a labelled question set")
    p.add_argument("--dataset", type=Path, help="JSONL with 'question' and 'relevant' (default: eval/questions.jsonl)")
    p.add_argument("--retriever", default="hybrid", choices=(*RETRIEVERS, "all"))
    p.add_argument("--json", action="store_true", help="print JSON (a list for --retriever all)")
    p.add_argument("--report", type=Path, metavar="DIR", help="write report.md and PNG charts to DIR")
    corpus_opt(p)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not for users
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    try:
        args.func(args)
    except ElacError as exc:
        print(f"elac: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the library did not expect to fail: still one line
        where = f": {exc.filename}" if exc.filename else ""
        print(f"elac: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_OS
    return 0


if __name__ == "__main__":
    sys.exit(main())
