"""``elac``: the command line face. Parses arguments, calls the library, renders.

Errors raised on purpose (:class:`ElacError`) print one line to stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import ElacError
from .plan import ActionInfo

EXIT_USAGE = 2


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="elac",
        description="Search and ask the eLAC 2007 Plan of Action for the Information Society.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def corpus_opt(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", type=Path, help="plan file, .txt or .pdf (default: corpus/elac2007.txt)")

    p = sub.add_parser("show", help="print one action with its goal, area and deadline")
    p.add_argument("number", help="action number, e.g. 15.4 or 12")
    p.add_argument("--json", action="store_true", help="print JSON")
    corpus_opt(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("list", help="list actions, filtered by area, goal or deadline")
    p.add_argument("--area", help="area letter, A to E")
    p.add_argument("--goal", help="goal number, 1 to 30")
    p.add_argument("--due-by", help="latest deadline, e.g. 'mid-2006', 'end of 2006', 'November 2005'")
    p.add_argument("--json", action="store_true", help="print JSON")
    corpus_opt(p)
    p.set_defaults(func=cmd_list)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not for users
    try:
        args.func(args)
    except ElacError as exc:
        print(f"elac: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
