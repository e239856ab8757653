"""eLAC Plan Assistant: the Gradio app. Thin: parse input, call the Assistant, render.

    python app.py [--host 127.0.0.1] [--port 7860] [--index DIR]   (or ELAC_HOST / ELAC_PORT / ELAC_INDEX)

Safe by default: it listens on 127.0.0.1 only and opens no share link unless asked; the
file route serves only this process's own files (its uploads and results, in a private
temporary folder); questions are at most 2,000 characters and request bodies at most
MAX_REQUEST_BYTES; at most CONCURRENCY questions are answered at once and QUEUE_SIZE wait.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from datetime import date
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant.briefing import docx as briefing_docx
from assistant.briefing import file_name as briefing_name
from assistant.briefing import from_answer, from_found
from assistant.briefing import markdown as briefing_markdown
from assistant.core import Assistant
from assistant.errors import ElacError, InternalError
from assistant.evalview import COLUMNS as QUESTION_COLUMNS
from assistant.evalview import (
    DATATYPES,
    FAILURES,
    SHOW,
    question_rows,
    ranked_markdown,
    report_named,
    report_names,
    run_file_name,
    summary_markdown,
)
from assistant.export import SearchFilters, citation_list, file_name, found_csv, found_markdown, summary
from assistant.lang import Lang
from assistant.paths import QUESTIONS_TEMPLATE
from assistant.reading.locate import locate
from assistant.reading.numbers import MAX_QUERY_CHARS
from assistant.render import (
    SCORE_COLUMNS,
    SEARCH_COLUMNS,
    action_card,
    answer_markdown,
    citation_choices,
    deadline_choices,
    found_rows,
    goal_card,
    goal_choices,
    literal,
    plan_html,
    score_rows,
)
from assistant.report import LEGEND, write_report
from assistant.runs import compare, comparison_markdown, load_run, regression_report, save_run
from assistant.service import (
    QuestionSet,
    answer_json,
    evaluation_run,
    hit_json,
    keep_newest,
    load_assistant,
    quiet_logs,
    read_questions,
    run_evaluation,
    turn_record,
)
from assistant.timeline import svg as timeline_svg
from assistant.uiwords import error_words, interface_lang, said, translations, ui_words

log = logging.getLogger("elac.app")
EXAMPLES = [f"example_{i}" for i in range(1, 7)]  # their words, per language: assistant/data/ui-<lang>.toml
# the interface's words in English, Spanish and Portuguese, chosen by the browser's language (Gradio's
# Settings, in the footer, switches it)
I18N = gr.I18n(**translations("app"))
t = I18N
LANG_COOKIE = "elac-lang"  # the page's language (its <html lang>), kept by PAGE_SCRIPT for the server's words
DEFAULT_TOLERANCE = 0.01  # a headline metric may fall this much against a baseline before it is a regression

# links to the plan's places (#action-15.4, #goal-15): a citation in a chat answer opens the action in the
# side panel; any other opens Browse, scrolls to the place and highlights it; a page opened with such a
# fragment in its URL does the same (a shareable link)
PAGE_SCRIPT = """<script>
(() => {
  // the server writes some words itself (messages, status lines, cards): it reads the page's language
  // (Gradio sets <html lang> from the browser's, and its Settings switch changes it) from a cookie, and
  // when it changes, the hidden relabel button asks for the labels the server fills in
  let said = null;
  const keepLang = () => {
    const lang = document.documentElement.lang || navigator.language || 'en';
    if (lang === said) return;
    said = lang;
    document.cookie = `elac-lang=${encodeURIComponent(lang)}; path=/; SameSite=Lax`;
    const relabel = document.querySelector('#elac-relabel');
    if (relabel) relabel.click();
  };
  keepLang();
  new MutationObserver(keepLang).observe(document.documentElement, {attributes: true, attributeFilter: ['lang']});
  const openTab = (id) => {  // by its id: its label is in the user's language
    const tab = document.querySelector(`button[role=tab][data-tab-id="${id}"]`);
    if (tab && tab.getAttribute('aria-selected') !== 'true') tab.click();
  };
  window.elacJump = (id, tries = 30) => {
    openTab('browse');
    const place = document.getElementById(id);
    if (!place || !place.offsetParent) {  // not there yet: the page is loading, or the tab is opening
      if (tries > 0) setTimeout(() => window.elacJump(id, tries - 1), 200);
      return;
    }
    document.querySelectorAll('.elac-highlight').forEach((e) => e.classList.remove('elac-highlight'));
    place.classList.add('elac-highlight');
    place.scrollIntoView({block: 'center'});
    history.replaceState(null, '', '#' + id);
  };
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a');
    const href = link && (link.getAttribute('href') || link.getAttribute('xlink:href'));  // SVG: xlink:href
    if (!href || !/#(action|goal)-/.test(href)) return;
    event.preventDefault();
    event.stopPropagation();
    const id = href.split('#').pop();
    if (link.closest('#chatbot, #answer-timeline')) {
      const number = id.replace('action-', '');
      const choice = [...document.querySelectorAll('#citations input[type=radio]')].find((r) => r.value === number);
      if (choice) { choice.click(); return; }
    }
    window.elacJump(id);
  }, true);
  // the page may be loaded already when Gradio adds this script: look at the URL now, retrying until
  // the plan is rendered
  const linked = decodeURIComponent(location.hash.slice(1));
  if (/^(action|goal)-[0-9.]+$/.test(linked)) setTimeout(() => window.elacJump(linked), 300);
})();
</script>"""
PAGE_CSS = (".elac-highlight { background: #fff3bf; outline: 2px solid #f59f00; border-radius: 4px; }\n"
            "#elac-relabel { display: none !important; }")

CONCURRENCY = 2  # questions answered at once, all endpoints together: the models use both CPU cores
QUEUE_SIZE = 64  # requests waiting beyond this are refused at once ("Queue is full")
MAX_REQUEST_BYTES = 2_000_000  # one request body (a question is at most 2,000 characters)
MAX_UPLOAD = "10mb"  # an uploaded question set
ASSISTANT = "assistant"  # the concurrency group of every handler that runs the models, evaluations too
KEEP_FILES = 20  # the newest CSV files and evaluation results kept for download; older ones are removed
CACHE_CLEANUP = (600, 3600)  # Gradio's cache (uploads): every 10 minutes, files older than an hour go
INTERNAL = said("en", "internal")  # the API's words for a bug (the app's are in the user's language)


class RequestGuard:
    """ASGI middleware refusing, before Gradio reads them, request bodies over ``max_bytes``
    (uploads have Gradio's own ``max_file_size``) and remote URLs on the file route: this app
    serves its own files, it is no proxy."""

    _REMOTE = re.compile(r"/file[=/]\s*[a-z][a-z0-9+.-]*:", re.IGNORECASE)

    def __init__(self, app, max_bytes: int = MAX_REQUEST_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def refusal(self, method: str, path: str, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        if self._REMOTE.search(path):
            return 403, "This app serves only its own files."
        if method in ("GET", "HEAD", "OPTIONS") or path.rstrip("/").endswith("/upload"):
            return None
        length = headers.get(b"content-length")
        if length is None:
            if headers.get(b"transfer-encoding"):
                return 411, "Send the request with a Content-Length."
            return None
        if not length.isdigit() or int(length) > self.max_bytes:
            return 413, (f"The request is larger than {self.max_bytes:,} bytes; "
                         f"questions are at most {MAX_QUERY_CHARS:,} characters.")
        return None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            problem = self.refusal(scope["method"], scope["path"], dict(scope["headers"]))
            if problem:
                from starlette.responses import PlainTextResponse

                await PlainTextResponse(problem[1], status_code=problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _refused(message: str) -> gr.Error:
    """A request the assistant cannot take: its message for the caller, no traceback in the log."""
    return gr.Error(message, print_exception=False)


def _top_k(value: object) -> int:
    """A whole number from the API (an int, a whole float, or digits as text); huge ones stay whole
    numbers (the search returns every action at most)."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        digits = value.strip().lstrip("0") or "0"
        return int(digits) if len(digits) <= 9 else 10**9  # more than any plan's actions: the same answer
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(min(value, 1e9)) if value > 0 else int(max(value, -1))
    raise _refused(f"top_k must be a whole number, not {str(value)[:20]!r}")


def _filter(name: str, value: object) -> str | None:
    """A filter from the API: text (a goal may be a number), or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise _refused(f"{name} must be text, not {type(value).__name__}")
    return value




class EvaluationCancelled(Exception):
    """The user pressed Cancel: the evaluation stops at its next question."""


def _message(exc: BaseException, lang: Lang = "en") -> str:
    """What the user reads, in ``lang``: a refusal's own words; for a bug, that it is one (the log has the
    details)."""
    if isinstance(exc, ElacError):
        return error_words(exc, lang)
    log.error("internal error", exc_info=exc)
    return said(lang, "internal")


def _lang(request: gr.Request | None) -> Lang:
    """The interface's language for this request: the page's (a cookie PAGE_SCRIPT keeps), else the
    browser's (Accept-Language), else English (an API client)."""
    try:
        cookies, headers = request.cookies, request.headers  # type: ignore[union-attr]
    except AttributeError:  # no request (a direct call), or one without HTTP details
        return "en"
    return interface_lang(cookies.get(LANG_COOKIE), headers.get("accept-language"))


