"""Pure rules over the content: grading, scoring, the review, the self-check (triage, cases), the simulations, the
figures' geometry (anatomy), the stable shuffle and the quiz page's data. No ipywidgets, no store, no integration.
"""
