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

import math
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import store

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HOME = "00_home.ipynb"

# --- Preheated kernel pools -------------------------------------------------------------------
# A preheated kernel has already run its page (up to the first cell that asks for the page's
# address), so the page is served in milliseconds instead of the 1-3 s of CPU a kernel start
# costs. Kernel start-up is CPU-bound, so every kernel started at the same moment as the one a
# person is waiting for makes that person wait longer. Two plans (``pool_plan`` below):
#
# One person (``python3 course.py start``, the default): one kernel per page, and the home
# page's first. Only the home page's kernel starts with the server; once it is running, and
# ``HOME_FIRST_PAUSE`` seconds later (the learner's browser is then loading the page and its
# widgets, which needs the CPU too), the other pages' kernels start one after another in
# reading order, so part 1 is ready first. Memory: 9 pages x 1 kernel x about 66 MB = 0.6 GB.
# The room-sized pools used to be the default: 36 kernels starting at once on a 2-core laptop
# showed the first page after about 40 s, 3.5x a plain Voila. The benchmark
# (tests/benchmarks/bench.py) now times the first page from launch against a plain Voila.
#
# A room (``--room N``): every pool fills at once, as soon as the server starts (start the
# server a few minutes before the workshop).
# - The home page is what the whole room opens at the same moment, so its pool is N: everyone
#   gets a page at once. A smaller pool does not degrade gently: once it is empty, the next
#   requests wait for refill kernels that all start together (measured with 15 for a room of
#   20: the 20th page of a burst came no sooner than on a plain Voila without any pool).
#   Capped at ``ROOM_HOME_CAP`` = 40: a pool of 40 takes about a minute of both cores to fill
#   and 2.6 GB to hold; beyond about 40 people the README suggests JupyterHub.
# - Lesson pages are reached at different moments, so a few each absorb people moving on
#   together: N / 15 rounded up, between 2 and 4 (2 for a room of 30). A used kernel is
#   replaced ``FILL_DELAY`` seconds later, so a pool of 2 serves about 20 people a minute.
# - Memory = (home pool + other pages x page pool) x kernel size, plus one kernel in use per
#   learner (a page's kernel is shut down when the learner leaves it). A course kernel weighs
#   about 66 MB: for 30 people, (30 + 8 x 2) x 66 MB = 3.0 GB in reserve + 30 x 66 MB = 2.0 GB
#   in use + Voila itself (0.15 GB) = about 5.2 GB.
#
# ``COURSE_HOME_POOL`` and ``COURSE_PAGE_POOL`` override the sizes of either plan (the tests set
# both to 1); ``--VoilaKernelManager.kernel_pools_config=...`` replaces the whole table and
# fills it at once.
# - Refill delay: a used kernel is replaced ``FILL_DELAY`` seconds later. Voila's default (1 s)
#   makes 20 replacement kernels start while a burst of 20 pages is still being finished, and
#   all of them then share the 2 cores (measured: 8.4 s for the burst instead of under 1 s).
#   A pooled page that is asked for again within the delay waits for it, so keep it short.
# - Refills one after another: after a burst of 30 pages, Voila would start the 30 replacement
#   kernels together, FILL_DELAY seconds later. On a busy machine the burst is not finished by
#   then, and 30 kernel starts take the CPU from the pages being served (measured with
#   --room 30 on a loaded 2-core machine: 19.9 s for the burst, against 11.7 s for 30 plain
#   pages). So refills start ``REFILL_SPACING`` seconds apart (2 cores start about one kernel
#   a second): the pool is whole again about 45 s after a burst of 30, and a page asked for
#   meanwhile gets the earliest refill.
FILL_DELAY = float(os.environ.get("COURSE_FILL_DELAY", "4"))
REFILL_SPACING = float(os.environ.get("COURSE_REFILL_SPACING", "1.5"))
HOME_FIRST_PAUSE = float(os.environ.get("COURSE_HOME_FIRST_PAUSE", "5"))
ROOM_HOME_CAP = 40
ROOM_MAX = 1000  # a larger number is a typo, not a room


class UsageError(ValueError):
    """A command-line option or setting the course cannot use (the message says why)."""


@dataclass(frozen=True)
class PoolPlan:
    """How many preheated kernels each page keeps, and whether the home page's fills first."""

    home: int
    page: int
    home_first: bool
    room: int | None = None

    def describe(self) -> str:
        """One line for the server's log."""
        who = f"a room of {self.room}" if self.room else "one person"
        order = "home page first, then the others" if self.home_first else "all at once"
        return (
            f"Course pools for {who}: {self.home} kernel(s) for the home page, "
            f"{self.page} for every other page, filled {order}."
        )


