"""Plan -> chunks: one per action (with its goal and area as context) and one per goal.

Pure. The search unit is the action: a goal chunk's match lifts that goal's actions.
Action numbers are not part of the embedded text: number look-ups are exact (retrieve.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .plan import Plan


@dataclass(frozen=True)
class Chunk:
    id: str  # "action:3.1" or "goal:3"
    kind: Literal["action", "goal"]
    goal: int
    actions: tuple[str, ...]  # the actions this chunk stands for
    text: str  # what is embedded and indexed


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
    return chunks
