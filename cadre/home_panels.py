"""What other apps put on the home page: a registry of panels, filled by their AppConfig.ready.

The home page belongs to cadre, the lowest app; a panel about reports sent up (documents) cannot be
imported from here, so it registers itself. A panel is a function `(request) -> HomePanel | None`
(None: nothing to show this user); panels are shown in the order they were registered.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class HomePanel:
    template: str  # the template that draws it, included by home.html
    context: dict = field(default_factory=dict)


PANELS: list[Callable] = []


def register(panel: Callable) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(request) -> list[HomePanel]:
    return [shown for panel in PANELS if (shown := panel(request)) is not None]
