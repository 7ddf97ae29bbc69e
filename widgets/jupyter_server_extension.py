"""The course in a Jupyter server (Binder, JupyterHub): what the standalone app does itself.

Enabled by ``jupyter_config.json`` (``ServerApp.jpserver_extensions``) next to Voila's own
extension. It only lets a page's kernel be shut down when the page is left: Voila's page sends
that request on ``beforeunload`` without an XSRF token, so the server refuses it with a 403 (a
console error on every page change, upstream issue #1458) and the kernel lives on until culled.
The request still needs the server's login (token or hub cookie) and names a random kernel id
only its page knows; ``widgets.app`` accepts it the same way in the standalone app.
"""

from __future__ import annotations


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "widgets.jupyter_server_extension"}]


def _load_jupyter_server_extension(server_app) -> None:
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

    def check_xsrf_cookie(self):  # the page's shutdown request carries no XSRF token
        return None

    VoilaShutdownKernelHandler.check_xsrf_cookie = check_xsrf_cookie
    server_app.log.info("tb-coalitions-course: page kernels shut down when their page is left")
