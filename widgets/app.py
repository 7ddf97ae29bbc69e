"""Serve the course with Voila: ``python -m widgets.app [voila options]``.

Voila in tree mode over ``notebooks/``, with the course template and ``voila.json`` from the
repository, and:

- ``/`` and ``/voila/tree`` redirect to the home page (no file listing), and an unknown page
  (``/voila/render/nope.ipynb``) redirects there too instead of showing an error page; a path
  into another folder (``/voila/render/../x.ipynb``) is refused (404);
- preheated kernel pools, sized below (``POOLS``), so a page opens without waiting for a kernel;
- idle kernels culled (``CULL``): closing a tab does not shut its kernel down (upstream #1458);
- the page's ``?theme=`` and ``?template=`` never reach the server: the theme is applied in the
  browser by the course template, so light and dark pages both come from the same preheated pool,
  and an odd value (``?theme=<script>``) is simply ignored;
- the kernels learn the server's port and address (``VOILA_APP_PORT``, ``VOILA_APP_IP``) from the
  options actually used, so ``session.query_params()`` works with preheated kernels;
- the browser tab's title is the page's title from ``course_data/outline.yaml``.

Every default here can be changed in ``voila.json`` or on the command line
(``python -m widgets.app --pool_size=1``); those win over the values below.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HOME = "00_home.ipynb"

# --- Preheated kernel pools -------------------------------------------------------------------
# A preheated kernel has already run its page (up to the first cell that asks for the page's
# address), so the page is served in milliseconds instead of the 1-3 s of CPU a kernel start
# costs. Sizing, for a workshop of 20-30 people on a small server (2 cores, 4 GB of memory):
#
# - The home page is what the whole room opens at the same moment, so its pool covers a room of
#   20: they all get a page at once. A smaller pool does not degrade gently: once it is empty,
#   the next requests wait for refill kernels that all start together (measured with 15: the
#   20th page of a burst came no sooner than on a plain Voila without any pool).
#   Lesson pages are reached at different times, so 2 each absorbs people moving on together;
#   a used kernel is replaced a few seconds later (``FILL_DELAY`` below).
# - Memory = pages x pool size x kernel size. A course kernel weighs about 66 MB resident (see
#   the README's benchmark table): with 9 pages, (20 + 8 x 2) x 66 MB = about 2.4 GB held in
#   reserve, plus the kernels in use: one per learner (a page's kernel is shut down when the
#   learner leaves it), 30 x 66 MB = 2 GB. See the README for how many people fit.
# - CPU: kernel start-up is CPU-bound (1-3 s of CPU each), and every pooled kernel starts when
#   the server starts: on 2 cores, 36 kernels take about a minute. Start the server a few
#   minutes before the workshop. A bigger pool buys nothing once the room is served.
#
# ``COURSE_HOME_POOL`` and ``COURSE_PAGE_POOL`` change the sizes (e.g. 1 and 1 on a laptop, as
# the tests do); ``--VoilaKernelManager.kernel_pools_config=...`` replaces the whole table.
# - Refill delay: a used kernel is replaced ``FILL_DELAY`` seconds later. Voila's default (1 s)
#   makes 20 replacement kernels start while a burst of 20 pages is still being finished, and
#   all of them then share the 2 cores (measured: 8.4 s for the burst instead of under 1 s).
#   A pooled page that is asked for again within the delay waits for it, so keep it short.
FILL_DELAY = float(os.environ.get("COURSE_FILL_DELAY", "4"))
HOME_POOL = int(os.environ.get("COURSE_HOME_POOL", "20"))
PAGE_POOL = int(os.environ.get("COURSE_PAGE_POOL", "2"))

# --- Culling ------------------------------------------------------------------------------------
# Voila's page asks for its kernel to be shut down when it is left, but that request is refused
# (no XSRF token, upstream #1458); ``CourseShutdownHandler`` below accepts it. A kernel whose tab
# crashed or lost its network never sends it, so culling remains the safety net.
# Kernels still connected to an open tab are never culled (cull_connected stays False), so a
# learner reading slowly loses nothing; a disconnected kernel idle for 10 minutes is shut down.
CULL = {
    "cull_idle_timeout": 600,
    "cull_interval": 60,
    "cull_connected": False,
}


def _prepare_environment() -> None:
    """Let Voila find the course template, and run from the repository (voila.json)."""
    share = str(ROOT / "share" / "jupyter")
    paths = os.environ.get("JUPYTER_PATH", "")
    if share not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = share + (os.pathsep + paths if paths else "")
    os.chdir(ROOT)


def page_titles() -> dict[str, str]:
    """Notebook file name -> browser tab title, from the outline."""
    from . import content

    course = content.load()
    return {p.notebook: f"{p.title} · {course.outline.title}" for p in course.outline.pages}


def page_config_hook(page_config: dict, notebook_path: str | None = None, **_kwargs) -> dict:
    """Add the page's title to Voila's page configuration (the template puts it in ``<title>``)."""
    from . import content

    name = Path(notebook_path or "").name
    page_config = dict(page_config)
    course = content.load()
    page_config["courseTitle"] = page_titles().get(name) or course.outline.title
    page_config["courseLoading"] = course.text("page.loading")
    page_config["courseLoadingLabel"] = course.text("page.loading_label")
    return page_config


def kernel_address(ip: str) -> str:
    """The address a kernel on this machine uses to reach the server listening on ``ip``."""
    if ip in ("", "0.0.0.0", "::", "*", "localhost"):
        return "127.0.0.1"
    return ip


def pools_config(notebooks: list[str], env: dict[str, str]) -> dict:
    """``VoilaKernelManager.kernel_pools_config``: a larger pool for the home page."""
    config: dict = {"default": {"pool_size": PAGE_POOL, "kernel_env_variables": env}}
    for name in notebooks:
        size = HOME_POOL if name == HOME else PAGE_POOL
        config[name] = {"pool_size": size, "kernel_env_variables": env}
    return config


def make_app_class():
    """The Voila application class with the course's defaults and handlers."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from traitlets.config import Config
    from voila.app import Voila
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.tornado.handler import TornadoVoilaHandler

    class CourseShutdownHandler(VoilaShutdownKernelHandler):
        """Shut a page's kernel down when its tab is left or closed.

        Voila's page sends this request on ``beforeunload`` without an XSRF token, so it is
        refused (upstream issue #1458) and the kernel lives on until culled. The request names
        a random kernel id only its page knows and stays behind the server's token, so it is
        accepted here without the XSRF check: kernels are freed as soon as learners move on.
        """

        def check_xsrf_cookie(self):  # noqa: D102
            return None

    class CoursePageHandler(TornadoVoilaHandler):
        """A course page: unknown pages go home; theme and template come from no address."""

        IGNORED = ("theme", "template")

        def get_argument(self, name, default=None, strip=True):  # noqa: D102
            if name in self.IGNORED:
                return default
            return super().get_argument(name, default, strip)

        async def get(self, path=None):  # noqa: D102
            from tornado.web import HTTPError

            if path and ("/" in path or "\\" in path):
                raise HTTPError(404)  # pages live in one folder: a path is a probe, not a typo
            root = Path(self.settings["contents_manager"].root_dir).resolve()
            target = (root / (path or "")).resolve()
            known = (
                target.suffix == ".ipynb"
                and target.is_file()
                and target.parent == root
                and not target.name.startswith(".")
            )
            if not known:
                self.redirect(url_path_join(self.base_url, "voila/render", HOME))
                return
            await super().get(path)

    class CourseVoila(Voila):
        """Voila with the course's defaults, ``/`` and the tree redirected home."""

        def load_config_file(self, *args, **kwargs):
            """Load ``voila.json`` as usual, then fill in the course defaults it leaves unset."""
            super().load_config_file(*args, **kwargs)
            defaults = Config()
            defaults.VoilaConfiguration.preheat_kernel = True
            defaults.VoilaConfiguration.default_pool_size = PAGE_POOL
            defaults.VoilaKernelManager.fill_delay = FILL_DELAY
            defaults.VoilaConfiguration.allow_template_override = "NO"
            defaults.VoilaConfiguration.page_config_hook = page_config_hook
            defaults.Voila.port_retries = 0  # a busy port is an error, not a silent other port
            if os.name == "posix":
                # Kernels talk to the server over Unix sockets in the connection folder: when a
                # pool of 20 kernels starts at once, TCP ports picked at random collide
                # ("Address already in use") and a pooled kernel dies.
                defaults.KernelManager.transport = "ipc"
            for key, value in CULL.items():
                defaults.MappingKernelManager[key] = value
            for section, values in defaults.items():
                for key, value in values.items():
                    if key not in self.config[section]:
                        self.config[section][key] = value
            self.update_config(self.config)

        def init_settings(self):
            """Tell the kernels where the server listens, then build the pools."""
            env = {
                "VOILA_APP_IP": kernel_address(self.ip),
                "VOILA_APP_PORT": str(self.port),
            }
            km = self.config.VoilaKernelManager
            merged_env = {**env, **dict(km.get("default_env_variables", {}))}
            km.default_env_variables = merged_env
            if "kernel_pools_config" not in km and self.voila_configuration.preheat_kernel:
                notebooks = sorted(p.name for p in Path(self.root_dir).glob("*.ipynb"))
                km.kernel_pools_config = pools_config(notebooks, merged_env)
            return super().init_settings()

        def init_handlers(self):
            handlers = super().init_handlers()
            if self.notebook_path:  # one notebook (e.g. a trainer's page): Voila serves it at /
                return handlers
            home = url_path_join(self.server_url, "voila/render", HOME)
            redirect = {"url": home, "permanent": False}
            tree = url_path_join(self.server_url, "voila/tree")
            render = url_path_join(self.server_url, "voila/render/(.*)")
            out = [
                (self.server_url, RedirectHandler, redirect),
                (tree + r"(?:/.*)?", RedirectHandler, redirect),
            ]
            for h in handlers:
                if h[0] == self.server_url or h[0].startswith(tree):
                    continue
                if h[0] == render:
                    h = (h[0], CoursePageHandler, *h[2:])
                elif h[1] is VoilaShutdownKernelHandler:
                    h = (h[0], CourseShutdownHandler, *h[2:])
                out.append(h)
            return out

    return CourseVoila


def main(argv: list[str] | None = None) -> None:
    """Start the course web app."""
    _prepare_environment()
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(not a.startswith("-") for a in args):
        args.insert(0, str(NOTEBOOKS))
    make_app_class().launch_instance(argv=args)


if __name__ == "__main__":
    main()
