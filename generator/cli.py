"""The `playbook` command line: thin click commands, each calling one function."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.authoring.package import DISTRIBUTION
from generator.catalog.check import check_project
from generator.cli_base import PROJECT_DIR, PlaybookGroup, edition_options, project_root
from generator.diagnostics import REPORTERS, has_errors, report_text
from generator.site.edition import Options


@click.group(cls=PlaybookGroup)
@click.option("--debug", is_flag=True, help="Show a full traceback when the generator itself fails.")
@click.version_option(package_name=DISTRIBUTION)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Validate a customer-value playbook and publish it as a site for sellers."""
    ctx.obj = {"debug": debug}


@main.command()
@PROJECT_DIR
@click.option("--strict", is_flag=True, help="Treat warnings (stale entities, gaps) as errors.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for workflow annotations, "
    "gitlab for a Code Quality report (merge-request annotations).",
)
def check(project_dir: Path, strict: bool, fmt: str) -> None:
    """Check every file of the playbook and report every problem at once."""
    result = check_project(project_root(project_dir), strict=strict)
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
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to publish the site (default: site/ in the project).",
)
@edition_options("build")
@click.option("--strict", is_flag=True, help="Treat warnings as errors and fail on broken links.")
@click.option("--offline", is_flag=True, help="Build a site that works opened from disk (file://), search included.")
@click.option(
    "--zip",
    "zip_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also pack the site into this zip file for sellers without connectivity (implies --offline).",
)
def build(
    project_dir: Path,
    site_dir: Path | None,
    audience: str,
    strict: bool,
    drafts: bool,
    offline: bool = False,
    zip_file: Path | None = None,
) -> None:
    """Check the playbook, then build the site; the old site stays until the new one is complete."""
    from generator.adapters.mkdocs.engine import EngineError
    from generator.adapters.mkdocs.engine import build as engine_build
    from generator.site.publish import CannotWrite, SiteDirRefused, build_atomically

    root = project_root(project_dir)
    target = site_dir if site_dir is not None else root / "site"
    _check_outputs(root, target, zip_file)
    result = check_project(root, strict=strict)
    click.echo(report_text(result.diagnostics), nl=False, err=True)
    if has_errors(result.diagnostics):
        click.echo("build stopped: fix the errors above first", err=True)
        sys.exit(1)
    offline = offline or zip_file is not None
    options = Options(drafts=drafts, strict=strict, offline=offline)
    try:
        built = build_atomically(
            target, lambda tmp: engine_build(root, tmp, options, result, audience=audience, strict_links=strict)
        )
    except (CannotWrite, SiteDirRefused) as exc:
        raise click.BadParameter(str(exc), param_hint="--site-dir") from None
    except EngineError as exc:
        click.echo(f"build failed: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # a file the build reads (a template, an attachment) is unreadable
        click.echo(f"build failed: cannot read {exc.filename or 'a file'}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"built the {built} edition{' for offline use' if offline else ''} into {target}", err=True)
    if zip_file is not None:
        _pack(target, zip_file)


def _check_outputs(root: Path, target: Path, zip_file: Path | None) -> None:
    """Refuse, before any work, a site folder or zip file that must not or cannot be written."""
    from generator.site.archive import ZipRefused, check_zip_target
    from generator.site.publish import SiteDirRefused, check_location, check_target, unwritable

    try:
        check_location(target, root)
        check_target(target.absolute())
    except SiteDirRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--site-dir") from None
    problem = unwritable(target.absolute().parent)
    if problem:
        raise click.BadParameter(f"cannot write the site to {target}: {problem}", param_hint="--site-dir")
    if zip_file is not None:
        try:
            check_zip_target(zip_file, target, root)
        except ZipRefused as exc:
            raise click.BadParameter(str(exc), param_hint="--zip") from None


def _pack(site: Path, zip_file: Path) -> None:
    from generator.site.archive import ZipRefused, zip_site

    try:
        packed = zip_site(site, zip_file)
    except ZipRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--zip") from None
    click.echo(f"packed it into {packed} ({packed.stat().st_size:,} bytes): unzip and open index.html", err=True)


@main.command()
@PROJECT_DIR
@click.option("--dev-addr", metavar="IP:PORT", default=None, help="Address to serve on (default 127.0.0.1:8000).")
@edition_options("serve")
def serve(project_dir: Path, dev_addr: str | None, audience: str, drafts: bool) -> None:
    """Serve the site locally and rebuild it on every change under content/, playbooks/ and site_templates/."""
    from generator.adapters.mkdocs.engine import EngineError, PortInUse
    from generator.adapters.mkdocs.engine import serve as engine_serve

    root = project_root(project_dir)
    try:
        engine_serve(root, Options(drafts=drafts), dev_addr, audience=audience)
    except PortInUse as exc:
        raise click.UsageError(str(exc)) from None
    except EngineError as exc:
        click.echo(f"serve failed: {exc}", err=True)
        sys.exit(1)


# --- the authoring loop: init, new, schema, coverage, export ---------------------------------------


@main.command()
@click.argument("directory", type=click.Path(file_okay=True, path_type=Path))
@click.option(
    "--generator",
    "generator_spec",
    metavar="SPEC",
    default=None,
    help="What the project's CI and pre-commit install, as pip understands it: a git URL, a path, "
    "or a name and version on your own index (default: this version of the generator from PyPI).",
)
def init(directory: Path, generator_spec: str | None) -> None:
    """Create a new playbook project in DIRECTORY (new or empty): one example of every kind,
    site settings, CI for GitHub and GitLab, editor schemas and a README for marketing."""
    from generator.authoring.scaffold import ScaffoldError, UsageProblem, init_project

    try:
        written = init_project(directory, generator_spec)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    except ScaffoldError as exc:
        click.echo(f"init refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"created a playbook project with {len(written)} files in {directory}", err=True)
    click.echo(f"next: cd {directory} && playbook check && playbook serve   (then read README.md)", err=True)


@main.command()
@click.argument("kind")
@click.argument("id")
@PROJECT_DIR
@click.option("--name", default=None, help="Display name (default: made from the id).")
def new(kind: str, id: str, project_dir: Path, name: str | None) -> None:
    """Add a new entity file: KIND is segment, persona, value-proposition, product, asset,
    competitor, insight or playbook; ID becomes the file name. Optional fields are listed as comments."""
    from generator.authoring.scaffold import ScaffoldError, UsageProblem, new_entity

    root = project_dir.resolve()
    try:
        path = new_entity(root, kind, id, name)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    except ScaffoldError as exc:
        click.echo(f"new refused: {exc}", err=True)
        sys.exit(1)
    click.echo(path.relative_to(root).as_posix())


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the <kind>.schema.json files into (default: schemas, in the project with --project).",
)
@click.option(
    "--project",
    is_flag=True,
    help="List the project's ids in its reference fields (persona, segment, asset, ...), so that the "
    "editor completes them and underlines a misspelt one; only changed files are written.",
)
@click.argument("project_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def schema(out_dir: Path | None, project: bool, project_dir: Path | None) -> None:
    """Write one JSON Schema (draft 2020-12) per kind, for editor completion and other validators."""
    from generator.authoring.schema import SCHEMA_DIR, write_project_schemas, write_schemas

    if not project:
        if project_dir is not None:
            raise click.UsageError("a project folder is only read with --project")
        for path in write_schemas(out_dir or Path(SCHEMA_DIR)):
            click.echo(path.as_posix())
        return
    root = project_root(project_dir or Path("."))
    target = out_dir or root / SCHEMA_DIR
    for path in write_project_schemas(check_project(root), target):
        click.echo(path.as_posix())
    click.echo(f"the schemas in {target} list this project's ids", err=True)


@main.command()
@PROJECT_DIR
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for pull requests and CI summaries.",
)
@click.option("--drafts/--no-drafts", default=True, show_default=True, help="Count entities marked draft: true.")
@click.option(
    "--owner",
    metavar="NAME",
    default=None,
    help="Only this owner's to-dos: a name, an e-mail address or the whole `owner` text ('unowned': nobody's).",
)
def coverage(project_dir: Path, fmt: str, drafts: bool, owner: str | None) -> None:
    """Report gaps as a to-do list by owner, each with the file and field to edit: committee seats
    without a value proposition, personas without objections or questions, stages without assets,
    unproven value propositions, stale and ownerless entities."""
    from generator.catalog.audience import for_audience
    from generator.catalog.check import today
    from generator.catalog.coverage import REPORTERS as COVERAGE_REPORTERS
    from generator.catalog.coverage import analyse
    from generator.catalog.todo import UnknownOwner, matching_owners

    result = check_project(project_root(project_dir))
    errors = has_errors(result.diagnostics)
    if errors:
        click.echo("the playbook has errors (run `playbook check`): this report covers only the valid files", err=True)
    catalog = for_audience(result.catalog, "internal", drafts=drafts)
    report = analyse(catalog, today(), result.sources)
    try:
        owners = None if owner is None else matching_owners(owner, report.known_owners())
    except UnknownOwner as exc:
        raise click.BadParameter(str(exc), param_hint="--owner") from None
    click.echo(COVERAGE_REPORTERS[fmt](report, owners), nl=False)
    sys.exit(1 if errors else 0)


@main.command()
@PROJECT_DIR
@edition_options("export")
@click.option(
    "--base-url",
    default=None,
    metavar="URL",
    help="Prefix for page URLs (default: site_url from mkdocs.yml, else URLs relative to the site root).",
)
def export(project_dir: Path, audience: str, drafts: bool, base_url: str | None) -> None:
    """Print the whole resolved playbook as JSON (the shape is documented in the README)."""
    from generator.authoring.export import SettingsError, dumps, site_settings
    from generator.authoring.export import export as export_document
    from generator.catalog.audience import for_audience

    root = project_root(project_dir)
    try:
        settings = site_settings(root)
    except SettingsError as exc:
        click.echo(f"export failed: {exc}", err=True)
        sys.exit(1)
    audience = audience or settings.audience
    result = check_project(root)
    if has_errors(result.diagnostics):
        click.echo(report_text(result.diagnostics), nl=False, err=True)
        click.echo("export stopped: fix the errors above first", err=True)
        sys.exit(1)
    catalog = for_audience(result.catalog, audience, drafts=drafts)
    document = export_document(
        catalog,
        audience=audience,
        drafts=drafts,
        base_url=settings.site_url if base_url is None else base_url,
        directory_urls=settings.directory_urls,
    )
    click.echo(dumps(document), nl=False)


@main.command()
@PROJECT_DIR
@edition_options("serve to AI assistants")
def mcp(project_dir: Path, audience: str, drafts: bool) -> None:
    """Serve the playbook to AI assistants (Claude, VS Code, ChatGPT) as a local MCP server over
    stdio: tools search, fetch, brief and objection, one resource per entity, a meeting prompt."""
    from generator.adapters.mcp.server import run
    from generator.authoring.export import SettingsError

    root = project_root(project_dir)
    try:
        settings = mcp_settings(root, audience, drafts)
    except SettingsError as exc:
        click.echo(f"mcp failed: {exc}", err=True)
        sys.exit(1)
    click.echo(f"playbook mcp: serving the {settings.audience} edition of {root} over stdio", err=True)
    run(root, settings)


def mcp_settings(root: Path, audience: str = "", drafts: bool = False):
    """What `playbook mcp` serves: `audience`, else the edition as MkDocs itself reads mkdocs.yml
    (INHERIT, !ENV), never a guess; page URLs as the site has them. SettingsError when mkdocs.yml
    cannot be loaded."""
    from generator.adapters.mcp.snapshot import Settings
    from generator.authoring.export import site_settings

    configured = site_settings(root)
    return Settings(
        audience=audience or configured.audience,
        drafts=drafts,
        base_url=configured.site_url,
        directory_urls=configured.directory_urls,
    )


# --- ids across files: where, rename ----------------------------------------------------------


@main.command()
@click.argument("kind")
@click.argument("id")
@PROJECT_DIR
def where(kind: str, id: str, project_dir: Path) -> None:
    """List every place that refers to an id, as file:line:column and the field (KIND is segment,
    persona, value-proposition, product, asset, competitor, insight, playbook, stage or role)."""
    from generator.authoring.references import definition, references
    from generator.authoring.rename import reference_kind
    from generator.authoring.scaffold import UsageProblem

    root = project_root(project_dir)
    try:
        kind = reference_kind(kind)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    result = check_project(root)
    home = definition(result, kind, id)
    if home is None:
        click.echo(f"there is no {kind.rstrip('s')} '{id}' in this playbook", err=True)
        sys.exit(1)
    click.echo(f"{home.file}:{home.line}:{home.column}: defined here")
    places = references(result, kind, id)
    for place in places:
        click.echo(str(place))
    click.echo(f"{len(places)} reference(s)", err=True)


@main.command()
@click.argument("kind")
@click.argument("old")
@click.argument("new")
@PROJECT_DIR
def rename(kind: str, old: str, new: str, project_dir: Path) -> None:
    """Give an entity a new id: rename its file and rewrite every reference to it (lists, committee
    seats, [text](kind:id) links), leaving comments, formatting and display text as they are; then check."""
    from generator.authoring.rename import RenameRefused
    from generator.authoring.rename import rename as rename_id
    from generator.authoring.scaffold import UsageProblem

    root = project_root(project_dir)
    try:
        done = rename_id(check_project(root), kind, old, new)
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None
    except RenameRefused as exc:
        click.echo(f"rename refused: {exc}", err=True)
        sys.exit(1)
    if done.moved:
        click.echo(f"renamed {done.moved[0]} -> {done.moved[1]}", err=True)
    click.echo(f"rewrote {len(done.places)} reference(s) in {len({p.file for p in done.places})} file(s)", err=True)
    result = check_project(root)
    click.echo(report_text(result.diagnostics), nl=False)
    sys.exit(1 if has_errors(result.diagnostics) else 0)
