"""The words answers are framed in, in English, Spanish and Portuguese. Pure.

Answers to a Spanish or Portuguese question lead and label in that language; the
plan's own words are always quoted in English, exactly as written. Which language a
question is in is read by the reading layer (``assistant/reading/language.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from .plan import Area, Deadline, Goal, Plan

Lang = Literal["en", "es", "pt"]
LANGS: tuple[Lang, ...] = ("en", "es", "pt")

@dataclass(frozen=True)
class Phrases:
    """Everything an answer says in its own voice; the plan's words are never translated."""

    action: str
    goal: str
    area: str
    due: str  # "due End of 2006"
    addressed_one: str
    addressed_many: str  # {n}
    addressed_goals: str  # {n} {g} {numbers}: a topic answer's actions, grouped by goal
    addressed_goal: str  # {n} {goal}: ... all of one goal
    related: str
    not_covered: str
    closest: str
    untitled: str  # {goal} {number} {area}
    action_one: str
    action_many: str
    goal_many: str
    not_mentioned: str  # {word}
    action_lacks: str  # {number}, {word}: a yes-or-no question about one action, on a subject it does not hold
    actions_lack: str  # {numbers}, {word}: ... about several actions, on a subject none of them holds
    regional: str
    results: str  # a question about results: the plan has commitments only
    other_plan: str
    no_such_action: str  # {numbers}
    which_action: str
    the_plan: str
    goal_one: str
    overview: str  # {scope} {goals} {goal_word} {actions} {action_word} {due}
    overview_goal: str  # {scope} {actions} {action_word} {due}
    overview_goals: str  # {numbers} {actions} {action_word} {due}: goals named together ("goals 13 and 14")
    due_from_to: str  # {first} {last}
    plan_has_goals: str  # {n} {where}
    plan_has_areas: str  # {n} {areas}
    is_due: str  # {number} {deadline}
    of_plan: str  # the whole plan as the scope of an earliest/latest deadline
    of_these: str  # the previous answer's actions as that scope ("which of them was due first?")
    of_goals: str  # the goals a question chose as that scope ("of the single-action goals, ...")
    of_actions: str  # {numbers}: the actions a question named as that scope ("which was due first, 14.1 or 14.2?")
    goals_match: str  # {numbers} {g} {goal_word} {n} {action_word}: goals chosen by their actions
    no_goal: str
    areas_match: str  # {letters} {a} {area_word} {n} {action_word}: areas chosen by their actions
    no_area: str
    area_one: str
    area_many: str
    extreme: str  # {which} {deadline} {n} {actions}
    same_deadline: str  # {numbers} {deadline}: actions a question compares, all due at once
    deadlines_differ: str  # {numbers} {first} {first_numbers} {last} {last_numbers}: ... due at different times
    extreme_ranked: str  # {rank} {which} {deadline} {n} {actions}: "the second-latest deadline"
    ranks: tuple[str, ...]  # "second", "third", ... (rank 1, 2, ...)
    no_rank: str  # {rank} {which} {where}: fewer distinct deadlines than the rank asked
    earliest: str
    latest: str
    single: str  # {n} {goals}
    none: str  # {scope}
    in_plan: str
    due_in_year: str  # {year}
    due_not: str  # {deadline} follows
    due_not_year: str  # {year}
    due_before_year: str  # {year}
    due_on: str  # {deadline}
    due_by: str
    due_before: str
    due_after: str
    due_from: str
    due_from_year: str  # {year}
    due_between: str  # {low} {high}
    in_goal: str  # {goal}
    in_goals: str  # {numbers}
    in_area_letters: str  # {letters}: "in areas D and E"
    in_area: str  # {area}
    in_areas: str  # {n}
    months: dict[int, str]  # deadline wording by month: "mediados de {year}"; English keeps the plan's


