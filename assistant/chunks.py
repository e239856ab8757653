"""Plan -> chunks: one per action (with its goal and area as context), one per goal, and one per clause
of an action's own words.

Pure. The search unit is the action: a goal chunk's match lifts that goal's actions. Clause chunks come
last and do not rank: how close the best clause of an action is tells whether the action addresses a
subject it names in passing ("computers" in 3.2), which the whole action's text dilutes (evidence.py).
Action numbers are not part of the embedded text: number look-ups are exact (retrieve.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .plan import Plan


@dataclass(frozen=True)
class Chunk:
    id: str  # "action:3.1", "goal:3" or "clause:3.1:2"
    kind: Literal["action", "goal", "clause"]
    goal: int
    actions: tuple[str, ...]  # the actions this chunk stands for
    text: str  # what is embedded and indexed


_CLAUSE_END = re.compile(r"[,;:()]\s*|\.\s+")
CLAUSE_MIN = 16  # characters: shorter pieces ("and", "inter alia") are no clause of their own


def clauses_of(text: str) -> list[str]:
    """An action's words split at commas, semicolons, colons, brackets and full stops (the whole text when
    nothing is left)."""
    return [p.strip() for p in _CLAUSE_END.split(text) if len(p.strip()) >= CLAUSE_MIN] or [text]


def make_chunks(plan: Plan) -> list[Chunk]:
    chunks: list[Chunk] = []
    for goal in plan.goals:
        area = plan.area(goal.area)
        actions = plan.select(goal=goal.number)
        # an untitled goal (27-30) has its area's title once: twice, its words outweighed the actions' own
        context = f"{goal.title} ({area.title})." if goal.title else f"{area.title}."
        if goal.preamble:
            context += f" {goal.preamble}"
        for action in actions:
            chunks.append(
                Chunk(
                    id=f"action:{action.number}",
                    kind="action",
                    goal=goal.number,
                    actions=(action.number,),
                    text=f"{context} {action.text}",
                )
            )
        chunks.append(
            Chunk(
                id=f"goal:{goal.number}",
                kind="goal",
                goal=goal.number,
                actions=tuple(a.number for a in actions),
                text=" ".join([context, *(a.text for a in actions)]),
            )
        )
    for action in plan.actions:
        for i, clause in enumerate(clauses_of(action.text), start=1):
            chunks.append(Chunk(id=f"clause:{action.number}:{i}", kind="clause", goal=action.goal,
                                actions=(action.number,), text=clause))
    return chunks
