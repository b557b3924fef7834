# The class drop box and the start-of-class spawn settings for The Littlest JupyterHub (TLJH).
#
# Copy to /opt/tljh/config/jupyterhub_config.d/foot-lessons.py and run `sudo tljh-config reload hub`.
# TLJH loads it with `load_subconfig`, as the project's hub tests do (tests/hub/harness.py): there it runs on
# a real JupyterHub with LocalProcessSpawner. TLJH's own parts (SystemdSpawner, its `jupyter-<name>` users)
# cannot run on the test machine: those lines are checked on paper only.
#
# One setting: FOOT_LESSONS_DROPBOX in the hub's environment (default /srv/foot-lessons/dropbox). Each
# learner's server gets it; before it starts, the hub (root) makes the learner's own folder in the box:
#     <box>/              root:ftl-teachers 0751   learners pass through, cannot list
#     <box>/<unix user>/  <user>:ftl-teachers 2750 the learner writes; teachers read; nobody else
# Teachers are the Unix users in group ftl-teachers: `sudo usermod -aG ftl-teachers jupyter-<teacher>`
# (after the teacher's first login), then restart the teacher's server.
import os

from widgets.classroom.handin import TEACHERS, prepare_dropbox  # the hub env: pip install --no-deps (stdlib only)

c = get_config()  # noqa: F821  (provided by JupyterHub)

DROPBOX = os.environ.get("FOOT_LESSONS_DROPBOX", "/srv/foot-lessons/dropbox")

try:  # TLJH: Unix users are called jupyter-<hub name> and made when the server first starts
    from tljh.normalize import generate_system_username
    from tljh.user import ensure_group, ensure_user

    def unix_user(spawner) -> str:
        name = generate_system_username(f"jupyter-{spawner.user.name}")
        ensure_user(name)
        ensure_group(TEACHERS)
        return name
except ImportError:  # a plain JupyterHub with LocalProcessSpawner: the hub name is the Unix name

    def unix_user(spawner) -> str:
        return spawner.user.name


def _dropbox(spawner) -> None:
    prepare_dropbox(DROPBOX, unix_user(spawner), TEACHERS)


c.Spawner.pre_spawn_hook = _dropbox
c.Spawner.environment.update({"FOOT_LESSONS_DROPBOX": DROPBOX})

# The start of a class: everyone clicks the link within a minute. Measured on this project's 2-core test
# machine (benchmarks/hub_load.py, numbers in deploy/README.md): 30 learners at once were all ready, the
# last after 58–94 s depending on the machine's other load, with these timeouts; with JupyterHub's
# defaults (http_timeout 30 s, start_timeout 60 s) 0 of 30 started: slow servers are stopped as failed.
# concurrent_spawn_limit stays at its default (100): a lower limit turns
# learners away with "too many users" instead of letting their servers finish.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
