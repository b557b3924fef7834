"""Plain language in the self-check and the practice stories: Flesch–Kincaid grade of what a learner reads.

Uses the offline dictionary fixtures of tests/test_readability.py (no network). Limit: grade 8 for each file
(the course limit); printed whether or not pytest captures output.
"""

from widgets.load import load_cases
from widgets.load import load_triage_rules as load_rules

LIMIT = 8.0


def learner_text() -> dict[str, str]:
    r = load_rules()
    verdicts = [line for o in r.outcomes for line in (o.title, o.where, *o.do_now, o.tell, *o.closing)]
    questions = [x for i in r.signs for x in (i.text, i.help)] + [r.duration.text, r.duration.help]
    rules = [x for rule in r.rules for x in (rule.reason, rule.caution or "")]
    stories = [x for s in load_cases().stories for x in (s.story, s.reason)]
    return {
        "self-check questions": " ".join(questions),
        "self-check verdicts": " ".join(verdicts + rules),
        "practice stories": " ".join(stories),
    }


def test_self_check_and_stories_read_at_grade_8_or_below(textstat, capsys):
    rows = {what: textstat.flesch_kincaid_grade(text) for what, text in learner_text().items()}
    with capsys.disabled():
        print("\n" + "\n".join(f"  {what:<22} grade {g:4.1f}" for what, g in rows.items()))
    assert all(g <= LIMIT for g in rows.values()), rows
