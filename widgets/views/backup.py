"""Keep your progress: hand in class results, download the progress file, restore it from a file.

Tests drive it from Python: ``v = progress_backup(store); v.name.value = "Ann"; v.export_button.click()``,
``v.download_button.click()``, ``v.restore_bytes(b"...")`` then ``v.confirm_button.click()``.
"""

from __future__ import annotations

import os

import anywidget
import ipywidgets as W
import traitlets

from ..classroom import export
from ..content.load import all_banks, load_review, load_start_texts
from ..store.progress import ProgressFormatError, ProgressStore, ProgressUnavailable
from ..store.progress_doc import encode_progress, read_progress_upload
from . import html
from .controls import button, name_field
from .handin import HandInButton
from .icons import icon
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS, STATIC
from .store_notice import StoreNotice

# Set inside a mybinder.org session (BinderHub's launcher and the Kubernetes service it runs on).
BINDER_ENV = ("BINDER_LAUNCH_HOST", "BINDER_SERVICE_HOST", "BINDER_REQUEST", "BINDER_REPO_URL")


def on_binder(environ: dict | None = None) -> bool:
    """True inside a Binder session (its files vanish when the session ends)."""
    env = os.environ if environ is None else environ
    return any(env.get(k) for k in BINDER_ENV)


def download_link(content: bytes, filename: str, label: str) -> str:
    """An HTML link that saves `content` as `filename` when clicked (a data: URL, works offline)."""
    return (
        f'<a class="{CSS["backup_link"]}" href="{html.text(export.data_uri(content))}" '
        f'download="{html.text(filename)}">'
        f"{html.text(label)}</a>"
    )


def progress_download_name(name: str) -> str:
    """The progress file's name, after the name the learner typed (letters and digits only), e.g.
    ``foot-twitch-progress-ann-b.json``."""
    return f"foot-twitch-progress-{export.file_slug(name)}.json"


class Download(anywidget.AnyWidget):
    """Invisible: the page saves the file it is sent at once (static/download.js); the link stays as a fallback."""

    _esm = STATIC / "download.js"

    def save(self, content: bytes, filename: str) -> None:
        self.send({"filename": filename, "href": export.data_uri(content)})


class FilePicker(anywidget.AnyWidget):
    """A "choose a file" button labelled with its words only (ipywidgets' FileUpload adds a count, "(0)").
    The chosen file's bytes come back as one message; ``on_file(callback)`` gets ``(bytes, file name)``."""

    _esm = STATIC / "filepicker.js"
    label = traitlets.Unicode().tag(sync=True)
    help = traitlets.Unicode().tag(sync=True)  # the button's title (not "tooltip": DOMWidget has one)
    accept = traitlets.Unicode(".json").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._callbacks: list = []
        self.on_msg(self._received)

    def on_file(self, callback) -> None:
        self._callbacks.append(callback)

    def _received(self, _widget, content, buffers) -> None:
        if not buffers:
            return
        data, name = bytes(buffers[0]), str(content.get("name") or "The file")
        for callback in self._callbacks:
            callback(data, name)


