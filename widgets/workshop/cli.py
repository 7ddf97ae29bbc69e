"""Run workshops from the command line.

    python -m widgets.workshop create "Coalitions workshop" [--url http://HOST:8866 | --hub URL]
    python -m widgets.workshop close CODE          # asks for the trainer secret
    python -m widgets.workshop delete CODE [--yes] # asks for the secret, then confirmation
    python -m widgets.workshop serve-dashboard [--port 8867] [voila options]
    python -m widgets.workshop slides [--port 8868] [voila options]   # the course as slides
    python -m widgets.workshop handouts [--out handouts]  # printable Word files

The secret is read from ``$COURSE_TRAINER_SECRET`` or, in a terminal, typed without echo.
Without either (e.g. in a script), the command says what is missing instead of waiting.
The store is the course's (``$COURSE_DATABASE_URL`` or ``$COURSE_STORE_DIR``).

``serve-dashboard`` serves the ``trainer/`` folder (dashboard, projector view, facilitator
guide) in its own Voila process, protected by a token; ``/`` opens the dashboard.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import secrets
import sys

from .. import ui
from ..store import Store, migrate_at_start
from . import model

TRAINER = "trainer"
DASHBOARD = "dashboard.ipynb"
SLIDES = "trainer/slides.ipynb"
#: Trainer pages that get a preheated kernel (they open at once).
PREHEATED = ("dashboard.ipynb", "projector.ipynb", "facilitator_guide.ipynb")


class MissingInput(Exception):
    """Something the command needs was not given and cannot be asked for."""


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _secret() -> str:
    env = os.environ.get("COURSE_TRAINER_SECRET")
    if env:
        return env
    if not _interactive():
        raise MissingInput(ui.t("cli.no_secret"))
    try:
        return getpass.getpass(ui.t("cli.secret_prompt"))
    except (EOFError, KeyboardInterrupt):
        raise MissingInput(ui.t("cli.no_secret")) from None


def _trainer(code: str) -> model.Trainer:
    return model.Trainer(Store(migrate=True), code, _secret())


def trainer_app_class():
    """Voila over the ``trainer/`` folder: ``/`` opens the dashboard (keeping the token)."""
    from jupyter_server.base.handlers import JupyterHandler
    from jupyter_server.utils import url_path_join
    from tornado import web
    from voila.app import Voila
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

    class DashboardHome(JupyterHandler):
        """``/``: sign in with the token in the address, then go to the dashboard."""

        @web.authenticated
        def get(self):  # noqa: D102
            self.redirect(url_path_join(self.base_url, "voila/render", DASHBOARD))

    class ShutdownOnLeave(VoilaShutdownKernelHandler):
        """A page's kernel is shut down when the page is left: Voila sends the request without
        an XSRF token (upstream issue 1458); it names a kernel id only that page knows and stays
        behind the token, so it is accepted."""

        def check_xsrf_cookie(self):  # noqa: D102
            return None

    class TrainerVoila(Voila):
        """The trainer's pages, each opened from a preheated kernel."""

        def init_handlers(self):  # noqa: D102
            handlers = []
            for h in super().init_handlers():
                if h[0] == self.server_url:
                    continue
                if h[1] is VoilaShutdownKernelHandler:
                    h = (h[0], ShutdownOnLeave, *h[2:])
                handlers.append(h)
            return [(self.server_url, DashboardHome), *handlers]

    return TrainerVoila


def serve_dashboard(argv: list[str]) -> int:
    """Serve the trainer's folder in its own Voila process protected by a token."""
    from ..app import ROOT, _prepare_environment

    parser = argparse.ArgumentParser(prog="python -m widgets.workshop serve-dashboard")
    parser.add_argument("--port", type=int, default=8867)
    args, rest = parser.parse_known_args(argv)
    token = os.environ.get("COURSE_DASHBOARD_TOKEN") or secrets.token_urlsafe(24)
    _prepare_environment()
    migrate_at_start()
    print(ui.t("cli.dashboard_at", url=f"http://127.0.0.1:{args.port}/?token={token}"), flush=True)
    print(ui.t("cli.dashboard_private"), flush=True)
    pools = json.dumps({name: {"pool_size": 1} for name in PREHEATED})
    trainer_app_class().launch_instance(
        argv=[
            str(ROOT / TRAINER),
            f"--port={args.port}",
            f"--token={token}",
            "--no-browser",
            "--VoilaConfiguration.preheat_kernel=True",
            "--VoilaConfiguration.default_pool_size=0",
            f"--VoilaKernelManager.kernel_pools_config={pools}",
            *rest,
        ]
    )
    return 0


