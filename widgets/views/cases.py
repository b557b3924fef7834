"""Lesson 04 practice: short case stories, shown one at a time; the learner picks a step, presses Check, reads why.

Drawn and judged in the page (``CaseStoriesPage``, page side static/case_stories.js with static/selfcheck_engine.js
judge, bundled by tools/bundle.mjs): every region's stories go to the page once, so Check works at once, also on
the static site with no kernel. A more cautious step than the story needs is never marked wrong, and never
praised: it says what the chosen step is for, and why a smaller step would do. A story that names energy drinks
shows the words the can's label must carry. "Story 2 of 9" and a row of marks show where the learner is.
The state ``{index, choices, checked, first}`` is set by the page or from Python; this object mirrors it with the
engine (``cases.judge``). Tests drive it from Python: ``v = case_stories(); v.choose("book_visit"); v.check();
v.judgement(); v.next()``. Choices are practice and are not saved.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..content.load import load_care_file, load_triage_rules
from ..content.model import CaseStories, CaseStory
from ..content.vocab import OUTCOMES
from ..engine.cases import ChoiceError, Judgement, judge, load_cases
from ..engine.selfcheck_page import page_case_view, regional
from .keyboard import KeyboardSafeBox
from .palette import CSS, STATIC

# Every word the page shows besides the stories' texts (content/cases.yaml, triage.yaml's steps).
LABELS = {
    "intro": (
        "Practice only: these people are made up, and your choices are not saved. "
        "Picking a more cautious step than needed is never wrong."
    ),
    "where": "Story {n} of {total}",
    "question": "What should they do?",
    "check": "Check",
    "check_tip": "Check your choice for story {n} of {total}",
    "back": "Previous story",
    "back_tip": "Go back one story",
    "next": "Next story",
    "next_tip": "Go on to the next story",
    "right": "Right.",
    "safe_side": "OK, on the safe side.",
    "not_quite": "Not quite.",
    "answer": "The lesson's answer:",
    "why": "Why:",
    "on_can": "On the can:",
    "source": "Source:",
    "tally": "Stories checked: {done} of {n} · right or more cautious on the first try: {ok}",
    "tally_all": "All {n} stories checked · right or more cautious on the first try: {ok} of {n}",
    "region": "Where do you live?",
}


class CaseStoriesPage(anywidget.AnyWidget):
    """The page side: every region's stories (sent once) and the learner's place and choices."""

    _esm = STATIC / "bundles" / "case_stories.js"
    data = traitlets.Dict(help="regions, names, region, labels").tag(sync=True)
    state = traitlets.Dict(help="{index, choices, checked, first}").tag(sync=True)


def page_data(stories: CaseStories | None, region: str) -> dict[str, Any]:
    """Every region's stories (only `stories` in `region` when they are given), the names, the kernel's region."""
    care = load_care_file()
    if stories is not None:
        by_region = {region: page_case_view(stories, load_triage_rules(region=region))}
        names = {region: care.region(region).name}
    else:
        by_region = {r.id: page_case_view(load_cases(r.id), load_triage_rules(region=r.id)) for r in care.regions}
        names = {r.id: r.name for r in care.regions}
    return {"regions": regional(by_region, region), "names": names, "region": region, "labels": LABELS}


class CaseStoriesView(KeyboardSafeBox):
    """The practice stories one at a time, drawn in the page; this object mirrors the page's state and judges each
    Check with the engine. The tally of first tries is kept in memory only."""

    def __init__(self, stories: CaseStories, region: str | None = None, every_region: bool = False):
        self.region = region or load_care_file().default_region
        self.stories = stories
        self.page = CaseStoriesPage(
            data=page_data(None if every_region else stories, self.region),
            state={"index": 0, "choices": {}, "checked": {}, "first": {}},
        )
        super().__init__([self.page])
        self.add_class(CSS["case_stories"])

    @property
    def index(self) -> int:
        return int(self.page.state.get("index", 0))

    @property
    def current(self) -> CaseStory:
        return self.stories.stories[self.index]

    @property
    def first_try(self) -> dict[str, bool]:
        """Story id → accepted (right or more cautious) on the first try, for the stories checked."""
        return dict(self.page.state.get("first", {}))

    def _set(self, **changes: Any) -> None:
        self.page.state = {**self.page.state, **changes}

    def show(self, index: int) -> None:
        """Show story number `index` (from 0)."""
        if not 0 <= index < len(self.stories.stories):
            raise IndexError(f"story {index} does not exist; there are {len(self.stories.stories)}")
        self._set(index=index)

    def next(self) -> None:
        """The next story (nothing happens after the last one: its button is greyed out)."""
        if self.index + 1 < len(self.stories.stories):
            self.show(self.index + 1)

    def back(self) -> None:
        """The story before (nothing happens at the first one)."""
        if self.index > 0:
            self.show(self.index - 1)

    def choose(self, outcome: str | None) -> None:
        """Pick a step for the story shown: 'emergency', 'urgent_care', 'same_day', 'book_visit' or
        'no_warning_signs' (None: nothing chosen)."""
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"unknown step {outcome!r}; expected one of {OUTCOMES}")
        self._set(choices={**self.page.state["choices"], self.current.id: outcome})

    def check(self) -> Judgement | None:
        """Press Check on the story shown: its judgement (None when nothing is chosen: the page says so)."""
        story = self.current
        chosen = self.page.state["choices"].get(story.id) or ""
        first = dict(self.page.state["first"])
        j = self.judgement(story.id, chosen)
        if j is not None:
            first.setdefault(story.id, j.accepted)
        self._set(checked={**self.page.state["checked"], story.id: chosen}, first=first)
        return j

    def judgement(self, story_id: str | None = None, chosen: str | None = None) -> Judgement | None:
        """The engine's judgement of a story's checked choice (the story shown, by default); None when it was
        checked with nothing chosen, or not checked."""
        story = next(s for s in self.stories.stories if s.id == (story_id or self.current.id))
        if chosen is None:
            if story.id not in self.page.state["checked"]:
                return None
            chosen = self.page.state["checked"][story.id]
        try:
            return judge(self.stories, story, chosen or None)
        except ChoiceError:
            return None


def case_stories(stories: CaseStories | None = None, region: str | None = None) -> CaseStoriesView:
    """The lesson 04 practice stories: ``from widgets import case_stories; case_stories()``.

    From content/cases.yaml unless `stories` is given, with the services of the learner's region (chosen in
    lesson 00 and kept in the progress store) unless `region` is given: the same region the self-check uses.
    """
    if region is None:
        from .region import current_region

        region = current_region()
    # the file's stories: every region's to the page, so the static site follows the browser's region
    return CaseStoriesView(stories or load_cases(region), region, every_region=stories is None)
