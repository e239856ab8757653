"""eLAC Plan Assistant: search and ask the eLAC 2007 Plan of Action.

    from assistant import Assistant
    assistant = Assistant.load()
    assistant.search("How will rural schools get online?")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Assistant", "Hit"]

if TYPE_CHECKING:
    from .core import Assistant
    from .retrieve import Hit


def __getattr__(name: str):
    if name == "Assistant":
        from .core import Assistant

        return Assistant
    if name == "Hit":
        from .retrieve import Hit

        return Hit
    raise AttributeError(name)
