"""Preheated kernel pools: how many kernels each page keeps ready, and in which order they fill.

``pool_plan`` sizes them for one person or a workshop room (``--room N``, parsed by
``split_room``); ``pools_config``, ``home_only`` and the ``fill_*`` functions turn the plan into
Voila's configuration and start the kernels in the order a learner needs them. The reasons and
measurements behind every number are written next to it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass


def _home_notebook() -> str:
    """The home page's file: the outline's page of kind ``home`` (defined there, once)."""
    from . import content

    return content.load("en").home.notebook


HOME = _home_notebook()

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
