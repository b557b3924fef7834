"""Jupyter integration: the server extension and shipped settings (lab_server.py, config/), the kernel warm-up
(warm.py) and the Binder/JupyterHub links (links.py).
"""
