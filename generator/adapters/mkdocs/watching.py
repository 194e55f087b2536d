"""Which folders `playbook serve` watches, and keeping them watched while they come and go.

A folder watch (inotify on Linux) ends when its folder is deleted, and a folder that did not
exist when serving started was never watched: deleting and re-creating content/ (a branch
switch, a restore from backup) or adding site_templates/ later went unnoticed until restart.
So the project folder itself is watched too, without recursion, and when one of the source
folders appears, disappears or is moved there, its watch is made again and the site rebuilt.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from watchdog import events

SOURCE_FOLDERS = ("content", "playbooks", "site_templates")


class _ProjectFolderHandler(events.FileSystemEventHandler):
    def __init__(self, server, root: Path) -> None:
        super().__init__()
        self.server, self.root = server, root
        self.lock = threading.Lock()

    def on_any_event(self, event: events.FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
        touched = [str(self.root / name) for name in SOURCE_FOLDERS if str(self.root / name) in paths]
        for folder in touched:
            self.rearm(folder)
        if touched:
            _request_rebuild(self.server)

    def rearm(self, folder: str) -> None:
        """Drop the folder's old watch (its inotify watch died with the folder) and watch what is there now."""
        with self.lock:
            if folder in self.server._watched_paths:
                self.server.unwatch(folder)
            if os.path.isdir(folder):
                self.server.watch(folder)


def _request_rebuild(server) -> None:
    """What MkDocs' own watch callback does (LiveReloadServer.watch); it has no public method."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def watch_project(server, root: Path) -> None:
    """Watch the source folders that exist, and the project folder for those that come and go."""
    for name in SOURCE_FOLDERS:
        if (root / name).is_dir():
            server.watch(str(root / name))
    server.observer.schedule(_ProjectFolderHandler(server, root), str(root), recursive=False)