def serve_slides(argv: list[str]) -> int:
    """Show the course's key content as slides (Voila's reveal template)."""
    from ..app import ROOT, _prepare_environment

    parser = argparse.ArgumentParser(prog="python -m widgets.workshop slides")
    parser.add_argument("--port", type=int, default=8868)
    args, rest = parser.parse_known_args(argv)
    _prepare_environment()
    print(ui.t("cli.slides_at", url=f"http://127.0.0.1:{args.port}/"), flush=True)
    from voila.app import Voila

    static = "/voila/templates/course-slides/static"
    Voila.launch_instance(
        argv=[
            str(ROOT / SLIDES),
            f"--port={args.port}",
            "--template=course-slides",
            "--no-browser",
            # reveal.js and jQuery come from the template's static folder: slides work offline
            f'--VoilaConfiguration.resources={{"reveal": {{"url_prefix": "{static}/revealjs"}}}}',
            f"--HTMLExporter.jquery_url={static}/jquery.min.js",
            *rest,
        ]
    )
    return 0


def hub_link(code: str, hub_url: str) -> str:
    """The participant link under JupyterHub: the hub sends each person to their own server."""
    from .. import content

    home = next(p.notebook for p in content.load().outline.pages if p.kind == "home")
    return f"{hub_url.rstrip('/')}/hub/user-redirect/voila/render/notebooks/{home}?workshop={code}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m widgets.workshop",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("create", help=ui.t("cli.help.create"))
    p.add_argument("name")
    p.add_argument("--url", default=model.DEFAULT_URL, help=ui.t("cli.help.url"))
    p.add_argument("--hub", default=os.environ.get("COURSE_HUB_URL"), help=ui.t("cli.help.hub"))
    p.add_argument("--dashboard-url", default="http://127.0.0.1:8867")
    for name in ("close", "delete"):
        q = sub.add_parser(name, help=ui.t(f"cli.help.{name}"))
        q.add_argument("code")
        if name == "delete":
            q.add_argument("--yes", action="store_true", help=ui.t("cli.help.yes"))
    sub.add_parser("serve-dashboard", help=ui.t("cli.help.serve"))
    sub.add_parser("slides", help=ui.t("cli.help.slides"))
    h = sub.add_parser("handouts", help=ui.t("cli.help.handouts"))
    h.add_argument("--out", default="handouts", help=ui.t("cli.help.out"))
    return parser


def create(args) -> int:
    """Create a workshop and print its code, secret and participant link."""
    c = model.create_workshop(Store(migrate=True), args.name)
    link = hub_link(c.code, args.hub) if args.hub else c.participant_link(args.url)
    print(ui.t("cli.created.name", name=c.name))
    print(ui.t("cli.created.code", code=c.code))
    print(ui.t("cli.created.secret", secret=c.secret))
    print(ui.t("cli.created.link", link=link))
    print(ui.t("cli.created.hub" if args.hub else "cli.created.join"))
    print(ui.t("cli.created.dashboard", url=args.dashboard_url))
    return 0


def write_handouts(folder: str) -> int:
    """Write the printable Word files into a folder (made if missing)."""
    from pathlib import Path

    from . import handouts

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, (title, data) in handouts.all_handouts().items():
        (out / name).write_bytes(data)
        print(f"{out / name}  ({title})")
    return 0


def close_or_delete(args) -> int:
    """Close or delete a workshop, after the secret (and, to delete, a confirmation)."""
    trainer = _trainer(args.code)
    if args.cmd == "close":
        trainer.close()
        print(ui.t("cli.closed", code=trainer.code))
        return 0
    if not args.yes:
        if not _interactive():
            raise MissingInput(ui.t("cli.no_confirmation"))
        try:
            typed = input(ui.t("cli.confirm_prompt", code=trainer.code))
        except (EOFError, KeyboardInterrupt):
            raise MissingInput(ui.t("cli.no_confirmation")) from None
        if model.normalise_code(typed) != trainer.code:
            print(ui.t("cli.not_deleted"))
            return 1
    trainer.delete()
    print(ui.t("cli.deleted", code=trainer.code))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m widgets.workshop``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve-dashboard"]:
        return serve_dashboard(argv[1:])
    if argv[:1] == ["slides"]:
        return serve_slides(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.cmd == "create":
            return create(args)
        if args.cmd == "handouts":
            return write_handouts(args.out)
        return close_or_delete(args)
    except MissingInput as exc:
        print(exc, file=sys.stderr)
        return 2
    except (model.WorkshopError, model.StoreError) as exc:
        print(exc, file=sys.stderr)
        return 1