PHRASES: dict[Lang, Phrases] = {
    "en": Phrases(
        action="Action", goal="Goal", area="area", due="due",
        addressed_one="The plan addresses this in this action:",
        addressed_many="The plan addresses this in {n} actions:",
        addressed_goals="The plan addresses this in {n} actions of {g} goals ({numbers}):",
        addressed_goal="The plan addresses this in {n} actions of {goal}:",
        related="Related actions", not_covered="The plan does not cover this question.",
        closest="Closest in the plan (they do not answer it):",
        untitled="{goal} {number} (untitled in the plan; {area})",
        action_one="action", action_many="actions", goal_many="goals",
        not_mentioned="It does not mention “{word}”.",
        action_lacks="Action {number} does not mention “{word}”.",
        actions_lack="Actions {numbers} do not mention “{word}”.",
        regional=("The plan names no country: its actions are regional and apply to every country of the "
                  "region."),
        results=("The plan sets commitments and deadlines; it does not report what was achieved. What it "
                 "commits to:"),
        other_plan="This assistant covers the eLAC 2007 plan only.",
        no_such_action="It has no action {numbers}; its actions are numbered 1.1 to 30.",
        which_action="Which action do you mean? Ask about a topic first, or name the action (e.g. 3.1).",
        the_plan="The plan", goal_one="goal",
        overview="{scope} has {goals} {goal_word} and {actions} {action_word}, {due}:",
        overview_goal="{scope} has {actions} {action_word}, {due}:", due_from_to="due from {first} to {last}",
        overview_goals="Goals {numbers} have {actions} {action_word}, {due}:",
        plan_has_goals="The plan has {n} goals{where}", plan_has_areas="The plan has {n} areas: {areas}.",
        is_due="Action {number} is due {deadline}.",
        extreme="The {which} deadline {where} is {deadline} ({n} {actions}):", of_plan="in the plan",
        same_deadline="Actions {numbers} share one deadline: {deadline}.",
        deadlines_differ=("Actions {numbers} do not share one deadline: the earliest is {first} ({first_numbers}), the "
                          "latest {last} ({last_numbers})."),
        extreme_ranked="The {rank}-{which} deadline {where} is {deadline} ({n} {actions}):",
        ranks=("second", "third", "fourth", "fifth"),
        no_rank="There is no {rank}-{which} deadline {where}: they have fewer distinct deadlines.",
        of_these="of the actions above", of_goals="of those goals", of_actions="of actions {numbers}",
        goals_match="Goals that match: {numbers} ({g} {goal_word}, {n} {action_word}):",
        no_goal="No goal matches.",
        areas_match="Areas that match: {letters} ({a} {area_word}, {n} {action_word}):",
        no_area="No area matches.", area_one="area", area_many="areas",
        earliest="earliest", latest="latest",
        single="{n} {goals} consist of a single action{where}:",
        none="No action {scope}.", in_plan="in the plan",
        due_in_year="due in {year}", due_not="not due", due_not_year="not due in {year}",
        due_before_year="due before {year}", due_on="due",
        due_by="due on or before", due_before="due before", due_after="due after", due_from="due from",
        due_from_year="due from {year} on", due_between="due between {low} and {high}",
        in_area_letters="in areas {letters}",
        in_goal="in {goal}", in_goals="in goals {numbers}", in_area="in {area}", in_areas=", in {n} areas (A to E).",
        months={},
    ),
    "es": Phrases(
        action="Acción", goal="Meta", area="área", due="plazo",
        addressed_one="El plan aborda este tema en esta acción:",
        addressed_many="El plan aborda este tema en {n} acciones:",
        addressed_goals="El plan aborda este tema en {n} acciones de {g} metas ({numbers}):",
        addressed_goal="El plan aborda este tema en {n} acciones de la {goal}:",
        related="Acciones relacionadas", not_covered="El plan no aborda esta pregunta.",
        closest="Lo más cercano en el plan (no responde a la pregunta):",
        untitled="{goal} {number} (sin título en el plan; {area})",
        action_one="acción", action_many="acciones", goal_many="metas",
        not_mentioned="No menciona «{word}».",
        action_lacks="La acción {number} no menciona «{word}».",
        actions_lack="Las acciones {numbers} no mencionan «{word}».",
        regional=("El plan no nombra ningún país: sus acciones son regionales y valen para todos los países de "
                  "la región."),
        results=("El plan fija compromisos y plazos; no informa de lo que se logró. Lo que se compromete a "
                 "hacer:"),
        other_plan="Este asistente cubre solo el plan eLAC 2007.",
        no_such_action="No tiene ninguna acción {numbers}; sus acciones van de la 1.1 a la 30.",
        which_action="¿A qué acción se refiere? Pregunte primero por un tema, o nombre la acción (p. ej. 3.1).",
        the_plan="El plan", goal_one="meta",
        overview="{scope} tiene {goals} {goal_word} y {actions} {action_word}, {due}:",
        overview_goal="{scope} tiene {actions} {action_word}, {due}:",
        overview_goals="Las metas {numbers} tienen {actions} {action_word}, {due}:",
        due_from_to="con plazos de {first} a {last}",
        plan_has_goals="El plan tiene {n} metas{where}", plan_has_areas="El plan tiene {n} áreas: {areas}.",
        is_due="El plazo de la acción {number} es {deadline}.",
        extreme="El plazo más {which} {where} es {deadline} ({n} {actions}):", of_plan="del plan",
        same_deadline="Las acciones {numbers} comparten un mismo plazo: {deadline}.",
        deadlines_differ=("Las acciones {numbers} no comparten plazo: el más temprano es {first} ({first_numbers}), "
                          "el más tardío {last} ({last_numbers})."),
        extreme_ranked="El {rank} plazo más {which} {where} es {deadline} ({n} {actions}):",
        ranks=("segundo", "tercer", "cuarto", "quinto"),
        no_rank="No hay un {rank} plazo más {which} {where}: tienen menos plazos distintos.",
        of_these="de las acciones anteriores", of_goals="de esas metas",
        of_actions="de las acciones {numbers}",
        goals_match="Metas que cumplen: {numbers} ({g} {goal_word}, {n} {action_word}):",
        no_goal="Ninguna meta cumple.",
        areas_match="Áreas que cumplen: {letters} ({a} {area_word}, {n} {action_word}):",
        no_area="Ninguna área cumple.", area_one="área", area_many="áreas",
        earliest="temprano", latest="tardío",
        single="{n} {goals} constan de una sola acción{where}:",
        none="Ninguna acción {scope}.", in_plan="en el plan",
        due_in_year="con plazo en {year}", due_not="con plazo distinto de",
        due_not_year="con plazo fuera de {year}", due_before_year="con plazo antes de {year}", due_on="con plazo",
        due_by="con plazo hasta", due_before="con plazo antes de", due_after="con plazo después de",
        due_from="con plazo desde", due_from_year="con plazo desde {year}",
        due_between="con plazo entre {low} y {high}",
        in_area_letters="en las áreas {letters}",
        in_goal="en la {goal}", in_goals="en las metas {numbers}", in_area="en el {area}",
        in_areas=", en {n} áreas (A a E).",
        months={6: "mediados de {year}", 11: "noviembre de {year}", 12: "fines de {year}"},
    ),
    "pt": Phrases(
        action="Ação", goal="Meta", area="área", due="prazo",
        addressed_one="O plano trata deste tema nesta ação:",
        addressed_many="O plano trata deste tema em {n} ações:",
        addressed_goals="O plano trata deste tema em {n} ações de {g} metas ({numbers}):",
        addressed_goal="O plano trata deste tema em {n} ações da {goal}:",
        related="Ações relacionadas", not_covered="O plano não trata desta pergunta.",
        closest="O mais próximo no plano (não responde à pergunta):",
        untitled="{goal} {number} (sem título no plano; {area})",
        action_one="ação", action_many="ações", goal_many="metas",
        not_mentioned="Não menciona «{word}».",
        action_lacks="A ação {number} não menciona «{word}».",
        actions_lack="As ações {numbers} não mencionam «{word}».",
        regional=("O plano não cita nenhum país: suas ações são regionais e valem para todos os países da "
                  "região."),
        results=("O plano fixa compromissos e prazos; não informa o que foi alcançado. O que ele se compromete "
                 "a fazer:"),
        other_plan="Este assistente cobre apenas o plano eLAC 2007.",
        no_such_action="Não tem nenhuma ação {numbers}; suas ações vão da 1.1 à 30.",
        which_action="A qual ação você se refere? Pergunte primeiro por um tema, ou cite a ação (p. ex. 3.1).",
        the_plan="O plano", goal_one="meta",
        overview="{scope} tem {goals} {goal_word} e {actions} {action_word}, {due}:",
        overview_goal="{scope} tem {actions} {action_word}, {due}:",
        overview_goals="As metas {numbers} têm {actions} {action_word}, {due}:",
        due_from_to="com prazos de {first} a {last}",
        plan_has_goals="O plano tem {n} metas{where}", plan_has_areas="O plano tem {n} áreas: {areas}.",
        is_due="O prazo da ação {number} é {deadline}.",
        extreme="O prazo mais {which} {where} é {deadline} ({n} {actions}):", of_plan="do plano",
        same_deadline="As ações {numbers} têm o mesmo prazo: {deadline}.",
        deadlines_differ=("As ações {numbers} não têm o mesmo prazo: o mais cedo é {first} ({first_numbers}), o mais "
                          "tarde {last} ({last_numbers})."),
        extreme_ranked="O {rank} prazo mais {which} {where} é {deadline} ({n} {actions}):",
        ranks=("segundo", "terceiro", "quarto", "quinto"),
        no_rank="Não há um {rank} prazo mais {which} {where}: têm menos prazos distintos.",
        of_these="das ações anteriores", of_goals="dessas metas", of_actions="das ações {numbers}",
        goals_match="Metas que atendem: {numbers} ({g} {goal_word}, {n} {action_word}):",
        no_goal="Nenhuma meta atende.",
        areas_match="Áreas que atendem: {letters} ({a} {area_word}, {n} {action_word}):",
        no_area="Nenhuma área atende.", area_one="área", area_many="áreas",
        earliest="cedo", latest="tardio",
        single="{n} {goals} têm uma única ação{where}:",
        none="Nenhuma ação {scope}.", in_plan="no plano",
        due_in_year="com prazo em {year}", due_not="com prazo diferente de",
        due_not_year="com prazo fora de {year}", due_before_year="com prazo antes de {year}", due_on="com prazo",
        due_by="com prazo até", due_before="com prazo antes de", due_after="com prazo depois de",
        due_from="com prazo a partir de", due_from_year="com prazo a partir de {year}",
        due_between="com prazo entre {low} e {high}",
        in_area_letters="nas áreas {letters}",
        in_goal="na {goal}", in_goals="nas metas {numbers}", in_area="na {area}", in_areas=", em {n} áreas (A a E).",
        months={6: "meados de {year}", 11: "novembro de {year}", 12: "final de {year}"},
    ),
}


