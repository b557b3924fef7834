"""Test-wide setup: progress goes to a throwaway folder, also for the nbval kernels (they inherit the env)."""

import os
import tempfile

from widgets.progress import ENV_DIR

os.environ[ENV_DIR] = tempfile.mkdtemp(prefix="foot-lessons-test-")
