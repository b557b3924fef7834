"""Typed model of the start notebook's widget words (content/start.yaml): progress table, results, hand-in."""

from __future__ import annotations

from pydantic import Field, model_validator

from .schema import Strict, Text, require_placeholders


class NameBox(Strict):
    label: Text
    placeholder: Text
    empty_means: Text


class ProgressWords(Strict):
    caption: Text
    headers: list[Text] = Field(min_length=4, max_length=4)
    row: Text = Field(description="A lesson's row name: {n}, {total} and {title} are filled in.")
    where_summary: Text
    where_text: Text = Field(description="Inside the 'where' fold: {file} is filled in.")
    folder_words: Text = Field(description="Said instead of the data folder's path in a notice.")

    @model_validator(mode="after")
    def _marks(self) -> ProgressWords:
        require_placeholders(self, {"row": ("{n}", "{total}", "{title}"), "where_text": ("{file}",)})
        return self


class ResultsWords(Strict):
    heading: Text
    with_box: Text
    without_box: Text
    not_in_it: Text
    saved: Text = Field(description="After 'Make my results file': {file}, {n}, {questions} and {name} are filled in.")
    saved_no_name: Text = Field(description="The same, when no name was typed: {file}, {n}, {questions}.")
    hand_in: Text
    hand_in_tip: Text
    no_box: Text


class KeepWords(Strict):
    hint: Text
    binder_title: Text
    binder: Text


class StartTexts(Strict):
    name_box: NameBox
    progress: ProgressWords
    results: ResultsWords
    keep: KeepWords
