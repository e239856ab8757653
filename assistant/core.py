"""The Assistant: the one seam the faces use. Loads the plan, the model and the index once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from .corpus import DEFAULT_CORPUS, file_sha256, load_plan
from .embed import Embedder, get_embedder
from .errors import IndexStateError
from .plan import ActionInfo, Plan
from .retrieve import Fusion, Hit, Retriever, RetrieverName
from .store import Manifest, StaleIndexError, build_index, load_index

DEFAULT_INDEX_ROOT = Path(__file__).resolve().parent.parent / "index"
log = logging.getLogger(__name__)


class Assistant:
    """Search and ask the plan. Create it with :meth:`load`; it is then fast and reusable."""

    def __init__(self, plan: Plan, retriever: Retriever, manifest: Manifest, *, rebuilt: str | None = None):
        self.plan = plan
        self.retriever = retriever
        self.manifest = manifest
        self.rebuilt = rebuilt  # why the index was rebuilt at load, or None

    @classmethod
    def load(
        cls,
        corpus: str | Path = DEFAULT_CORPUS,
        index_dir: str | Path | None = None,
        *,
        embedder: str | Embedder = "minilm",
        rebuild: bool = True,
        fusion: Fusion | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Assistant:
        """Load the plan and its index, building the index when missing, stale or corrupt.

        With ``rebuild=False`` a missing, stale or corrupt index raises :class:`IndexStateError`.
        """
        plan = load_plan(corpus)
        model = get_embedder(embedder) if isinstance(embedder, str) else embedder
        folder = Path(index_dir) if index_dir else DEFAULT_INDEX_ROOT / model.name
        digest = file_sha256(corpus)
        reason = None
        try:
            index = load_index(folder, corpus_sha256=digest, embedder=model)
        except IndexStateError as exc:
            if not rebuild:
                raise
            reason = str(exc)
            log.warning("rebuilding the index: %s", reason)
            build_index(plan, digest, model, folder, progress=progress)
            index = load_index(folder, corpus_sha256=digest, embedder=model)
        return cls(plan, Retriever(plan, index, model, fusion), index.manifest, rebuilt=reason)

    @staticmethod
    def build(
        corpus: str | Path = DEFAULT_CORPUS,
        index_dir: str | Path | None = None,
        *,
        embedder: str | Embedder = "minilm",
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[Path, Manifest]:
        """Build the index from scratch (atomically) and return its folder and manifest."""
        plan = load_plan(corpus)
        model = get_embedder(embedder) if isinstance(embedder, str) else embedder
        folder = Path(index_dir) if index_dir else DEFAULT_INDEX_ROOT / model.name
        return folder, build_index(plan, file_sha256(corpus), model, folder, progress=progress)

    @staticmethod
    def index_status(
        corpus: str | Path = DEFAULT_CORPUS, index_dir: str | Path | None = None, *, embedder: str = "minilm"
    ) -> str | None:
        """None when the index is current, else why it is not (no model is loaded)."""
        model = get_embedder(embedder)
        folder = Path(index_dir) if index_dir else DEFAULT_INDEX_ROOT / model.name
        try:
            load_index(folder, corpus_sha256=file_sha256(corpus), embedder=model)
        except (StaleIndexError, IndexStateError) as exc:
            return str(exc)
        return None

    # -- the plan ----------------------------------------------------------
    def show(self, number: str) -> ActionInfo:
        return self.plan.info(number)

    def list(self, area: str | None = None, goal: int | str | None = None, due_by: str | None = None) -> list[ActionInfo]:
        return [self.plan.info(a) for a in self.plan.select(area=area, goal=goal, due_by=due_by)]

    # -- retrieval ---------------------------------------------------------
    def search(
        self,
        query: str,
        top_k: int = 10,
        area: str | None = None,
        goal: int | str | None = None,
        due_by: str | None = None,
        retriever: RetrieverName = "hybrid",
    ) -> list[Hit]:
        return self.retriever.search(query, top_k=top_k, area=area, goal=goal, due_by=due_by, retriever=retriever)
