"""Serve the course with Voila: ``python -m widgets.app [--room N] [voila options]``.

Voila in tree mode over ``notebooks/``, with the course template and ``voila.json`` from the
repository, and:

- ``/`` and ``/voila/tree`` redirect to the home page (no file listing), and an unknown page
  (``/voila/render/nope.ipynb``) redirects there too instead of showing an error page; a path
  into another folder (``/voila/render/../x.ipynb``) is refused (404);
- preheated kernel pools, so a page opens without waiting for a kernel: by default for one
  person (one kernel per page, the home page's first, so the first page comes quickly), or with
  ``--room N`` for a workshop of N people (see ``pool_plan`` and the reasons written above it);
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

from . import store
from .pools import (
    FILL_DELAY,
    HOME,
    HOME_FIRST_PAUSE,
    REFILL_SPACING,
    ROOM_HELP,
    ROOM_HOME_CAP,
    PoolPlan,
    UsageError,
    fill_home_first,
    home_only,
    pool_plan,
    pools_config,
    reading_order,
    space_refills,
    split_room,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

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


def page_titles(language: str = "en") -> dict[str, str]:
    """Notebook file name -> browser tab title, from the outline."""
    from . import content

    course = content.load(language)
    return {p.notebook: f"{p.title} · {course.outline.title}" for p in course.outline.pages}


def page_texts(language: str, name: str) -> dict[str, str]:
    """The page template's words in ``language``: the tab title, the loading message, labels."""
    from . import content

    course = content.load(language)
    return {
        "title": page_titles(language).get(name) or course.outline.title,
        "loading": course.text("page.loading"),
        "loadingLabel": course.text("page.loading_label"),
        "mainLabel": course.text("page.main_label"),
    }


def page_config_hook(page_config: dict, notebook_path: str | None = None, **_kwargs) -> dict:
    """Add the page's words to Voila's page configuration, in every language the course has.

    Voila renders a page before its request comes (preheated kernels), so the template picks
    the language of the page's ``lang`` parameter in the browser (``courseStrings``).
    """
    from .content import data_dir
    from .content.languages import available

    name = Path(notebook_path or "").name
    page_config = dict(page_config)
    texts = {lang: page_texts(lang, name) for lang in available(data_dir())}
    page_config["courseTitle"] = texts["en"]["title"]
    page_config["courseLoading"] = texts["en"]["loading"]
    page_config["courseLoadingLabel"] = texts["en"]["loadingLabel"]
    page_config["courseStrings"] = texts
    return page_config


def kernel_address(ip: str) -> str:
    """The address a kernel on this machine uses to reach the server listening on ``ip``."""
    if ip in ("", "0.0.0.0", "::", "*", "localhost"):
        return "127.0.0.1"
    return ip


def _handler_classes():
    """The course's page handler and kernel shutdown handler (Voila imported on first use)."""
    from jupyter_server.utils import url_path_join
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

    return VoilaShutdownKernelHandler, CourseShutdownHandler, CoursePageHandler


def course_defaults(plan: PoolPlan):
    """The settings the course gives Voila unless ``voila.json`` or the command line does."""
    from traitlets.config import Config

    defaults = Config()
    defaults.VoilaConfiguration.preheat_kernel = True
    defaults.VoilaConfiguration.default_pool_size = plan.page
    defaults.VoilaKernelManager.fill_delay = FILL_DELAY
    defaults.VoilaConfiguration.allow_template_override = "NO"
    defaults.VoilaConfiguration.page_config_hook = page_config_hook
    defaults.Voila.port_retries = 0  # a busy port is an error, not a silent other port
    if os.name == "posix":
        # Kernels talk to the server over Unix sockets in the connection folder: when a pool of
        # 20 kernels starts at once, TCP ports picked at random collide ("Address already in
        # use") and a pooled kernel dies.
        defaults.KernelManager.transport = "ipc"
    for key, value in CULL.items():
        defaults.MappingKernelManager[key] = value
    return defaults


