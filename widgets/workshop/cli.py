"""Run workshops from the command line.

    python -m widgets.workshop create "Coalitions workshop" [--url http://HOST:8866]
    python -m widgets.workshop close CODE          # asks for the trainer secret
    python -m widgets.workshop delete CODE         # asks for the secret, then confirmation
    python -m widgets.workshop serve-dashboard [--port 8867] [voila options]
    python -m widgets.workshop slides [--port 8868] [voila options]   # the course as slides

The secret is read from the terminal without echo (or from ``$COURSE_TRAINER_SECRET``).
The store is the course's (``$COURSE_DATABASE_URL`` or ``$COURSE_STORE_DIR``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys

from ..store import Store
from . import model

DASHBOARD = "trainer/dashboard.ipynb"
SLIDES = "trainer/slides.ipynb"


def _secret() -> str:
    return os.environ.get("COURSE_TRAINER_SECRET") or getpass.getpass("Trainer secret: ")


def _trainer(code: str) -> model.Trainer:
    return model.Trainer(Store(), code, _secret())


def serve_dashboard(argv: list[str]) -> int:
    """Serve the dashboard notebook alone, in its own Voila process protected by a token."""
    from ..app import ROOT, _prepare_environment

    parser = argparse.ArgumentParser(prog="python -m widgets.workshop serve-dashboard")
    parser.add_argument("--port", type=int, default=8867)
    args, rest = parser.parse_known_args(argv)
    token = os.environ.get("COURSE_DASHBOARD_TOKEN") or secrets.token_urlsafe(24)
    _prepare_environment()
    print(f"Trainer dashboard: http://127.0.0.1:{args.port}/?token={token}", flush=True)
    print("Keep this address to yourself: the token is what protects the dashboard.", flush=True)
    from voila.app import Voila

    Voila.launch_instance(
        argv=[
            str(ROOT / DASHBOARD),
            f"--port={args.port}",
            f"--token={token}",
            "--no-browser",
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
    print(f"Slides: http://127.0.0.1:{args.port}/  (arrow keys move between slides)", flush=True)
    from voila.app import Voila

    static = "/voila/templates/course-slides/static"
    Voila.launch_instance(
        argv=[str(ROOT / SLIDES), f"--port={args.port}", "--template=course-slides",
              "--no-browser",
              # reveal.js and jQuery come from the template's static folder: slides work offline
              f'--VoilaConfiguration.resources={{"reveal": {{"url_prefix": "{static}/revealjs"}}}}',
              f"--HTMLExporter.jquery_url={static}/jquery.min.js",
              *rest]
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m widgets.workshop``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve-dashboard"]:
        return serve_dashboard(argv[1:])
    if argv[:1] == ["slides"]:
        return serve_slides(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m widgets.workshop", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("create", help="create a workshop and print its codes")
    p.add_argument("name")
    p.add_argument("--url", default="http://127.0.0.1:8866", help="the course's address")
    p.add_argument("--dashboard-url", default="http://127.0.0.1:8867")
    for name, text in (("close", "close a workshop"), ("delete", "delete a workshop's data")):
        q = sub.add_parser(name, help=text)
        q.add_argument("code")
        if name == "delete":
            q.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sub.add_parser("serve-dashboard", help="serve the trainer dashboard with a token")
    sub.add_parser("slides", help="show the course's key content as slides")
    args = parser.parse_args(argv)
    try:
        if args.cmd == "create":
            c = model.create_workshop(Store(), args.name)
            print(f"Workshop:         {c.name}")
            print(f"Participant code: {c.code}")
            print(f"Trainer secret:   {c.secret}   (shown only now: keep it safe)")
            print(f"Participant link: {c.participant_link(args.url)}")
            print(f"Dashboard:        {args.dashboard_url}  (python -m widgets.workshop "
                  "serve-dashboard prints it with its token)")
            return 0
        trainer = _trainer(args.code)
        if args.cmd == "close":
            trainer.close()
            print(f"Workshop {trainer.code} closed.")
            return 0
        if not args.yes:
            typed = input(f"Type {trainer.code} to delete the workshop and all its data: ")
            if model.normalise_code(typed) != trainer.code:
                print("Not deleted.")
                return 1
        trainer.delete()
        print(f"Workshop {trainer.code} and all its data deleted.")
        return 0
    except (model.WorkshopError, model.StoreError) as exc:
        print(exc, file=sys.stderr)
        return 1
