"""``elac``: the command line face. Parses arguments, calls the library, renders.

Errors raised on purpose (:class:`ElacError`) print one line to stderr and exit 2; an
operating-system error the library let through (a file it could not read or write) prints
one line too and exits 1; an internal error (:class:`InternalError`: a bug, such as an answer
failing its grounding check) prints one line saying so and exits 3. None prints a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import ElacError, InternalError, OutputError, QueryError
from .plan import ActionInfo
from .retrieve import RETRIEVERS

EXIT_USAGE = 2
EXIT_OS = 1
EXIT_INTERNAL = 3
EXIT_REGRESSION = 4  # elac eval --compare BASE --tolerance T: a headline metric fell by more than T


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


def _assistant(args: argparse.Namespace):
    from .service import load_assistant

    return load_assistant(args.corpus, args.index, progress=_progress(),
                          adapters=not getattr(args, "pretrained", False))


def cmd_build(args: argparse.Namespace) -> None:
    from .service import build

    result = build(args.corpus, args.index, if_needed=args.if_needed, progress=_progress())
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if not result.manifests:
        print("index is current", file=sys.stderr)
    for name, m in result.manifests.items():
        print(f"built {name} index: {m.chunk_count} chunks, {m.model_id}, dim {m.dim}, {m.build_seconds:.1f} s",
              file=sys.stderr)


def cmd_search(args: argparse.Namespace) -> None:
    from .reading import check_query

    check_query(args.query)  # fail fast, before loading a model
    assistant = _assistant(args)
    hits = assistant.search(
        args.query, top_k=args.top_k, area=args.area, goal=args.goal, due_by=args.due_by, retriever=args.retriever
    )
    if args.json:
        from .service import hit_json

        _print_json([hit_json(h) for h in hits])
        return
    if not hits:
        print("no actions match these filters")
    for hit in hits:
        text = hit.text if len(hit.text) <= 160 else hit.text[:157] + "..."
        print(f"[{hit.action}] {hit.goal_label} | due {hit.deadline} | score {hit.score:.3f} "
              f"({', '.join(hit.retrievers) or '-'})")
        print(textwrap.fill(text, 88, initial_indent="    ", subsequent_indent="    "))


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import dataset_digest
    from .runs import against_baseline, comparison_markdown, load_run, regressions, save_run
    from .service import evaluation_run, read_questions, run_evaluation

    if args.tolerance is not None and not args.compare:
        raise QueryError("--tolerance needs --compare BASE.json (the run to measure a regression against)")
    read = read_questions(args.dataset, _plan(args))  # fail fast on a bad file or labels
    questions, dataset = read.questions, read.name
    base = load_run(args.compare) if args.compare else None  # ... and on a bad baseline
    if args.save and not (args.save.parent.is_dir() and os.access(args.save.parent, os.W_OK)):
        raise OutputError(f"cannot write the run to {args.save}: its folder is missing or not writable")
    if args.report:
        from .report import prepare_folder

        prepare_folder(args.report)  # before the models load
    assistant = _assistant(args)
    reports = run_evaluation(assistant, questions, args.retriever, dataset=dataset)
    if args.report:
        from .report import write_report

        path = write_report(reports, args.report)
        print(f"report written to {path}", file=sys.stderr)
    if args.save:
        save_run(evaluation_run(assistant, questions, reports, dataset=dataset), args.save)
        print(f"run saved to {args.save}", file=sys.stderr)
    comparisons: list = []
    if base is not None:
        comparisons, notes = against_baseline(base, reports, base_label=str(args.compare),
                                              dataset_sha256=dataset_digest(questions))
        for note in notes:
            print(f"elac: note: {note}", file=sys.stderr)
    if args.json:
        body = reports if args.retriever == "all" else reports[0]
        if base is not None:
            body = {"reports": reports, "comparisons": [asdict(c) for c in comparisons]}
        _print_json(body)
    else:
        _print_eval(reports, per_question=args.per_question)
        for c in comparisons:
            print("\n" + comparison_markdown(c))
    if args.tolerance is not None:
        worse = [f"{c.new}: {w}" for c in comparisons for w in regressions(c, args.tolerance)]
        for line in worse:
            print(f"elac: regression beyond {args.tolerance}: {line}", file=sys.stderr)
        if worse:
            return EXIT_REGRESSION
    return 0


def _print_eval(reports: list[dict], *, per_question: bool) -> None:
    from .report import ANSWER_KEYS, markdown_table, per_question_table, translation_table

    if per_question:
        for report in reports:
            print(f"### {report['retriever']}: every question\n\n{per_question_table(report)}\n")
    print(markdown_table(reports))
    if any(k in r["metrics"] for r in reports for k in ANSWER_KEYS):
        print("\n" + markdown_table(reports, ANSWER_KEYS))
    if any(r["translations"] for r in reports):
        print("\n" + translation_table(reports))


def cmd_brief(args: argparse.Namespace) -> None:
    from .briefing import docx, file_name, markdown
    from .reading import check_query
    from .service import topic_briefing

    check_query(args.topic)
    out = args.output
    if out is not None and not (out.parent.is_dir() and os.access(out.parent, os.W_OK)):
        raise OutputError(f"cannot write the briefing to {out}: its folder is missing or not writable")
    assistant = _assistant(args)
    briefing = topic_briefing(assistant, args.topic, area=args.area, goal=args.goal, due_by=args.due_by)
    out = out or Path(file_name(briefing, args.format))
    if args.format == "docx":
        docx(assistant.plan, briefing, out)
    else:
        out.write_text(markdown(assistant.plan, briefing), encoding="utf-8")
    print(f"briefing written to {out} ({len(briefing.actions)} action(s) cited)", file=sys.stderr)


def cmd_ask(args: argparse.Namespace) -> None:
    from .reading import check_query
    from .service import answer_json

    check_query(args.question)
    answer = _assistant(args).ask(args.question)
    if args.json:
        _print_json(answer_json(answer))
    else:
        print(answer.text)


def cmd_chat(args: argparse.Namespace) -> None:
    from .service import answer_json, turn_record

    assistant = _assistant(args)
    history: list[dict[str, Any]] = []
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
        except ElacError as exc:
            if args.json:
                print(json.dumps({"error": str(exc)}, ensure_ascii=False), flush=True)
            else:
                print(f"error: {exc}", file=sys.stderr)
            continue
        history.append(turn_record(answer))
        if args.json:
            print(json.dumps(answer_json(answer), ensure_ascii=False), flush=True)
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
                           help="index folder (default: $ELAC_INDEX, else index/ in the repository, "
                                "else the user cache folder)")

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

    p = sub.add_parser("brief", help="a briefing note on a topic (Markdown or DOCX): answer, actions, deadlines")
    p.add_argument("topic", help="a question or a topic, in English, Spanish or Portuguese")
    p.add_argument("--area", help="only this area, A to E (the strong matches of a search)")
    p.add_argument("--goal", help="only this goal, 1 to 30")
    p.add_argument("--due-by", help="only actions due on or before, e.g. 'mid-2006'")
    p.add_argument("--format", choices=("md", "docx"), default="md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="where to write it (default: elac-briefing-<topic>-<date>.<format> here)")
    corpus_opt(p)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("chat", help="a conversation; with --json, one question a line on stdin")
    p.add_argument("--json", action="store_true", help="read one question a line, print one JSON answer a line")
    corpus_opt(p)
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("eval", help="measure retrieval (and answer) quality on a labelled question set")
    p.add_argument("--dataset", type=Path, help="JSONL with 'question' and 'relevant' (default: eval/questions.jsonl)")
    p.add_argument("--retriever", default="hybrid", choices=(*RETRIEVERS, "all"))
    p.add_argument("--json", action="store_true", help="print JSON (a list for --retriever all)")
    p.add_argument("--report", type=Path, metavar="DIR", help="write report.md and PNG charts to DIR")
    p.add_argument("--per-question", action="store_true",
                   help="also print every question: its verdict, the first expected action's rank, what was cited")
    p.add_argument("--save", type=Path, metavar="RUN.json",
                   help="keep this run (metrics, per-question results, settings) as a JSON file")
    p.add_argument("--compare", type=Path, metavar="BASE.json",
                   help="compare with a saved run question by question (wins, losses, Wilcoxon test)")
    p.add_argument("--tolerance", type=float, metavar="T",
                   help=f"with --compare: exit {EXIT_REGRESSION} when a headline metric is worse by more than T")
    p.add_argument("--pretrained", action="store_true",
                   help="rank with the models' own query vectors, without the fitted query adapters and "
                        "precedents (to compare)")
    corpus_opt(p)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .service import quiet_logs

    quiet_logs()
    try:
        code = args.func(args)
    except ElacError as exc:
        print(f"elac: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InternalError as exc:
        print(f"elac: internal error (a bug in the assistant, not your input): {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the library did not expect to fail: still one line
        where = f": {exc.filename}" if exc.filename else ""
        print(f"elac: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_OS
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
