# JupyterHub for the course, for a small organisation on one machine.
#
#   sudo -E /path/to/course/.venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
#
# Each learner signs in and gets their own Jupyter server, running as their own Unix account,
# opening on the course's home page through the Voila server extension. Progress and workshops
# live in one PostgreSQL database, where every user's server gets a database role of its own
# that can read and change only that user's rows (widgets/hubdb.py). Settings come from the
# environment (see README.md, "JupyterHub"):
#
#   COURSE_HUB_DATABASE_URL     the owner role's address (required; seen by the hub only)
#   COURSE_TRAINER_DB_PASSWORD  lets the trainer role log in (dashboard, workshop commands)
#   COURSE_HUB_AUTH             "pam" (default: the machine's accounts) or "dummy" (one shared
#                               password, COURSE_HUB_PASSWORD: for trying it out and tests only)
#   COURSE_HUB_USERS            allowed users, separated by commas (default: any account)
#   COURSE_HUB_ADMINS           hub admins, separated by commas
#   COURSE_HUB_IP, COURSE_HUB_PORT          where the hub is reached (default 0.0.0.0:8000)
#   COURSE_HUB_STATE_DIR        the hub's own files (default /srv/jupyterhub)
#   COURSE_HUB_CULL_AFTER       seconds before an idle server is stopped (default 3600)
#   COURSE_HUB_ADMIN_TOKEN      an API token with admin rights for scripts (optional)
import os
import sys
from pathlib import Path

COURSE = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(COURSE))  # the widgets package, if the hub's Python lacks the course
from widgets import hubdb  # noqa: E402

c = get_config()  # noqa: F821 (provided by JupyterHub)
env = os.environ.get
BIN = Path(sys.executable).parent
STATE = Path(env("COURSE_HUB_STATE_DIR", "/srv/jupyterhub"))
STATE.mkdir(parents=True, exist_ok=True, mode=0o700)
OWNER_URL = os.environ["COURSE_HUB_DATABASE_URL"]

# -- The database: migrate once as the owner; a role per user at spawn ---------------------------
hubdb.prepare(OWNER_URL, trainer_password=env("COURSE_TRAINER_DB_PASSWORD") or None)


def course_database(spawner):
    """Give the server being spawned its user's own database role, with a fresh password."""
    url = hubdb.learner_url(OWNER_URL, spawner.user.name)
    spawner.environment = {**spawner.environment, "COURSE_DATABASE_URL": url}


c.Spawner.pre_spawn_hook = course_database

# -- The hub and its proxy (configurable-http-proxy, from npm) ------------------------------------
c.JupyterHub.ip = env("COURSE_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(env("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
if env("COURSE_HUB_INTERNAL_PORT"):
    c.JupyterHub.hub_port = int(env("COURSE_HUB_INTERNAL_PORT"))
if env("COURSE_HUB_PROXY_API_PORT"):
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('COURSE_HUB_PROXY_API_PORT')}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# -- Who signs in ------------------------------------------------------------------------------------
if env("COURSE_HUB_AUTH", "pam") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ["COURSE_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
users = {u.strip() for u in env("COURSE_HUB_USERS", "").split(",") if u.strip()}
if users:
    c.Authenticator.allowed_users = users
else:
    c.Authenticator.allow_all = True
c.Authenticator.admin_users = {
    u.strip() for u in env("COURSE_HUB_ADMINS", "").split(",") if u.strip()
}

# -- Each user's server: their own Unix account, the course through Voila -----------------------
# LocalProcessSpawner runs each server as the user's own account, so no server can read another's
# files or process environment (where its database password is).
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = str(COURSE)
c.Spawner.default_url = "/voila/render/notebooks/00_home.ipynb"
c.Spawner.environment = {
    # jupyter_config.json (the Voila extension, the course template, no CDN) and the template
    "JUPYTER_CONFIG_PATH": str(COURSE),
    "JUPYTER_PATH": str(COURSE / "share" / "jupyter"),
}
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120

# -- Idle servers are stopped (progress is in the database, so nothing is lost) ------------------
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={int(env('COURSE_HUB_CULL_AFTER', '3600'))}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
if env("COURSE_HUB_ADMIN_TOKEN"):
    c.JupyterHub.services.append(
        {"name": "course-admin", "api_token": env("COURSE_HUB_ADMIN_TOKEN")}
    )
    c.JupyterHub.load_roles.append({"name": "admin", "services": ["course-admin"]})
