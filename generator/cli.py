"""The `playbook` command line: thin click commands, each calling one function."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from .check import check_project
from .diagnostics import REPORTERS, has_errors, report_text
from .site import Options

PROJECT_DIR = click.argument(
    "project_dir", required=False, default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


class PlaybookGroup(click.Group):
    """Keeps user errors (exit 1) apart from bugs (exit 3, short message, no traceback unless --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
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


@click.group(cls=PlaybookGroup)
@click.option("--debug", is_flag=True, help="Show a full traceback when the generator itself fails.")
@click.version_option(package_name="playbook-generator")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Validate a customer-value playbook and publish it as a site for sellers."""
    ctx.obj = {"debug": debug}


@main.command()
@PROJECT_DIR
@click.option("--strict", is_flag=True, help="Treat warnings (stale entities, gaps) as errors.")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
def check(project_dir: Path, strict: bool, fmt: str) -> None:
    """Check every file of the playbook and report every problem at once."""
    result = check_project(project_dir, strict=strict)
    out = REPORTERS[fmt](result.diagnostics)
    if out:
        click.echo(out, nl=False)
    if fmt == "text":
        errors = sum(d.severity == "error" for d in result.diagnostics)
        warnings = len(result.diagnostics) - errors
        click.echo(f"{_count(result.catalog)}: {errors} error(s), {warnings} warning(s)", err=True)
    sys.exit(1 if has_errors(result.diagnostics) else 0)


def _count(catalog) -> str:
    files = len(catalog.singles) + sum(len(v) for v in catalog.entities.values())
    return f"checked {files} valid file(s)"


@main.command()
@PROJECT_DIR
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to publish the site (default: site/ in the project).")
@click.option("--audience", type=click.Choice(["internal", "partner", "public"]), default="internal", show_default=True,
              help="Which edition to build: partner and public leave out everything internal.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors and fail on broken links.")
@click.option("--drafts", is_flag=True, help="Include entities marked draft: true.")
def build(project_dir: Path, site_dir: Path | None, audience: str, strict: bool, drafts: bool) -> None:
    """Check the playbook, then build the site; the old site stays until the new one is complete."""
    from .engine import EngineError, build as engine_build
    from .publish import SiteDirRefused, build_atomically

    root = project_dir.resolve()
    result = check_project(root, strict=strict)
    click.echo(report_text(result.diagnostics), nl=False, err=True)
    if has_errors(result.diagnostics):
        click.echo("build stopped: fix the errors above first", err=True)
        sys.exit(1)
    target = site_dir if site_dir is not None else root / "site"
    options = Options(audience=audience, drafts=drafts, strict=strict)
    try:
        build_atomically(target, lambda tmp: engine_build(root, tmp, options, result, strict_links=strict))
    except (SiteDirRefused, EngineError) as exc:
        click.echo(f"build failed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"built the {audience} edition into {target}", err=True)


@main.command()
@PROJECT_DIR
@click.option("--dev-addr", metavar="IP:PORT", default=None, help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--audience", type=click.Choice(["internal", "partner", "public"]), default="internal", show_default=True)
@click.option("--drafts", is_flag=True, help="Include entities marked draft: true.")
def serve(project_dir: Path, dev_addr: str | None, audience: str, drafts: bool) -> None:
    """Serve the site locally and rebuild it on every change under content/, playbooks/ and site_templates/."""
    from .engine import EngineError, serve as engine_serve

    try:
        engine_serve(project_dir.resolve(), Options(audience=audience, drafts=drafts), dev_addr)
    except EngineError as exc:
        click.echo(f"serve failed: {exc}", err=True)
        sys.exit(1)
