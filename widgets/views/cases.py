"""Lesson 04 practice: short case stories; the learner picks a step, presses Check and reads why.

A more cautious step than the story needs is never marked wrong: it says so, and why a smaller step would do.
Tests drive it from Python: ``v = CaseStoriesView(stories); v.cards[0].choose("book_visit");
v.cards[0].check_button.click(); v.cards[0].feedback.value``. Choices are practice and are not saved.
"""

from __future__ import annotations

import ipywidgets as W

from ..cases import ChoiceError, Judgement, choices, judge
from ..model import CaseStories, CaseStory
from ..palette import CSS
from . import html
from .controls import button
from .keyboard import KeyboardSafeBox


class CaseCard(W.VBox):
    """One story: who, what happened, the steps to choose from, a Check button and the feedback."""

    def __init__(self, stories: CaseStories, story: CaseStory, number: int, total: int, on_check=None):
        self.stories, self.story, self.number = stories, story, number
        self._on_check = on_check
        self.judgement: Judgement | None = None
        self.heading = W.HTML(f'<p class="case-heading"><b>Story {number} of {total}: {html.text(story.title)}</b></p>')
        self.text = W.HTML(html.paragraph(story.story))
        self.choice = W.RadioButtons(options=[(label, oid) for oid, label in choices()], value=None,
                                     description="What should they do?", style={"description_width": "initial"},
                                     layout=W.Layout(width="auto"), tooltip=f"Your choice for {story.title}")
        self.check_button = button(description="Check", icon="check",
                                   tooltip=f"Check your choice for story {number}")
        self.check_button.add_class(CSS["case_check"])
        self.check_button.on_click(lambda _: self.check())
        self.feedback = W.HTML("")
        self.feedback.add_class(CSS["case_feedback"])
        super().__init__([self.heading, self.text, self.choice, self.check_button, self.feedback])
        self.add_class(CSS["case"])

    def choose(self, outcome: str | None) -> None:
        """Pick a step as a learner would: 'emergency', 'same_day', 'book_visit' or 'no_warning_signs'."""
        self.choice.value = outcome

    def check(self) -> Judgement | None:
        """Judge the current choice and show it in words and an icon, plus the story's reason."""
        try:
            j = judge(self.stories, self.story, self.choice.value)
        except ChoiceError as e:
            self.feedback.value = html.notice(str(e))
            return None
        self.judgement = j
        self.feedback.value = render(j)
        if self._on_check is not None:
            self._on_check(self, j)
        return j


def render(j: Judgement) -> str:
    """Feedback HTML for one judgement: right / more cautious (OK) / too little, in words and an icon, then why."""
    labels = dict(choices())
    if j.correct:
        head = f'<p class="lesson-right"><b>✔ Right.</b> {html.text(labels[j.expected])}.</p>'
    elif j.more_cautious:
        head = (f'<p class="lesson-info"><b>✔ OK, on the safe side.</b> '
                f'The lesson\'s answer: {html.text(labels[j.expected])}.</p>' + html.paragraph(j.hint))
    else:
        head = (f'<p class="lesson-wrong"><b>✘ Not quite.</b> '
                f'The lesson\'s answer: {html.text(labels[j.expected])}.</p>' + html.paragraph(j.hint))
    return head + f"<p><b>Why:</b> {html.text(j.reason)}</p>"


class CaseStoriesView(KeyboardSafeBox):
    """All the practice stories, with a running tally of first-try results (kept in memory only)."""

    def __init__(self, stories: CaseStories):
        self.stories = stories
        self.first_try: dict[str, bool] = {}          # story id -> accepted (right or more cautious) on the first try
        self.intro = W.HTML(html.paragraph(
            "Practice only: these people are made up, and your choices are not saved. "
            "Picking a more cautious step than needed is never wrong."))
        self.tally = W.HTML("")
        self.tally.add_class(CSS["case_tally"])
        n = len(stories.stories)
        self.cards = [CaseCard(stories, s, i + 1, n, self._checked) for i, s in enumerate(stories.stories)]
        self._refresh()
        super().__init__([self.intro, self.tally, *self.cards])
        self.add_class(CSS["cases"])

    def _checked(self, card: CaseCard, j: Judgement) -> None:
        self.first_try.setdefault(card.story.id, j.accepted)
        self._refresh()

    def _refresh(self) -> None:
        done, ok = len(self.first_try), sum(self.first_try.values())
        self.tally.value = html.paragraph(
            f"Stories checked: {done} of {len(self.cards)} · right or more cautious on the first try: {ok}")


def case_stories(stories: CaseStories | None = None) -> CaseStoriesView:
    """The lesson 04 practice stories (from content/cases.yaml unless `stories` is given)."""
    if stories is None:
        from ..load import load_cases
        stories = load_cases()
    return CaseStoriesView(stories)