def _course_routes(handlers: list, server_url: str) -> list:
    """Voila's routes with ``/`` and the tree sent home and the course's own handlers."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler

    voila_shutdown, shutdown, page = _handler_classes()
    home = url_path_join(server_url, "voila/render", HOME)
    redirect = {"url": home, "permanent": False}
    tree = url_path_join(server_url, "voila/tree")
    render = url_path_join(server_url, "voila/render/(.*)")
    out = [(server_url, RedirectHandler, redirect), (tree + r"(?:/.*)?", RedirectHandler, redirect)]
    for h in handlers:
        if h[0] == server_url or h[0].startswith(tree):
            continue
        if h[0] == render:
            h = (h[0], page, *h[2:])
        elif h[1] is voila_shutdown:
            h = (h[0], shutdown, *h[2:])
        out.append(h)
    return out


def make_app_class(plan: PoolPlan | None = None):
    """The Voila application class with the course's defaults, handlers and pool plan."""
    plan = plan or pool_plan(None, os.environ)
    from voila.app import Voila

    class CourseVoila(Voila):
        """Voila with the course's defaults, ``/`` and the tree redirected home."""

        def load_config_file(self, *args, **kwargs):
            """Load ``voila.json`` as usual, then fill in the course defaults it leaves unset."""
            super().load_config_file(*args, **kwargs)
            for section, values in course_defaults(plan).items():
                for key, value in values.items():
                    if key not in self.config[section]:
                        self.config[section][key] = value
            self.update_config(self.config)

        def init_settings(self):
            """Tell the kernels where the server listens, then build the pools."""
            env = {"VOILA_APP_IP": kernel_address(self.ip), "VOILA_APP_PORT": str(self.port)}
            km = self.config.VoilaKernelManager
            merged_env = {**env, **dict(km.get("default_env_variables", {}))}
            km.default_env_variables = merged_env
            later = None
            if "kernel_pools_config" not in km and self.voila_configuration.preheat_kernel:
                notebooks = sorted(p.name for p in Path(self.root_dir).glob("*.ipynb"))
                config = pools_config(notebooks, merged_env, plan)
                if plan.home_first and not self.notebook_path and HOME in notebooks:
                    later = (reading_order([n for n in notebooks if n != HOME]), config)
                    config = home_only(config)
                km.kernel_pools_config = config
                self.log.info(plan.describe())
            settings = super().init_settings()
            if self.voila_configuration.preheat_kernel:
                space_refills(self.kernel_manager, REFILL_SPACING)
            if later is not None:
                fill_home_first(self.kernel_manager, *later, self.log, HOME_FIRST_PAUSE)
            return settings

        def init_handlers(self):
            handlers = super().init_handlers()
            if self.notebook_path:  # one notebook (e.g. a trainer's page): Voila serves it at /
                return handlers
            return _course_routes(handlers, self.server_url)

    return CourseVoila


def main(argv: list[str] | None = None) -> None:
    """Start the course web app (``--room N`` sizes it for a workshop; see ``ROOM_HELP``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        room, args = split_room(args)
        plan = pool_plan(room, os.environ)
    except UsageError as exc:
        print(f"error: {exc}\n\n{ROOM_HELP}", file=sys.stderr)
        raise SystemExit(2) from None
    if any(a in ("-h", "--help", "--help-all") for a in args):
        print(ROOM_HELP)
    if room and room > ROOM_HOME_CAP and "COURSE_HOME_POOL" not in os.environ:
        print(
            f"Note: the home page keeps at most {ROOM_HOME_CAP} kernels ready; for "
            f"{room} people see the README (JupyterHub) or set COURSE_HOME_POOL.",
            file=sys.stderr,
        )
    _prepare_environment()
    if not any(not a.startswith("-") for a in args):
        args.insert(0, str(NOTEBOOKS))
    print(f"Learners' progress and plans are kept in: {store_location()}", flush=True)
    store.migrate_at_start()
    make_app_class(plan).launch_instance(argv=args)


def store_location() -> str:
    """Where the course keeps learners' data, for the person running the server (learners see
    only "on the computer that runs this course")."""
    url = store.default_url()
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    from urllib.parse import urlsplit

    u = urlsplit(url)
    return f"PostgreSQL database '{u.path.lstrip('/')}' on {u.hostname}"  # never the password


if __name__ == "__main__":
    main()
