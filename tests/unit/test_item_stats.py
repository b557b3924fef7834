"""Item statistics and class gain (widgets/classroom/item_stats.py) against figures worked out by hand from the
published definitions: Moodle's quiz statistics (question/classes/statistics/questions/calculator.php) and Hake's
class normalised gain."""

import pytest

from widgets.classroom.item_stats import MIN_LEARNERS, ItemStats, class_gain, item_stats

# Five learners, three questions (1 = right on the first try). Totals: 3, 2, 1, 1, 1.
MARKS = {
    "L1": {"q1": 1, "q2": 1, "q3": 1},
    "L2": {"q1": 1, "q2": 1, "q3": 0},
    "L3": {"q1": 1, "q2": 0, "q3": 0},
    "L4": {"q1": 0, "q2": 1, "q3": 0},
    "L5": {"q1": 1},  # left q2 and q3 out: they count 0
}


def test_facility_discrimination_and_efficiency_match_the_hand_computed_class():
    q1, q2, q3 = item_stats(MARKS, ["q1", "q2", "q3"])
    # q1: x = 1 1 1 0 1 (mean 0.8), rest y = 2 1 0 1 0 (mean 0.8).
    #   cov = (0.24 + 0.04 - 0.16 - 0.16 - 0.16) / 4 = -0.05; var x = 0.8 / 4 = 0.2; var y = 2.8 / 4 = 0.7
    #   r = -0.05 / sqrt(0.14) = -0.13363; sorted pairs (0,0) (1,0) (1,1) (1,1) (1,2): cov max = 0.8 / 4 = 0.2
    assert q1.facility == pytest.approx(80.0)
    assert q1.discrimination == pytest.approx(-13.3631, abs=1e-4)
    assert q1.efficiency == pytest.approx(-25.0)
    # q2: x = 1 1 0 1 0 (0.6), y = 2 1 1 0 1 (1.0): cov = (0.4 + 0 + 0 - 0.4 + 0) / 4 = 0
    #   sorted pairs (0,0) (0,1) (1,1) (1,1) (1,2): cov max = (0.6 + 0.4) / 4 = 0.25
    assert (q2.facility, q2.discrimination, q2.efficiency) == (pytest.approx(60.0), 0.0, 0.0)
    # q3: x = 1 0 0 0 0 (0.2), y = 2 2 1 1 1 (1.4): cov = (0.48 - 0.12 + 0.08 * 3) / 4 = 0.15
    #   var x = 0.2, var y = 1.2 / 4 = 0.3: r = 0.15 / sqrt(0.06) = 0.61237; the marks are already in the
    #   best order, so cov max = 0.15 and the efficiency is 100
    assert q3.facility == pytest.approx(20.0)
    assert q3.discrimination == pytest.approx(61.2372, abs=1e-4)
    assert q3.efficiency == pytest.approx(100.0)
    assert all(s.learners == 5 for s in (q1, q2, q3))


def test_no_spread_gives_no_figure_rather_than_a_division_by_zero():
    everyone_right = {f"L{i}": {"q1": 1, "q2": i % 2} for i in range(6)}
    q1, q2 = item_stats(everyone_right, ["q1", "q2"])
    assert q1.facility == 100.0 and q1.discrimination is None and q1.efficiency is None
    assert q2.discrimination is None  # its rest of the test (q1) has no spread either
    (alone,) = item_stats({"L1": {"q1": 1}}, ["q1"])
    assert alone.learners == 1 and alone.discrimination is None


def test_flags_need_enough_learners_and_name_what_is_wrong():
    few = ItemStats("q", MIN_LEARNERS - 1, 95.0, -30.0, -40.0)
    assert not few.enough and few.flags() == ()
    assert ItemStats("q", MIN_LEARNERS, 95.0, 10.0, 20.0).flags() == ("too_easy",)
    assert ItemStats("q", 40, 15.0, 30.0, 50.0).flags() == ("too_hard",)
    assert ItemStats("q", 40, 55.0, -12.0, -20.0).flags() == ("strong_miss",)
    assert ItemStats("q", 40, 55.0, 35.0, 60.0).flags() == ()


def test_class_gain_is_hakes_gain_of_the_class_means_over_matched_learners():
    pre = {"a": 40.0, "b": 60.0, "only_before": 0.0}
    post = {"a": 70.0, "b": 90.0, "only_after": 100.0}
    g = class_gain(pre, post)
    assert g.learners == 2 and (g.pre_mean, g.post_mean) == (50.0, 80.0)
    assert g.gain == pytest.approx(0.6)  # (80 - 50) / (100 - 50), not the mean of 0.5 and 0.75 (0.625)
    assert g.pre_spread == pytest.approx(14.1421, abs=1e-4) and g.post_spread == pytest.approx(14.1421, abs=1e-4)


def test_class_gain_edge_cases():
    assert class_gain({"a": 100.0, "b": 100.0}, {"a": 100.0, "b": 90.0}).gain is None  # nothing left to gain
    assert class_gain({"a": 50.0}, {"b": 80.0}) is None  # nobody did both checks
    one = class_gain({"a": 20.0}, {"a": 60.0})
    assert one.learners == 1 and one.gain == pytest.approx(0.5) and one.pre_spread == 0.0
    assert class_gain({"a": 80.0}, {"a": 60.0}).gain == pytest.approx(-1.0)  # a class can also do worse
