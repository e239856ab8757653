"""Record, or check, what the assistant does on every question of an evaluation set.

    python scripts/snapshot.py record  eval/snapshot.json   # before a change that must not change behaviour
    python scripts/snapshot.py check   eval/snapshot.json   # after it: exit 1 and name every difference

For each question: the ranked list of every retriever (top 20), and the answer (text, citations,
abstained, kind, language). A refactoring is behaviour-neutral when ``check`` reports no difference.
Only the public API is used (``Assistant.load``, ``search``, ``ask``), so the script outlives the
code it checks.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATASET = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"
DEPTH = 20


def snapshot(dataset: Path = DATASET) -> dict[str, dict]:
    from assistant import Assistant

    assistant = Assistant.load()
    rows = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: dict[str, dict] = {}
    for row in rows:
        question = row["question"]
        ranked = {
            name: [h.action for h in assistant.search(question, top_k=DEPTH, retriever=name)]
            for name in ("hybrid", "dense", "bm25", "multilingual")
        }
        answer = assistant.ask(question)
        out[row["id"]] = {
            "question": question,
            "ranked": ranked,
            "answer": {
                "text": answer.text, "citations": answer.cited, "abstained": answer.abstained,
                "kind": str(answer.kind), "lang": answer.lang,
            },
        }
    return out


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    found = [f"{qid}: missing after" for qid in before if qid not in after]
    for qid, old in before.items():
        new = after.get(qid)
        if new is None:
            continue
        for name, order in old["ranked"].items():
            if new["ranked"].get(name) != order:
                found.append(f"{qid} {name}: {order[:5]} -> {new['ranked'].get(name, [])[:5]}")
        for key, value in old["answer"].items():
            if new["answer"].get(key) != value:
                found.append(f"{qid} answer {key}: {str(value)[:80]!r} -> {str(new['answer'].get(key))[:80]!r}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("record", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    command, path = argv[0], Path(argv[1])
    now = snapshot()
    if command == "record":
        path.write_text(json.dumps(now, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"recorded {len(now)} questions in {path}", file=sys.stderr)
        return 0
    found = differences(json.loads(path.read_text(encoding="utf-8")), now)
    for line in found:
        print(line)
    print(f"{len(now)} questions, {len(found)} difference(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