class ProgressBackup(KeyboardSafeBox):
    """Three actions: make a class-results file, download the progress file, restore a progress file."""

    def __init__(self, store: ProgressStore | None = None, environ: dict | None = None):
        self.store = store or default_store()
        words = load_start_texts()
        self.notice = StoreNotice(self.store)
        keep = words.keep
        self.warning = W.HTML(html.paragraph(keep.hint))
        if on_binder(environ):
            self.warning.value = (
                f'<p role="alert"><b>{icon("caution")}{html.text(keep.binder_title)}</b> {html.text(keep.binder)}</p>'
                + self.warning.value
            )
        self.warning.add_class(CSS["backup_warning"])

        # (a) class results
        self.name = name_field()
        self.export_button = button(
            description="Make my results file",
            icon="graduation-cap",
            tooltip="Make a small file with your quiz results to hand in",
        )
        self.export_button.add_class(CSS["backup_export"])
        self.export_button.on_click(lambda _: self.make_export())
        self.export_out = W.HTML()
        self.export_out.add_class(CSS["backup_export_out"])
        self.downloader = Download()  # "Make my results file" and "Download" save at once
        # where a drop box exists: the same results, straight into the teacher's drop box (same name field)
        self.hand_in = HandInButton(self.store, name=self.name, environ=environ)
        results = words.results
        how = results.with_box if self.hand_in.offered else results.without_box
        self.results_help = W.HTML(
            html.paragraph(f"{how} {results.not_in_it}") + html.paragraph(words.name_box.empty_means, "lesson-info")
        )

        # (b) download progress
        self.download_button = button(
            description="Download my progress file",
            icon="download",
            tooltip="Make a copy of your saved answers to keep",
        )
        self.download_button.add_class(CSS["backup_download"])
        self.download_button.on_click(lambda _: self.make_download())
        self.download_out = W.HTML()
        self.download_out.add_class(CSS["backup_download_out"])

        # (c) restore
        self.upload = FilePicker(
            label="Choose a progress file",
            help="Restore your answers from a progress file you downloaded",
            layout=W.Layout(width="max-content"),
        )
        self.upload.add_class(CSS["backup_upload"])
        self.upload.on_file(self.restore_bytes)
        self.confirm_button = button(
            description="Yes, replace my answers",
            button_style="warning",
            tooltip="Replace the answers saved here with the ones in the file",
        )
        self.cancel_button = button(description="Cancel", tooltip="Keep the answers saved here")
        self.confirm_button.add_class(CSS["backup_confirm"])
        self.confirm_button.on_click(lambda _: self.confirm_restore())
        self.cancel_button.on_click(lambda _: self.cancel_restore())
        self.confirm_box = W.HBox([self.confirm_button, self.cancel_button], layout=W.Layout(display="none"))
        self.restore_out = W.HTML()
        self.restore_out.add_class(CSS["backup_restore_out"])
        self._pending: dict | None = None

        super().__init__(
            [
                self.warning,
                self.notice,
                W.HTML(f"<h3>{html.text(results.heading)}</h3>"),
                self.results_help,
                W.HBox([self.name, self.export_button, *([self.hand_in.button] if self.hand_in.offered else [])]),
                self.export_out,
                self.hand_in.out,
                W.HTML("<h3>Keep a copy of your progress</h3>"),
                self.download_button,
                self.download_out,
                W.HTML("<h3>Restore your progress from a file</h3>"),
                self.upload,
                self.restore_out,
                self.confirm_box,
                self.downloader,
            ]
        )
        self.add_class(CSS["progress_backup"])

    # -- (a) class results -----------------------------------------------------------------------
    def make_export(self) -> dict:
        """Build the class-results file and save it at once (a link too, in case the browser held it back).
        With no quiz answered yet it says so and saves nothing (an empty file only from its link)."""
        data = self.store.load()
        doc = export.build_export(data, all_banks(), self.name.value, review=load_review().questions)
        answered = len(doc["questions"])
        name, content = export.export_filename(doc), export.encode(doc)
        if not answered:  # nothing to hand in: say so, and save nothing unless asked
            self.export_out.value = (
                html.notice(
                    "You have not answered any quiz questions yet, so your results file would be empty. "
                    "Answer the quizzes in the lessons first, then click Make my results file again."
                )
                + "<p>Does your teacher want a file anyway? "
                + download_link(content, name, f"Save {name} with no answers")
                + "</p>"
            )
            return doc
        self.downloader.save(content, name)
        words = load_start_texts().results
        said = words.saved_no_name if doc["name"] == doc["learner"] else words.saved
        self.export_out.value = html.paragraph(
            said.format(file=name, n=answered, questions=_questions(answered), name=doc["name"])
        ) + download_link(content, name, f"Save {name}")
        return doc

    # -- (b) download ----------------------------------------------------------------------------
    def make_download(self) -> dict:
        """Save the whole progress file at once, named after the name typed (a link too, as a fallback)."""
        data = self.store.load()
        name = progress_download_name(self.name.value)
        content = encode_progress(data)
        self.downloader.save(content, name)
        n = len(data["attempts"])
        self.download_out.value = html.paragraph(
            f"Your progress file {name} is being saved to your downloads. It holds {n} saved "
            f"{'answer' if n == 1 else 'answers'}. Keep it somewhere safe; to continue later, restore it below. "
            "No file? "
        ) + download_link(content, name, f"Save {name}")
        return data

    # -- (c) restore -----------------------------------------------------------------------------
    def restore_bytes(self, content: bytes, filename: str = "The file") -> bool:
        """Check an uploaded file; if it is a good progress file, ask before replacing. Returns True if good."""
        self._pending = None
        self.confirm_box.layout.display = "none"
        try:
            data = read_progress_upload(content, what="the file")
        except ProgressFormatError as e:
            self.restore_out.value = html.notice(f"{filename} cannot be restored: {e}. Nothing was changed.")
            return False
        current = len(self.store.load()["attempts"])
        self._pending = data
        self.restore_out.value = html.paragraph(
            f"{filename} is a good progress file with {len(data['attempts'])} saved answer(s). "
            f"Restoring it replaces the {current} answer(s) saved here now."
        )
        self.confirm_box.layout.display = "flex"
        return True

    def confirm_restore(self) -> None:
        if self._pending is None:
            return
        try:
            n = len(self.store.replace(self._pending)["attempts"])
        except (ProgressFormatError, ProgressUnavailable) as e:  # e.g. a read-only folder: never half-restore
            self.restore_out.value = html.notice(f"The file cannot be restored: {e}. Nothing was changed.")
        else:
            self.restore_out.value = html.notice(
                f"Restored {n} saved answer(s). Run the lesson notebooks again to see them."
            )
        self._pending = None
        self.confirm_box.layout.display = "none"

    def cancel_restore(self) -> None:
        self._pending = None
        self.confirm_box.layout.display = "none"
        self.restore_out.value = html.notice("Nothing was changed.")


def _questions(n: int) -> str:
    return "question" if n == 1 else "questions"


def progress_backup(store: ProgressStore | None = None) -> ProgressBackup:
    """Hand in class results, download your progress file, or restore it (warns on Binder)."""
    return ProgressBackup(store)
