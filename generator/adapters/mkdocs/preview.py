"""MkDocs' development server as `playbook serve` runs it: live reload that the pages'
Content-Security-Policy allows, and the playbook's errors shown in the browser.

MkDocs injects an inline live-reload script into every page it serves; our pages' policy
refuses inline scripts it has no hash for, so the browser never reloaded. This server injects
a script tag loading preview.js from its own folder instead, which the policy allows ('self').
While a save has broken the playbook, the last good site stays served and preview.js lays the
errors over it; when no site has been built yet, every page is a short waiting page.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.diagnostics import Diagnostic
from generator.site.preview import ASSETS, Preview

FOLDER = "_playbook-serve/"  # answered by the server, never a folder of the site


class PreviewServer(LiveReloadServer):
    def __init__(self, *args, project_root: Path, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.preview = Preview(project_root)
        self.errors_html: str | None = None  # the overlay while the playbook has errors
        self.lock = threading.Lock()

    # --- the error state, set by the builder ---
    def show_errors(self, diagnostics: list[Diagnostic], message: str | None) -> None:
        html = self.preview.errors(diagnostics, message, has_site=self._has_site())
        with self.lock:
            self.errors_html = html

    def clear_errors(self) -> bool:
        """Forget the errors; True when there were some."""
        with self.lock:
            had, self.errors_html = self.errors_html is not None, None
        return had

    def _has_site(self) -> bool:
        return (Path(self.root) / "index.html").is_file()

    # --- answering the browser ---
    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        tag = self.preview.script(self.mount_path + FOLDER, epoch, _request_id()).encode("utf-8")
        return content[:end] + tag + content[end:]

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(self.mount_path + FOLDER):
            return self._preview_file(path[len(self.mount_path + FOLDER) :], start_response)
        if not path.startswith("/livereload/") and self.errors_html is not None and not self._has_site():
            return self._respond(start_response, "text/html", self._waiting_page())
        return super()._serve_request(environ, start_response)

    def _preview_file(self, name: str, start_response):
        with self._epoch_cond:  # as for the site's files: never while a rebuild is under way
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
        if name == "errors.html":  # empty while there are none (a 404 would be logged in the terminal)
            return self._respond(start_response, "text/html", (self.errors_html or "").encode("utf-8"))
        asset = self.preview.asset(name)
        if asset is None:
            return None  # not found
        return self._respond(start_response, ASSETS[name], asset.read_bytes())

    def _waiting_page(self) -> bytes:
        with self._epoch_cond:
            epoch = self._visible_epoch
        return self.preview.waiting(self.mount_path + FOLDER, epoch, _request_id()).encode("utf-8")

    @staticmethod
    def _respond(start_response, content_type: str, body: bytes):
        headers = [("Content-Type", f"{content_type}; charset=utf-8"), ("Content-Length", str(len(body)))]
        start_response("200 OK", headers + [("Cache-Control", "no-store")])
        return [body]


def _request_id() -> int:
    return round(time.monotonic() * 1000)  # identifies the page to MkDocs' poll log, nothing more
