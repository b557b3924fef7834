"""One Layout and one style model per kind, shared by the many plain controls of one long view.

Every ipywidgets control brings its own Layout and style model, and each is one more message the page turns into a
model before the view is drawn: the self-check form sent 281 models, 177 of them layouts and styles that were all
alike. Controls whose layout and style are never changed after they are made share one of each here. A ``Shared``
belongs to one view, so nothing one view changes can reach another.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle


class Shared:
    """Shared layouts and styles of one view, made on first use, one per distinct set of settings."""

    def __init__(self) -> None:
        self._made: dict[tuple, W.Widget] = {}

    def _one(self, cls: type[W.Widget], settings: dict[str, Any]) -> Any:
        key = (cls, tuple(sorted(settings.items())))
        if key not in self._made:
            self._made[key] = cls(**settings)
        return self._made[key]

    def layout(self, **settings: Any) -> W.Layout:
        return self._one(W.Layout, settings)

    def style(self, cls: type[W.Widget], **settings: Any) -> Any:
        return self._one(cls, settings)

    def html(self, value: str = "") -> W.HTML:
        """An HTML widget with the shared plain layout and style (its value may change; its looks may not)."""
        return W.HTML(value, layout=self.layout(), style=self.style(HTMLStyle))

    def radio(self, **kwargs: Any) -> W.RadioButtons:
        """Radio buttons as wide as their labels, the description as wide as its words (ipywidgets cuts it off)."""
        style = self.style(DescriptionStyle, description_width="initial")
        return W.RadioButtons(layout=self.layout(width="auto"), style=style, **kwargs)

    def checkbox(self, **kwargs: Any) -> W.Checkbox:
        return W.Checkbox(layout=self.layout(width="auto"), style=self.style(CheckboxStyle), **kwargs)

    def vbox(self, children: list[W.Widget]) -> W.VBox:
        return W.VBox(children, layout=self.layout())