def deadline_text(deadline: Deadline, lang: Lang) -> str:
    """'End of 2006' in English as the plan writes it; 'fines de 2006', 'final de 2006' otherwise."""
    template = PHRASES[lang].months.get(deadline.month)
    return template.format(year=deadline.year) if template else deadline.text


TITLES = Path(__file__).resolve().parent / "data"  # titles-es.toml, titles-pt.toml: reviewed translations


@cache
def _titles(lang: Lang) -> dict[str, dict[str, str]]:
    """The area and goal titles translated into ``lang`` (none for English: the plan's own are used)."""
    path = TITLES / f"titles-{lang}.toml"
    if lang == "en" or not path.is_file():
        return {"areas": {}, "goals": {}}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {"areas": dict(data.get("areas", {})), "goals": {str(k): v for k, v in data.get("goals", {}).items()}}


def area_title(area: Area, lang: Lang) -> str:
    """The area's title in ``lang`` where a reviewed translation exists, else the plan's."""
    return _titles(lang)["areas"].get(area.letter, area.title)


def goal_title(goal: Goal, lang: Lang) -> str | None:
    """The goal's title in ``lang`` where a reviewed translation exists, else the plan's (None: untitled)."""
    if not goal.title:
        return None
    return _titles(lang)["goals"].get(str(goal.number), goal.title)


def action_frame(plan: Plan, number: str, lang: Lang) -> tuple[str, str, str]:
    """An action's goal label, area ("A. title") and deadline, worded in ``lang`` (titles translated where a
    reviewed translation exists): what cards and briefings frame the plan's words with."""
    action = plan.action(number)
    goal = plan.goal(action.goal)
    area = plan.area(goal.area)
    where = f"{area.letter}. {area_title(area, lang)}"
    return goal_label(goal, area, lang), where, deadline_text(action.deadline, lang)


def area_label(area: Area, lang: Lang) -> str:
    return f"{PHRASES[lang].area} {area.letter}. {area_title(area, lang)}"


def goal_label(goal: Goal, area: Area, lang: Lang) -> str:
    """'Goal 3: Online schools and libraries', 'Meta 3: Escuelas y bibliotecas en línea' (titles translated
    where a reviewed translation exists; quotes of the plan are never translated); untitled goals name
    their area."""
    p = PHRASES[lang]
    title = goal_title(goal, lang)
    if title:
        return f"{p.goal} {goal.number}: {title}"
    return p.untitled.format(goal=p.goal, number=goal.number, area=area_label(area, lang))

