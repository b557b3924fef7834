"""Plain language in the self-check and the practice stories: Flesch–Kincaid grade of what a learner reads.

Every text of the stepped form is read: step headings and leads, each question's short label (step 1 shows those),
text and help, the form's notices, the worked example of explore mode and the everyday steps; the verdicts are
read with the default (international) wording and with the UK's service names filled in.
Uses the offline dictionary fixtures of tests/content/test_readability.py (no network). Limit: grade 8 for each file
(the course limit); printed whether or not pytest captures output.
"""

from widgets.content.load import load_triage_rules as load_rules
from widgets.engine.cases import load_cases

LIMIT = 8.0


def learner_text() -> dict[str, str]:
    r = load_rules()
    uk = load_rules(region="uk")  # the longest service names (NHS 111, NHS 24, GP out of hours)
    verdicts = [line for o in r.outcomes for line in (o.title, o.where, *o.do_now, o.tell, *o.closing)]
    questions = [x for i in r.questions for x in (i.label, i.text, i.help)] + [r.duration.text, r.duration.help]
    questions += [x for s in r.steps for x in (s.heading, s.lead, s.note or "")]
    rules = [x for rule in r.rules for x in (rule.reason, rule.caution or "")]
    stories = [x for s in load_cases().stories for x in (s.story, s.reason)]
    f, e = r.form, r.example
    form = [f.intro, f.emergency_first, f.mode_question, f.personal_off, f.missing, f.choose_mode]
    form += [e.intro, e.story, e.steps_label] + [t.step for t in r.triggers]
    return {
        "self-check questions": " ".join(questions),
        "self-check verdicts": " ".join(verdicts + rules),
        "verdicts, UK services": " ".join(line for o in uk.outcomes for line in (o.title, o.where, *o.do_now, o.tell)),
        "self-check form": " ".join(form),
        "practice stories": " ".join(stories),
    }


def test_self_check_and_stories_read_at_grade_8_or_below(textstat, capsys):
    rows = {what: textstat.flesch_kincaid_grade(text) for what, text in learner_text().items()}
    with capsys.disabled():
        print("\n" + "\n".join(f"  {what:<22} grade {g:4.1f}" for what, g in rows.items()))
    assert all(g <= LIMIT for g in rows.values()), rows
