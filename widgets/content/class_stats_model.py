"""Typed model of the words of the class-results page's per-question statistics (content/class_stats.yaml)."""

from __future__ import annotations

from pydantic import model_validator

from .schema import FieldError, Strict, Text, require_placeholders


class FlagWords(Strict):
    """What each flag of widgets/classroom/item_stats.py (ItemStats.flags) is called on the page."""

    too_easy: Text
    too_hard: Text
    strong_miss: Text


class ClassStatsTexts(Strict):
    """The per-question statistics section: what "the test" is, how to read the figures, the flags.

    ``how_to_read`` items may take ``{easy}``, ``{hard}`` and ``{min}`` (the thresholds, filled in from the code so the
    page and the checks never disagree); ``too_few`` takes ``{min}`` and ``{n}``; ``wrong_pick`` ``{answer}`` and
    ``{count}``; ``goal`` ``{goal}``; ``flagged`` and ``answered`` ``{n}``."""

    heading: Text
    the_test: Text  # what "the test" is, in plain words
    how_to_read: list[Text]
    too_few: Text  # the whole section, when fewer learners than it needs answered anything
    too_few_cell: Text  # one question's figures, when fewer learners answered it
    flags: FlagWords
    flagged: Text  # the caption of the table of flagged questions
    none_flagged: Text
    flagged_columns: list[Text]
    wrong_pick: Text
    no_wrong_pick: Text
    all_questions: Text  # the summary line over the tables of every question, by goal
    goal: Text  # each goal's table caption
    columns: list[Text]
    answered: Text  # under a question's id: how many learners answered it
    look: Text  # before a question's flags in the tables by goal

    @model_validator(mode="after")
    def _placeholders(self) -> ClassStatsTexts:
        require_placeholders(
            self,
            {
                "too_few": ("{min}", "{n}"),
                "wrong_pick": ("{answer}", "{count}"),
                "goal": ("{goal}",),
                "flagged": ("{n}",),
                "answered": ("{n}",),
            },
        )
        if len(self.flagged_columns) != 3 or len(self.columns) != 4:
            raise FieldError("columns", "needs 4 column names (flagged_columns: 3)")
        return self
