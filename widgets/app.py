"""Serve the course with Voila: ``python -m widgets.app [voila options]``.

Voila in tree mode over ``notebooks/``, with the course template and ``voila.json`` from the
repository, and the root address redirected to the home page instead of a file tree.
All of Voila's command-line options keep working.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HOME = "00_home.ipynb"


def _prepare_environment() -> None:
    """Let Voila find the course template, and run from the repository (voila.json)."""
    share = str(ROOT / "share" / "jupyter")
    paths = os.environ.get("JUPYTER_PATH", "")
    if share not in paths.split(os.pathsep):
        os.environ["JUPYTER_PATH"] = share + (os.pathsep + paths if paths else "")
    os.chdir(ROOT)


def make_app_class():
    """The Voila application class with the course's extra handlers."""
    from jupyter_server.utils import url_path_join
    from tornado.web import RedirectHandler
    from voila.app import Voila

    class CourseVoila(Voila):
        """Voila with ``/`` redirected to the course's home page."""

        def init_handlers(self):
            handlers = super().init_handlers()
            home = url_path_join(self.server_url, "voila/render", HOME)
            redirect = (self.server_url, RedirectHandler, {"url": home, "permanent": False})
            handlers = [h for h in handlers if h[0] != self.server_url]
            return [redirect, *handlers]

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
