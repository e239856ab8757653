"""Text for the faces: Markdown with everything from users and the plan escaped. Pure.

Nothing a user types is ever rendered as Markdown or HTML: it is escaped first.
"""

from __future__ import annotations

import re

from .answer import CITATION_MARKER, Answer
from .lang import Lang, action_frame, area_title, deadline_text, goal_label, goal_title
from .plan import ActionInfo, Plan
from .relevance import Found
from .uiwords import said, ui_words

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
    """The answer text, escaped, keeping its line breaks and '- ' bullets; citations in bold, each a link to
    its action (#action-3.1: the app opens it in the side panel)."""
    text = text_markdown(answer.text)
    return "⚠️ " + text if answer.abstained else text


def text_markdown(text: str, *, links: bool = True) -> str:
    """An answer's text as Markdown: escaped, its '- ' bullets kept (a paragraph after a list starts after a
    blank line), each citation marker in bold (a link to its action with ``links``)."""
    lines: list[str] = []
    after_bullet = False
    for line in text.splitlines():
        bullet = line.startswith("- ")
        raw = line[2:] if bullet else line
        pieces = CITATION_MARKER.split(raw)  # text, number, text, number, ...
        body = "".join(
            escape_md(p) if i % 2 == 0 else (f"[**\\[{p}\\]**](#action-{p})" if links else f"**\\[{p}\\]**")
            for i, p in enumerate(pieces)
        )
        if after_bullet and not bullet:
            lines.append("")  # end the list before a paragraph
        lines.append(("- " if bullet else "") + body)
        after_bullet = bullet
    return "\n".join(lines)


def action_card(info: ActionInfo, lang: Lang = "en", plan: Plan | None = None) -> str:
    """One action in full, with its goal, area and deadline; framed in ``lang`` (titles translated where a
    reviewed translation exists, which needs the ``plan``); the action's own words stay the plan's."""
    w = ui_words(lang, "card")
    goal_text, area_text, due = info.goal_label, f"{info.area}. {info.area_title}", info.deadline
    if plan is not None and lang != "en":
        goal_text, area_text, due = action_frame(plan, info.action, lang)
    parts = [
        f"### {w['action']} {escape_md(info.action)}",
        f"**{escape_md(goal_text)}**  ",
        f"{w['area']} {escape_md(area_text)}  ",
        f"{w['deadline']}: **{escape_md(due)}**",
        "",
    ]
    if info.preamble:
        parts += [f"*{w['preamble']}:* {escape_md(info.preamble)}", ""]
    parts.append("> " + escape_md(info.text))
    return "\n".join(parts)


def citation_choices(answer: Answer, plan: Plan | None = None) -> list[tuple[str, str]]:
    """(label, action number) for the cited actions first, then the other evidence shown; in the answer's
    language (goal titles translated where a reviewed translation exists, which needs the ``plan``)."""
    w = ui_words(answer.lang, "card")
    cited = answer.cited
    rest = [h.action for h in answer.hits if h.action not in cited]
    by_number = {h.action: h for h in answer.hits}
    out = []
    for number in [*cited, *rest]:
        hit = by_number.get(number)
        title = ""
        if hit is not None:
            named = goal_title(plan.goal(hit.goal), answer.lang) if plan is not None else hit.goal_title
            title = named or f"{w['area'].lower()} {hit.area}"
        mark = w["cited"] if number in cited else w["related"]
        out.append((f"{number} · {title} ({mark})", number))
    return out


def goal_card(plan: Plan, number: int | str, lang: Lang = "en") -> str:
    """One goal in full: its title, area, preamble and every action with its deadline; framed in ``lang``
    (titles translated where a reviewed translation exists), the plan's own words quoted as they are."""
    goal = plan.goal(number)
    area = plan.area(goal.area)
    due = said(lang, "due")
    where = f"{ui_words(lang, 'card')['area']} {area.letter}. {area_title(area, lang)}"
    parts = [f"### {escape_md(goal_label(goal, area, lang))}", escape_md(where), ""]
    if goal.preamble:
        parts += [f"*{escape_md(goal.preamble)}*", ""]
    parts += [f"- **{a.number}** ({due} {escape_md(deadline_text(a.deadline, lang))}): {escape_md(a.text)}"
              for a in plan.select(goal=goal.number)]
    return "\n".join(parts)


def plan_html(plan: Plan) -> str:
    """The whole plan as HTML, every goal and action with a stable id (``goal-15``, ``action-15.4``) that a
    jump scrolls to and a link can name (``#action-15.4``). Everything is escaped."""
    from html import escape

    out = [f'<div class="elac-plan"><h2>{escape(plan.title)}</h2>']
    for area in plan.areas:
        out.append(f'<h3 id="area-{area.letter}">{area.letter}. {escape(area.title)}</h3>')
        for goal in (g for g in plan.goals if g.area == area.letter):
            out.append(f'<div class="elac-goal" id="goal-{goal.number}"><p><strong>{escape(goal.label(area))}'
                       "</strong></p>")
            if goal.preamble:
                out.append(f"<p><em>{escape(goal.preamble)}</em></p>")
            out.append("<ul>")
            for action in plan.select(goal=goal.number):
                out.append(f'<li class="elac-action" id="action-{action.number}"><a href="#action-{action.number}">'
                           f"<strong>{action.number}</strong></a> ({escape(action.deadline.text)}): "
                           f"{escape(action.text)}</li>")
            out.append("</ul></div>")
    out.append("</div>")
    return "\n".join(out)


SEARCH_COLUMNS = ["action", "match", "goal", "area", "deadline", "text"]
SCORE_COLUMNS = ["action", "score", "dense", "multilingual", "bm25", "found by"]


def found_rows(found: Found, lang: Lang = "en", plan: Plan | None = None) -> list[list[object]]:
    """A search's results for a table: the match level a person reads, not the retriever's score; framed in
    ``lang`` (goal titles and deadlines, which needs the ``plan``), the action's own words quoted."""
    rows = []
    for m in found.matches:
        goal_text, due = m.hit.goal_label, m.hit.deadline
        if plan is not None and lang != "en":
            goal_text, _, due = action_frame(plan, m.hit.action, lang)
        rows.append([m.hit.action, said(lang, m.level), goal_text, m.hit.area, due, m.hit.text])
    return rows


def score_rows(found: Found) -> list[list[object]]:
    """The raw scores behind a search, for evaluators (their scale depends on the retriever)."""
    def value(x: float | None) -> float | str:
        return "" if x is None else round(x, 4)

    return [[m.hit.action, value(m.hit.score), value(m.hit.similarity), value(m.hit.multilingual_similarity),
             value(m.hit.bm25), ", ".join(m.hit.retrievers)] for m in found.matches]


def goal_choices(plan: Plan, area: str | None = None, lang: Lang = "en") -> list[tuple[str, str]]:
    """(label, goal number) for a goal filter, with titles ("15 Electronic government", in ``lang`` where a
    reviewed translation exists); only the goals of ``area`` when one is given."""
    out = []
    for goal in plan.goals:
        if area and goal.area != area:
            continue
        title = goal_title(goal, lang) or said(lang, "untitled", area=goal.area)
        out.append((f"{goal.number} {title}", str(goal.number)))
    return out


def deadline_choices(plan: Plan, lang: Lang = "en") -> list[tuple[str, str]]:
    """(label, the plan's deadline) for a deadline filter, worded in ``lang``."""
    return [(deadline_text(d, lang), d.text) for d in plan.deadlines()]
