"""PRIVACY.md (issue 28): every place the lessons keep or send data is named, the self-check is said never to be
kept, the DPIA template is there, and the README and the teacher's guide link to it."""

from pathlib import Path

from widgets.store.progress import ENV_DIR

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "PRIVACY.md").read_text(encoding="utf-8")


def test_every_place_data_is_kept_or_sent_is_named():
    for place in ("progress.db", ENV_DIR, "local storage", "Progress download", "Results file", "Drop box", "LRS"):
        assert place in TEXT, place
    assert "0600" in TEXT and "0700" in TEXT  # the modes the store gives the file and its folder


def test_the_self_check_and_the_stories_are_said_never_to_be_kept_or_sent():
    never = TEXT[TEXT.index("**Never kept, never sent:**") :].split("\n\n")[0]
    assert "self-check" in never and "practice stories" in never


def test_the_dpia_template_and_the_links_are_there():
    assert "## Template: a short data protection impact assessment (DPIA)" in TEXT
    assert "How long we keep it" in TEXT and "Signed off by" in TEXT
    assert "](PRIVACY.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "PRIVACY.md" in (ROOT / "lessons" / "instructor" / "guide.md").read_text(encoding="utf-8")
