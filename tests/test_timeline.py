"""The deadline timeline: every action at its deadline, in its area's band, linked; readable. Fast."""

from __future__ import annotations

from assistant import timeline


def test_every_action_is_placed_at_its_deadline_in_its_area(plan):
    placed = timeline.layout(plan)
    assert len(placed.marks) == 70 and sorted(m.action for m in placed.marks) == sorted(a.number for a in plan.actions)
    assert placed.deadlines == ("November 2005", "End of 2005", "Mid-2006", "End of 2006", "Mid-2007")
    bands = {letter: (top, bottom) for letter, top, bottom in placed.bands}
    for mark in placed.marks:
        action = plan.action(mark.action)
        assert mark.deadline == action.deadline.text and placed.deadlines[mark.column] == mark.deadline
        assert mark.area == plan.goal(action.goal).area
        top, bottom = bands[mark.area]
        assert bottom < mark.y < top
        assert abs(mark.x - mark.column) < 0.5  # inside its deadline's column
    by_place = {(round(m.x, 6), round(m.y, 6)) for m in placed.marks}
    assert len(by_place) == 70  # no two marks on top of each other
    near = [(a, b) for a in placed.marks for b in placed.marks
            if a.action < b.action and abs(a.y - b.y) < 1e-9 and abs(a.x - b.x) < timeline.STEP - 1e-9]
    assert not near


def test_a_chosen_few_keep_only_their_areas():
    from assistant.corpus import DEFAULT_CORPUS, load_plan

    plan = load_plan(DEFAULT_CORPUS)
    placed = timeline.layout(plan, ["15.1", "22.1"])
    assert [m.action for m in placed.marks] == ["15.1", "22.1"] and [b[0] for b in placed.bands] == ["C", "D"]
    assert {m.deadline for m in placed.marks} == {"Mid-2007", "November 2005"}


def test_the_svg_links_every_mark_and_is_labelled_in_the_language(plan, tmp_path):
    svg = timeline.svg(plan)
    assert svg.startswith("<svg") and all(f'"#action-{a.number}"' in svg for a in plan.actions)
    spanish = timeline.svg(plan, ["3.1", "15.2"], lang="es")
    assert "mediados de 2006" in spanish and "Acceso e inclusión" in spanish and "#action-22.1" not in spanish
    image = timeline.png(plan, tmp_path / "t.png")
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and image.stat().st_size > 20_000
