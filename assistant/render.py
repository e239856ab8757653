"""Text for the faces: Markdown with everything from users and the plan escaped. Pure.

Nothing a user types is ever rendered as Markdown or HTML: it is escaped first.
"""

from __future__ import annotations

import re

from .answer import CITATION_MARKER, Answer
from .plan import ActionInfo, Plan
from .retrieve import Hit

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~>=$&])")


def escape_md(text: str) -> str:
    """Text shown literally in Markdown: special characters escaped, HTML impossible."""
    return _MD_SPECIAL.sub(r"\\\1", text)


_LINKABLE = re.compile(r"([:@.])")


def literal(text: str) -> str:
    """Text from a user (or an error quoting it, or a label in a file they uploaded) shown as typed:
    special characters escaped, and ':', '@' and '.' too, so that no URL, www. or e-mail address in it
    becomes a link; whitespace runs are one space."""
    return _LINKABLE.sub(r"\\\1", escape_md(" ".join(text.split())))


def answer_markdown(answer: Answer) -> str:
    """The answer text, escaped, keeping its line breaks and '- ' bullets; citations in bold."""
    lines: list[str] = []
    after_bullet = False
    for line in answer.text.splitlines():
        bullet = line.startswith("- ")
        raw = line[2:] if bullet else line
        # the text between citation markers escaped, each marker in bold (escaped brackets)
        pieces = CITATION_MARKER.split(raw)  # text, number, text, number, ...
        body = "".join(escape_md(p) if i % 2 == 0 else f"**\\[{p}\\]**" for i, p in enumerate(pieces))
        if after_bullet and not bullet:
            lines.append("")  # end the list before a paragraph
        lines.append(("- " if bullet else "") + body)
        after_bullet = bullet
    text = "\n".join(lines)
    if answer.abstained:
        text = "⚠️ " + text
    return text


def action_card(info: ActionInfo) -> str:
    """One action in full, with its goal, area and deadline."""
    parts = [
        f"### Action {escape_md(info.action)}",
        f"**{escape_md(info.goal_label)}**  ",
        f"Area {info.area}. {escape_md(info.area_title)}  ",
        f"Deadline: **{escape_md(info.deadline)}**",
        "",
    ]
    if info.preamble:
        parts += [f"*Goal preamble:* {escape_md(info.preamble)}", ""]
    parts.append("> " + escape_md(info.text))
    return "\n".join(parts)


def citation_choices(answer: Answer) -> list[tuple[str, str]]:
    """(label, action number) for the cited actions first, then the other evidence shown."""
    cited = answer.cited
    rest = [h.action for h in answer.hits if h.action not in cited]
    by_number = {h.action: h for h in answer.hits}
    out = []
    for number in [*cited, *rest]:
        hit = by_number.get(number)
        title = (hit.goal_title or f"area {hit.area}") if hit else ""
        mark = "cited" if number in cited else "related"
        out.append((f"{number} · {title} ({mark})", number))
    return out


def plan_markdown(plan: Plan) -> str:
    """The whole plan: areas, goals, actions with deadlines."""
    out = [f"## {escape_md(plan.title)}", ""]
    for area in plan.areas:
        out += [f"### {area.letter}. {escape_md(area.title)}", ""]
        for goal in (g for g in plan.goals if g.area == area.letter):
            out.append(f"**{escape_md(goal.label(area))}**")
            if goal.preamble:
                out.append(f"*{escape_md(goal.preamble)}*")
            out.append("")
            for action in plan.select(goal=goal.number):
                out.append(f"- **{action.number}** ({escape_md(action.deadline.text)}): {escape_md(action.text)}")
            out.append("")
    return "\n".join(out)


SEARCH_COLUMNS = ["action", "goal", "area", "deadline", "score", "found by", "text"]


def search_rows(hits: list[Hit]) -> list[list[object]]:
    return [
        [h.action, h.goal_label, h.area, h.deadline, round(h.score, 4), ", ".join(h.retrievers), h.text]
        for h in hits
    ]
