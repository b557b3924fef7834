"""The course content: the YAML files beside this module, their typed models (schema, vocab, model, care_model,
figure_model, triage_model) and the loader that validates them (load.py); the teacher commands that write lesson
text from them (care_text, timings). No ipywidgets.
"""