def _hint(lang: Lang, key: str) -> str:
    """A placeholder text of the interface (panel_hint, question_hint) in ``lang``."""
    return ui_words(lang, "app")[key]


def _shown(message: object) -> str:
    """The user's message as the chat shows it: literal, and cut when it is past the length limit."""
    text = message if isinstance(message, str) else ""
    if len(text) > MAX_QUERY_CHARS:
        return literal(text[:200]) + f" … ({len(text):,} characters)"
    return literal(text)


def build_app(assistant: Assistant, workdir: str | Path | None = None) -> gr.Blocks:
    """The app, with its queue. ``workdir`` receives the CSV and chart files it offers for download."""
    plan = assistant.plan
    workdir = Path(workdir or tempfile.mkdtemp(prefix="elac-app-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # the template is served from this process's own folders, beside its results (not among them: the
    # results folder keeps only its newest files)
    template = workdir.with_name(workdir.name + "-template") / QUESTIONS_TEMPLATE.name
    template.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(QUESTIONS_TEMPLATE, template)

    # -- handlers (each catches ElacError and InternalError: the app keeps serving) --
    def on_chat(message: str, messages: list, turns: list, request: gr.Request):
        messages = list(messages or [])
        turns = list(turns or [])
        shown = _shown(message)
        try:
            answer = assistant.ask(message, turns)
        except (ElacError, InternalError) as exc:
            lang = _lang(request)
            messages += [{"role": "user", "content": shown or said(lang, "empty")},
                         {"role": "assistant", "content": f"⚠️ {literal(_message(exc, lang))}"}]
            return messages, turns, "", gr.update(), gr.update(), gr.update(), gr.update(), gr.update()
        turns.append(turn_record(answer))
        messages += [{"role": "user", "content": shown},
                     {"role": "assistant", "content": answer_markdown(answer)}]
        choices = citation_choices(answer, plan)
        first = answer.cited[0] if answer.cited else None
        panel = action_card(plan.info(first), answer.lang, plan) if first else _hint(_lang(request), "panel_hint")
        return (messages, turns, "", gr.update(choices=choices, value=first), panel, answer_timeline(answer),
                answer, gr.update(value=None, visible=False))

    def on_brief(answer):
        """The last answer as a briefing note, in Markdown and Word."""
        if answer is None:
            return gr.update(value=None, visible=False)
        return gr.update(value=write_briefing(from_answer(answer)), visible=True)

    def write_briefing(briefing) -> list[str]:
        folder = Path(tempfile.mkdtemp(prefix="elac-briefing-", dir=workdir))
        markdown_file = folder / briefing_name(briefing, "md")
        markdown_file.write_text(briefing_markdown(plan, briefing), encoding="utf-8")
        word_file = briefing_docx(plan, briefing, folder / briefing_name(briefing, "docx"))
        keep_newest(workdir, KEEP_FILES)
        return [str(markdown_file), str(word_file)]

    def answer_timeline(answer):
        """The deadlines of an answer's actions, when it cites several (an overview, a topic, a list)."""
        if len(answer.cited) < 2:
            return gr.update(value="", visible=False)
        return gr.update(value=timeline_svg(plan, answer.cited, answer.lang), visible=True)

    def on_citation(number: str | None, answer, request: gr.Request) -> str:
        lang = answer.lang if answer is not None else _lang(request)
        if not number:
            return _hint(_lang(request), "panel_hint")
        try:
            return action_card(plan.info(number), lang, plan)
        except ElacError as exc:
            return f"⚠️ {literal(error_words(exc, lang))}"

    def on_clear(request: gr.Request):
        return ([], [], gr.update(choices=[], value=None), _hint(_lang(request), "panel_hint"),
                gr.update(value="", visible=False), None, gr.update(value=None, visible=False))

    def on_search(query: str, area: str, goal: str, due_by: str, retriever: str, top_k: float,
                  request: gr.Request):
        lang = _lang(request)
        filters = SearchFilters(area=None if area == "all" else area, goal=None if goal == "all" else goal,
                                due_by=None if due_by == "any" else due_by, retriever=retriever)
        try:
            found = assistant.find(query, top_k=int(top_k), area=filters.area, goal=filters.goal,
                                   due_by=filters.due_by, retriever=retriever)  # type: ignore[arg-type]
        except (ElacError, InternalError) as exc:
            return (results_update([], lang), f"⚠️ {literal(_message(exc, lang))}",
                    gr.update(value=None, visible=False), "", gr.update(value=[]), None)
        day = date.today()
        folder = Path(tempfile.mkdtemp(prefix="elac-search-", dir=workdir))
        files = []
        for ext, text in (("csv", found_csv(found, filters, day)), ("md", found_markdown(found, filters, day))):
            path = folder / file_name(found.query, filters, day, ext)
            path.write_text(text, encoding="utf-8", newline="")
            files.append(str(path))
        keep_newest(workdir, KEEP_FILES)
        ranked = said(lang, "ranked", retriever=retriever, shown=len(found.matches))
        status = f"{literal(summary(found, filters, lang=lang))} *{literal(ranked)}*"
        searched = {"found": found, "filters": filters, "day": day, "files": files, "lang": lang}  # for the briefing
        return (results_update(found_rows(found, lang, plan), lang), status, gr.update(value=files, visible=True),
                citation_list(found, lang, plan), gr.update(value=score_rows(found)), searched)

    def results_update(rows: list, lang: Lang):
        """The results table, its headers in ``lang``."""
        return gr.update(value={"data": rows, "headers": search_headers(lang)})

    def search_headers(lang: Lang) -> list[str]:
        return [said(lang, f"column_{c}") for c in SEARCH_COLUMNS]

    def on_search_briefing(searched: dict | None):
        """The strong matches as a Word briefing, added to the search's files once the results are shown
        (drawing its timeline and writing it take longer than the search)."""
        if not searched:
            return gr.update()
        found, filters, files, lang = searched["found"], searched["filters"], searched["files"], searched["lang"]
        briefing = from_found(found, summary(found, filters, listed=False, lang=lang), searched["day"], lang)
        word = briefing_docx(plan, briefing, Path(files[0]).parent / briefing_name(briefing, "docx"))
        return gr.update(value=[*files, str(word)], visible=True)

    def on_area(area: str, goal: str, request: gr.Request):
        """The goal filter narrowed to the area chosen (kept when the goal lies in it)."""
        choices = goal_filter(area, _lang(request))
        return gr.update(choices=choices, value=goal if goal in {v for _, v in choices} else "all")

    def goal_filter(area: str, lang: Lang) -> list[tuple[str, str]]:
        return [(said(lang, "all"), "all"), *goal_choices(plan, None if area == "all" else area, lang)]

    def on_relabel(area: str, goal: str, due_by: str, request: gr.Request):
        """The labels the server fills in, in the page's language: the filters' choices, the results'
        headers, the timeline's legend and the hints (on load, and when the language is switched)."""
        lang = _lang(request)
        areas = [(said(lang, "all"), "all"), *((a.letter, a.letter) for a in plan.areas)]
        dues = [(said(lang, "any"), "any"), *deadline_choices(plan, lang)]
        return (gr.update(choices=areas, value=area), gr.update(choices=goal_filter(area, lang), value=goal),
                gr.update(choices=dues, value=due_by), gr.update(headers=search_headers(lang)),
                timeline_svg(plan, lang=lang))

    def on_jump(text: str, request: gr.Request) -> tuple[str, str]:
        """An action or goal by number or by words of a goal's title: its card, and the id of its place in
        the plan below, which the page then scrolls to and highlights."""
        lang = _lang(request)
        try:
            place = locate(plan, text or "")
            if place is None:
                plan.info(text or "")  # no action or goal named: the plan's own error, with the nearest numbers
                return f"⚠️ {literal(said(lang, 'names_nothing', text=text))}", ""  # (an action would be found)
            if place.kind == "action":
                return action_card(plan.info(place.number), lang, plan), place.anchor
            return goal_card(plan, place.number, lang), place.anchor
        except (ElacError, InternalError) as exc:
            return f"⚠️ {literal(_message(exc, lang))}", ""

    evaluating = threading.Semaphore(1)  # one evaluation at a time; it also holds one of the CONCURRENCY workers
    cancelled: dict[str, threading.Event] = {}  # per browser session: the Cancel button's signal

    def on_eval(upload, which: str, request: gr.Request):
        """A generator: it reports progress while the evaluation runs in a thread, and stops it when
        the Cancel button is pressed (or the page is closed). Yields (summary, chart, run state)."""
        name = Path(upload).name if upload else None
        lang = _lang(request)
        try:
            chosen = read_questions(upload, plan, label=name, lenient=upload is not None)
        except ElacError as exc:
            yield f"⚠️ {literal(error_words(exc, lang))}", None, gr.update()
            return
        if not evaluating.acquire(blocking=False):
            yield f"⚠️ {said(lang, 'busy')}", None, gr.update()
            return
        stop = cancelled[request.session_hash or ""] = threading.Event()
        try:
            yield from _evaluate(chosen, which, stop, lang)
        finally:
            stop.set()  # the page went away, or the run ended: the thread stops at its next question

    def _evaluate(chosen: QuestionSet, which: str, stop: threading.Event, lang: Lang):
        done: dict[str, object] = {}
        progress = {"text": said(lang, "starting")}
        dataset = chosen.name

        def step(retriever: str, i: int, total: int) -> None:
            if stop.is_set():
                raise EvaluationCancelled
            progress["text"] = said(lang, "progress", retriever=retriever, done=i, total=total)

        def work() -> None:
            try:
                reports = run_evaluation(assistant, chosen.questions, which, dataset=dataset, progress=step)
                done["run"] = evaluation_run(assistant, chosen.questions, reports, dataset=dataset)
            except BaseException as exc:  # reported below, in the handler
                done["error"] = exc
            finally:
                evaluating.release()  # here, not in the handler: a cancelled handler may never resume

        worker = threading.Thread(target=work, name="elac-eval", daemon=True)
        worker.start()
        while worker.is_alive():
            worker.join(timeout=1.0)
            yield said(lang, "evaluating", dataset=literal(dataset), progress=progress["text"]), None, gr.update()
        error = done.get("error")
        if isinstance(error, EvaluationCancelled):
            yield said(lang, "cancelled"), None, gr.update()
            return
        if error is not None:
            yield f"⚠️ {literal(_message(error, lang))}", None, gr.update()
            return
        run = done["run"]
        reports = run["reports"]  # type: ignore[index]
        folder = Path(tempfile.mkdtemp(prefix="elac-eval-", dir=workdir))
        try:
            write_report(reports, folder)
            saved = save_run(run, folder / run_file_name(dataset, which))  # type: ignore[arg-type]
        except ElacError as exc:
            yield f"⚠️ {literal(error_words(exc, lang))}", None, gr.update()
            return
        keep_newest(workdir, KEEP_FILES)
        yield (summary_markdown(reports, dataset, chosen.skipped), str(folder / "by_category.png"),
               {"run": run, "file": str(saved)})

    def on_cancel(request: gr.Request) -> None:
        event = cancelled.get(request.session_hash or "")
        if event is not None:
            event.set()

    def baseline_reports(baseline: dict | None) -> list:
        return baseline["run"]["reports"] if baseline else []

    def on_results(state: dict | None, baseline: dict | None, tolerance: float | None, request: gr.Request):
        """After a run: the questions table (failures of the first retriever), the run file, the choices
        to compare, and the regression report when a baseline is loaded."""
        if not state:
            return (gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), gr.update(), gr.update())
        reports = state["run"]["reports"]
        names = report_names(reports, baseline_reports(baseline))
        first = reports[0]["retriever"]
        other = next((n for n in names if n != first), first)
        return (gr.update(choices=[r["retriever"] for r in reports], value=first), gr.update(value=FAILURES),
                table_update(reports[0], FAILURES), _hint(_lang(request), "question_hint"),
                gr.update(value=state["file"], visible=True),
                gr.update(choices=names, value=first), gr.update(choices=names, value=other))

    def table_update(report: dict, show: str):
        rows = question_rows(report, show)
        label = f"{report['retriever']}: {len(rows)} of {len(report['questions'])} questions ({show})"
        return gr.update(value=rows or [[""] * len(QUESTION_COLUMNS)], label=label)

    def on_table(state: dict | None, retriever: str | None, show: str, request: gr.Request):
        report = _report(state, retriever)
        hint = _hint(_lang(request), "question_hint")
        if report is None:
            return gr.update(), hint
        return table_update(report, show or FAILURES), hint

    def _report(state: dict | None, retriever: str | None) -> dict | None:
        if not state:
            return None
        return next((r for r in state["run"]["reports"] if r["retriever"] == retriever), None)

    def on_question(state: dict | None, retriever: str | None, evt: gr.SelectData, request: gr.Request) -> str:
        """A row of the questions table clicked: that question's ranked list with the action texts."""
        report = _report(state, retriever)
        row = evt.row_value if isinstance(evt.row_value, list) else []
        hint = _hint(_lang(request), "question_hint")
        if report is None or not row:
            return hint
        question = next((q for q in report["questions"] if q["id"] == str(row[0])), None)
        return ranked_markdown(question, plan, report["retriever"]) if question else hint

    def on_compare(state: dict | None, baseline: dict | None, base_name: str | None, new_name: str | None,
                   request: gr.Request) -> str:
        if not state:
            return said(_lang(request), "run_first")
        reports, old = state["run"]["reports"], baseline_reports(baseline)
        base, new = report_named(base_name or "", reports, old), report_named(new_name or "", reports, old)
        if base is None or new is None:
            return f"⚠️ {said(_lang(request), 'choose_two')}"
        return comparison_markdown(compare(base, new, base_name=literal(base_name or ""),
                                           new_name=literal(new_name or "")))

    def on_baseline(upload, state: dict | None, tolerance: float | None, request: gr.Request):
        """A saved run uploaded as the baseline: it is checked, and compared with the current run."""
        if not upload:
            return None, "", *choices_update(state, None)
        name = Path(upload).name
        try:
            baseline = {"run": load_run(upload, label=name), "name": name}
        except ElacError as exc:
            return None, f"⚠️ {literal(error_words(exc, _lang(request)))}", *choices_update(state, None)
        return baseline, regression_markdown(state, baseline, tolerance, request), *choices_update(state, baseline)

    def choices_update(state: dict | None, baseline: dict | None):
        if not state:
            return gr.update(), gr.update()
        names = report_names(state["run"]["reports"], baseline_reports(baseline))
        return gr.update(choices=names), gr.update(choices=names)

    def regression_markdown(state: dict | None, baseline: dict | None, tolerance: float | None,
                            request: gr.Request) -> str:
        """The current run against the baseline, retriever by retriever, with the regressions beyond
        ``tolerance``."""
        if not baseline:
            return ""
        name = literal(baseline["name"])
        if not state:
            lang = _lang(request)
            when = literal(str(baseline["run"].get("created") or said(lang, "unknown_time")))
            return said(lang, "baseline_loaded", name=name, when=when)
        tolerance = float(tolerance if tolerance is not None else DEFAULT_TOLERANCE)
        return regression_report(baseline["run"], state["run"], base_label=name, tolerance=tolerance)

    # -- layout -----------------------------------------------------------
    with gr.Blocks(title="eLAC Plan Assistant", delete_cache=CACHE_CLEANUP) as app:
        gr.Markdown("# eLAC Plan Assistant")
        gr.Markdown(t("intro"))
        with gr.Tabs():
            with gr.Tab(t("tab_chat"), id="chat"):
                turns = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label=t("conversation"), height=460, elem_id="chatbot")
                        with gr.Row():
                            box = gr.Textbox(placeholder=t("ask_placeholder"),
                                             show_label=False, scale=5, elem_id="question", max_lines=4)
                            send = gr.Button(t("ask"), variant="primary", scale=1, elem_id="ask")
                        gr.Markdown(t("examples"))
                        with gr.Row(elem_id="examples"):
                            # buttons, not gr.Examples: their labels are translated, and a click asks in the
                            # browser's language
                            examples = [gr.Button(t(key), size="sm", min_width=120) for key in EXAMPLES]
                        clear_btn = gr.Button(t("clear"), size="sm")
                    with gr.Column(scale=2):
                        cited = gr.Radio(choices=[], label=t("citations"), elem_id="citations")
                        panel = gr.Markdown(t("panel_hint"), elem_id="action-panel")
                # the deadlines of the last answer's actions, when it cites several
                answer_deadlines = gr.HTML(visible=False, elem_id="answer-timeline")
                last_answer = gr.State(None)
                with gr.Row():
                    brief = gr.Button(t("brief"), size="sm",
                                      elem_id="brief", scale=1)
                    briefing_files = gr.File(label=t("briefing"), visible=False, file_count="multiple",
                                             elem_id="briefing", scale=2)
                for trigger in (send.click, box.submit):
                    trigger(on_chat, [box, chatbot, turns],
                            [chatbot, turns, box, cited, panel, answer_deadlines, last_answer, briefing_files],
                            api_visibility="private", concurrency_id=ASSISTANT)
                brief.click(on_brief, last_answer, briefing_files, api_visibility="private")
                for example in examples:  # the example as the browser shows it, asked
                    example.click(lambda text: text, example, box, api_visibility="private").then(
                        on_chat, [box, chatbot, turns],
                        [chatbot, turns, box, cited, panel, answer_deadlines, last_answer, briefing_files],
                        api_visibility="private", concurrency_id=ASSISTANT)
                cited.change(on_citation, [cited, last_answer], panel, api_visibility="private")
                clear_btn.click(on_clear, None,
                                [chatbot, turns, cited, panel, answer_deadlines, last_answer, briefing_files],
                                api_visibility="private")

            with gr.Tab(t("tab_search"), id="search"):
                with gr.Row():
                    query = gr.Textbox(label=t("query"), placeholder=t("query_placeholder"), scale=4, elem_id="query")
                    go = gr.Button(t("search"), variant="primary", scale=1, elem_id="search-go")
                with gr.Row():
                    # the choices' labels are the server's words: on_relabel gives them in the page's language
                    area = gr.Dropdown(["all"] + [a.letter for a in plan.areas], value="all", label=t("area"),
                                       elem_id="filter-area")
                    goal = gr.Dropdown(goal_filter("all", "en"), value="all", label=t("goal"),
                                       elem_id="filter-goal", scale=2)
                    due = gr.Dropdown([("any", "any"), *deadline_choices(plan)], value="any", label=t("due"),
                                      elem_id="filter-due")
                    retriever = gr.Dropdown(list(assistant.retriever.names), value="hybrid", label=t("retriever"))
                    top_k = gr.Slider(1, 70, value=10, step=1, label=t("results"))
                status = gr.Markdown(elem_id="search-status")
                table = gr.Dataframe(headers=search_headers("en"), interactive=False, wrap=True, elem_id="results",
                                     column_widths=["6%", "7%", "18%", "5%", "9%", "55%"])
                with gr.Row():
                    export = gr.File(label=t("export"),
                                     visible=False, elem_id="csv",
                                     file_count="multiple")
                    citations_text = gr.Textbox(label=t("citation_list"),
                                                lines=4, max_lines=12, buttons=["copy"], elem_id="citation-list",
                                                interactive=False)
                with gr.Accordion(t("scores"), open=False):
                    scores = gr.Dataframe(headers=SCORE_COLUMNS, interactive=False, elem_id="scores")
                searched = gr.State(None)  # the last search, for its Word briefing
                for trigger in (go.click, query.submit):
                    trigger(on_search, [query, area, goal, due, retriever, top_k],
                            [table, status, export, citations_text, scores, searched],
                            api_visibility="private", concurrency_id=ASSISTANT).then(
                        on_search_briefing, searched, export, api_visibility="private")
                area.input(on_area, [area, goal], goal, api_visibility="private")

            with gr.Tab(t("tab_browse"), id="browse"):
                with gr.Row():
                    number = gr.Textbox(label=t("jump"),
                                        placeholder=t("jump_placeholder"), scale=3,
                                        elem_id="jump")
                    show = gr.Button(t("show"), scale=1)
                card = gr.Markdown(elem_id="card")
                anchor = gr.Textbox(visible=False)  # the id of the place shown, for the page to scroll to
                for trigger in (show.click, number.submit):
                    trigger(on_jump, number, [card, anchor], api_visibility="private").then(
                        None, anchor, None, js="(id) => { if (id) window.elacJump(id); }")
                gr.Markdown(t("deadlines"))
                timeline = gr.HTML(timeline_svg(plan), elem_id="timeline")
                gr.HTML(plan_html(plan), elem_id="plan")

            with gr.Tab(t("tab_evaluate"), id="evaluate"):
                gr.Markdown(t("eval_intro"))
                with gr.Row():
                    upload = gr.File(label=t("question_set"), file_types=[".jsonl"], type="filepath",
                                     elem_id="eval-upload")
                    with gr.Column():
                        which = gr.Radio(["hybrid", "all"], value="hybrid", label=t("retrievers"))
                        gr.DownloadButton(t("template"), value=str(template), size="sm",
                                          elem_id="eval-template")
                with gr.Row():
                    run = gr.Button(t("run"), variant="primary", elem_id="run-eval")
                    cancel = gr.Button(t("cancel"), elem_id="cancel-eval", scale=0, min_width=120)
                run_state = gr.State(None)  # {"run": the run (assistant/runs.py), "file": its JSON file}
                baseline_state = gr.State(None)  # {"run": a saved run uploaded, "name": its file's name}
                metrics = gr.Markdown(elem_id="metrics")
                with gr.Accordion(t("legend"), open=False):
                    gr.Markdown("\n".join(f"- **{k}**: {v}" for k, v in LEGEND.items()))
                chart = gr.Image(label=t("by_category"), type="filepath", elem_id="eval-chart")
                run_file = gr.File(label=t("run_file"), visible=False,
                                   elem_id="run-file")

                gr.Markdown(t("questions"))
                with gr.Row():
                    shown_report = gr.Dropdown([], label=t("retriever"), elem_id="question-retriever")
                    show = gr.Dropdown(list(SHOW), value=FAILURES, label=t("filter"), elem_id="question-filter")
                questions_table = gr.Dataframe(headers=QUESTION_COLUMNS, datatype=DATATYPES, interactive=False,
                                               wrap=True, elem_id="questions", label="Questions",
                                               column_widths=["11%", "9%", "9%", "5%", "6%", "6%", "5%", "9%",
                                                              "10%", "30%"])
                question_detail = gr.Markdown(t("question_hint"), elem_id="question-detail")

                gr.Markdown(t("compare_heading"))
                with gr.Row():
                    compare_base = gr.Dropdown([], label=t("base"), elem_id="compare-base")
                    compare_new = gr.Dropdown([], label=t("against"), elem_id="compare-new")
                    compare_btn = gr.Button(t("compare"), scale=0, min_width=120, elem_id="compare")
                comparison = gr.Markdown(elem_id="comparison")
                with gr.Row():
                    baseline = gr.File(label=t("baseline"),
                                       file_types=[".json"], type="filepath", elem_id="baseline-upload")
                    tolerance = gr.Number(DEFAULT_TOLERANCE, label=t("tolerance"),
                                          minimum=0, maximum=1, step=0.005)
                regression = gr.Markdown(elem_id="regression")

                # it runs for minutes: it counts as one of the CONCURRENCY workers, one evaluation at a time
                running = run.click(on_eval, [upload, which], [metrics, chart, run_state], api_visibility="private",
                                    concurrency_id=ASSISTANT)
                running.then(
                    on_results, [run_state, baseline_state, tolerance],
                    [shown_report, show, questions_table, question_detail, run_file, compare_base, compare_new],
                    api_visibility="private",
                ).then(regression_markdown, [run_state, baseline_state, tolerance], regression,
                       api_visibility="private")
                # its own group, unlimited: a Cancel is never queued behind the work it cancels
                cancel.click(on_cancel, None, None, api_visibility="private", cancels=[running],
                             concurrency_limit=None, concurrency_id="cancel")
                for control in (shown_report, show):
                    control.input(on_table, [run_state, shown_report, show], [questions_table, question_detail],
                                  api_visibility="private")
                questions_table.select(on_question, [run_state, shown_report], question_detail,
                                       api_visibility="private")
                compare_btn.click(on_compare, [run_state, baseline_state, compare_base, compare_new], comparison,
                                  api_visibility="private")
                baseline.change(on_baseline, [baseline, run_state, tolerance],
                                [baseline_state, regression, compare_base, compare_new], api_visibility="private")
                tolerance.change(regression_markdown, [run_state, baseline_state, tolerance], regression,
                                 api_visibility="private")

        relabel = gr.Button("relabel", elem_id="elac-relabel")  # clicked by PAGE_SCRIPT; hidden by PAGE_CSS
        for trigger in (app.load, relabel.click):
            trigger(on_relabel, [area, goal, due], [area, goal, due, table, timeline], api_visibility="private",
                    queue=False)

        # -- HTTP API (gradio_client) -------------------------------------
        def ask_api(question: str, history: list[dict] | None = None) -> dict:
            """Answer a question about the plan, as `elac ask --json` does: answer, citations, quotes,
            abstained, kind, lang, question, hits. history: earlier turns, [{"question", "citations", "shown"}]."""
            try:
                answer = assistant.ask(question, history or [])
            except ElacError as exc:
                raise _refused(str(exc)) from exc
            except InternalError as exc:
                log.error("internal error on /ask", exc_info=exc)
                raise _refused(INTERNAL) from exc
            return answer_json(answer)

        def search_api(query: str, top_k: int = 10, area: str | None = None, goal: str | None = None,
                       due_by: str | None = None, retriever: str = "hybrid") -> list[dict]:
            """Search the plan's actions, as `elac search --json` does; filters by area letter, goal number and
            latest deadline."""
            try:
                hits = assistant.search(query, top_k=_top_k(top_k), area=_filter("area", area),
                                        goal=_filter("goal", goal), due_by=_filter("due_by", due_by),
                                        retriever=retriever)
            except ElacError as exc:
                raise _refused(str(exc)) from exc
            return [hit_json(h) for h in hits]

        gr.api(ask_api, api_name="ask", concurrency_id=ASSISTANT)
        gr.api(search_api, api_name="search", concurrency_id=ASSISTANT)
    return app.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM closes the server like Ctrl-C, and the private folder is removed


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the eLAC Plan Assistant.")
    env_port = os.environ.get("ELAC_PORT", "7860")
    if not env_port.isdigit():
        parser.error(f"ELAC_PORT must be a port number, not {env_port!r}")
    parser.add_argument("--host", default=os.environ.get("ELAC_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(env_port))
    parser.add_argument("--share", action="store_true", help="ask Gradio for a public share link (off by default)")
    parser.add_argument("--index", type=Path, metavar="DIR",
                        help="index folder (default: $ELAC_INDEX, else index/ in the repository, else the user cache)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    log.setLevel(logging.INFO)
    quiet_logs()
    try:
        assistant = load_assistant(root=args.index)
    except ElacError as exc:
        raise SystemExit(f"elac app: error: {exc}") from None
    if assistant.rebuilt:
        log.info("index rebuilt: %s", assistant.rebuilt)
    log.info("eLAC Plan Assistant: %d actions, serving on http://%s:%d", len(assistant.plan.actions), args.host,
             args.port)
    assistant.ask("warm up")  # load the models now, not on the first user's question
    assistant.concepts.prepare()  # and the plan's word vectors for the concept check
    # this process's own folder (inside $GRADIO_TEMP_DIR when set): uploads, results and Gradio's
    # cache, removed at exit; the file route serves nothing else, not even other Gradio apps' files
    base = os.environ.get("GRADIO_TEMP_DIR")
    if base:
        Path(base).mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="elac-app-", dir=base or None))
    os.environ["GRADIO_TEMP_DIR"] = str(workdir / "gradio")
    signal.signal(signal.SIGTERM, _stop)
    try:
        from starlette.middleware import Middleware

        build_app(assistant, workdir / "results").launch(
            server_name=args.host, server_port=args.port, share=args.share, footer_links=["api", "settings"],
            theme=gr.themes.Soft(), max_file_size=MAX_UPLOAD, head=PAGE_SCRIPT, css=PAGE_CSS, i18n=I18N,
            app_kwargs={"middleware": [Middleware(RequestGuard)]},
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