def _env_size(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise UsageError(f"{name} must be a whole number of kernels (0 or more), not {raw!r}.")
    return value


def pool_plan(room: int | None, env: Mapping[str, str]) -> PoolPlan:
    """Pool sizes for one person (``room`` None) or a workshop of ``room`` people."""
    if room is None:
        home, page, home_first = 1, 1, True
    else:
        home = min(room, ROOM_HOME_CAP)
        page = max(2, min(4, math.ceil(room / 15)))
        home_first = False
    home = _env_size(env, "COURSE_HOME_POOL", home)
    page = _env_size(env, "COURSE_PAGE_POOL", page)
    return PoolPlan(home=home, page=page, home_first=home_first, room=room)


ROOM_HELP = """Course options (before any Voila option):
  --room N    size the preheated kernels for a workshop of N people (e.g. --room 30):
              the home page keeps N ready (at most 40), every other page a few, all filled
              when the server starts. Without it the course serves one person and shows
              its first page as soon as it can.
"""


def parse_room(value: str) -> int:
    """The number of people given to ``--room`` (UsageError with a clear message if odd)."""
    text = value.strip()
    example = "for example --room 30"
    if not text:
        raise UsageError(f"--room needs the number of people in the workshop, {example}.")
    try:
        room = int(text)
    except ValueError:
        raise UsageError(
            f"--room {value!r} is not a whole number: give the number of people, {example}."
        ) from None
    if room < 1:
        raise UsageError(f"--room must be at least 1 (the number of people), {example}.")
    if room > ROOM_MAX:
        raise UsageError(
            f"--room {room} is more than one server can take (at most {ROOM_MAX}); "
            "see the README for larger groups."
        )
    return room


def split_room(argv: list[str]) -> tuple[int | None, list[str]]:
    """Take ``--room N`` / ``--room=N`` out of the arguments: (room or None, Voila's arguments)."""
    room: int | None = None
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--room" or arg.startswith("--room="):
            if room is not None:
                raise UsageError("--room is given twice: give it once.")
            if arg == "--room":
                if i + 1 >= len(argv) or argv[i + 1].startswith("-"):
                    raise UsageError(
                        "--room needs the number of people in the workshop, for example --room 30."
                    )
                value, i = argv[i + 1], i + 2
            else:
                value, i = arg.split("=", 1)[1], i + 1
            room = parse_room(value)
            continue
        rest.append(arg)
        i += 1
    return room, rest


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


def pools_config(notebooks: list[str], env: dict[str, str], plan: PoolPlan) -> dict:
    """``VoilaKernelManager.kernel_pools_config`` for ``plan``: the home page's pool apart."""
    config: dict = {"default": {"pool_size": plan.page, "kernel_env_variables": env}}
    for name in notebooks:
        size = plan.home if name == HOME else plan.page
        config[name] = {"pool_size": size, "kernel_env_variables": env}
    return config


def home_only(config: dict) -> dict:
    """The same table with every pool but the home page's empty (filled later)."""
    return {
        name: {**entry, "pool_size": entry["pool_size"] if name == HOME else 0}
        for name, entry in config.items()
    }


def reading_order(notebooks: list[str]) -> list[str]:
    """The notebooks in the outline's order, then any others by name."""
    from . import content

    order = [p.notebook for p in content.load().outline.pages]
    known = [n for n in order if n in notebooks]
    return known + sorted(n for n in notebooks if n not in order)


def fill_one_after_another(kernel_manager, notebooks: list[str], config: dict, log) -> None:
    """Give ``kernel_manager`` its full pools, filling one page's pool at a time.

    Each page's kernels start once the previous page's are running, so the CPU stays free
    enough for the page the learner has open. Uses Voila's ``fill_if_needed`` and its pools.
    """
    import asyncio

    kernel_manager.kernel_pools_config = config
    queue = list(notebooks)

    def next_page(_done=None) -> None:
        while queue:
            name = queue.pop(0)
            kernel_manager.fill_if_needed(delay=0, notebook_name=name)
            pending = [
                t for t in getattr(kernel_manager, "_pools", {}).get(name, []) if not t.done()
            ]
            if pending:
                asyncio.gather(*pending, return_exceptions=True).add_done_callback(next_page)
                return
        log.info("Course pools: every page has its preheated kernel(s).")

    next_page()


def space_refills(kernel_manager, spacing: float, clock=None) -> None:
    """Make the kernel manager start its refills ``spacing`` seconds apart (see the top).

    Voila refills a pool with ``fill_if_needed(delay=None)`` each time a page takes a pooled
    kernel; every such refill now waits for the later of ``fill_delay`` and the previous
    refill's start plus ``spacing``. Fills with an explicit delay (at start) are unchanged.
    """
    import time

    clock = clock or time.monotonic
    original = kernel_manager.fill_if_needed
    next_start = [float("-inf")]

    def fill_if_needed(delay=None, notebook_name=None, **kwargs):
        if delay is None:
            now = clock()
            start = max(now + kernel_manager.fill_delay, next_start[0])
            next_start[0] = start + spacing
            delay = start - now
        return original(delay=delay, notebook_name=notebook_name, **kwargs)

    kernel_manager.fill_if_needed = fill_if_needed


def fill_home_first(kernel_manager, notebooks: list[str], config: dict, log, pause: float) -> None:
    """Once the home page's pooled kernels run, and ``pause`` seconds later, fill the others.

    The kernel manager was built with only the home page's pool (``home_only``); its tasks are
    in Voila's ``_pools``. A home kernel that fails to start does not hold the others back.
    """
    import asyncio

    loop = asyncio.get_event_loop()

    def start_the_rest(_done=None) -> None:
        loop.call_later(pause, fill_one_after_another, kernel_manager, notebooks, config, log)

    home_tasks = list(getattr(kernel_manager, "_pools", {}).get(HOME, []))
    if home_tasks:
        gathered = asyncio.gather(*home_tasks, return_exceptions=True)
        gathered.add_done_callback(start_the_rest)
    else:  # no home pool (size 0): nothing to wait for
        start_the_rest()


def make_app_class(plan: PoolPlan | None = None):
    """The Voila application class with the course's defaults, handlers and pool plan."""
    plan = plan or pool_plan(None, os.environ)
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
            defaults.VoilaConfiguration.default_pool_size = plan.page
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
