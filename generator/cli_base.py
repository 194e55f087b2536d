"""What every `playbook` command shares: the project argument and its check, the edition
options, and the exit statuses (1 user error, 2 usage, 3 bug, 141 closed pipe)."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

import click

from generator.model.fields import AUDIENCES


def edition_options(verb: str):
    """--audience and --drafts, as every command that writes an edition takes them."""

    def decorate(command):
        command = click.option("--drafts", is_flag=True, help="Include entities marked draft: true.")(command)
        return click.option(
            "--audience",
            type=click.Choice(AUDIENCES),
            default=None,
            help=f"Which edition to {verb}: partner and public leave out everything internal (default: the "
            "playbook plugin's audience as MkDocs loads mkdocs.yml, INHERIT and !ENV included).",
        )(command)

    return decorate


PROJECT_DIR = click.argument(
    "project_dir",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


def project_root(project_dir: Path) -> Path:
    """The project folder, resolved; a usage error (exit 2) where there is no playbook project, so
    that a command run in the wrong folder never reports "0 errors" over nothing."""
    root = project_dir.resolve()
    if not any((root / marker).exists() for marker in ("content", "playbooks", "mkdocs.yml")):
        raise click.UsageError(
            f"no content/ folder here ({root}): this is not a playbook project. "
            "Run the command in your project's folder, give that folder as an argument, "
            "or create a project with `playbook init DIR`."
        )
    return root


# Exit status when the reader of stdout went away (`playbook where persona cfo | head -1`): what a
# shell reports for any tool stopped by SIGPIPE (128 + 13), so `set -o pipefail` sees the cut.
READER_GONE = 141


def _reader_gone() -> NoReturn:
    """Stop quietly: the output was not wanted any more, which is no error of the generator."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so that Python's own flush at exit cannot fail again
    os.close(devnull)
    sys.exit(READER_GONE)


class PlaybookGroup(click.Group):
    """Keeps user errors (exit 1) apart from bugs (exit 3, short message, no traceback unless --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a closed pipe shows here, while it can still be handled
        except BrokenPipeError:
            _reader_gone()
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the one place bugs are turned into exit 3
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo(
                f"playbook: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in the generator, not in your content. Run again with --debug and report the output.",
                err=True,
            )
            sys.exit(3)
