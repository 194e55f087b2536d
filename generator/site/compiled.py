"""Templates compiled once, whichever environment or process loads them.

Every build makes new Jinja environments (ours, the Markdown twins', MkDocs' theme environment),
and compiling ~110 templates from source was half the time of building the example: about a
second of every `playbook build`, `serve` or `mcp` process. Compiled code is kept in memory for
the process and on disk for the next one, keyed by the template file, its source checksum (an
edited template is compiled again), the Jinja release and everything about the loading
environment that the compiled code depends on, so two differently configured environments never
share code.

The disk copy is Jinja's own FileSystemBytecodeCache in its default folder: one per user in the
system's temporary folder, which Jinja creates readable by that user alone and refuses to use
when anyone else owns it. It is only a cache: when it cannot be made, read or written, templates
are compiled as if it were not there.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable

import jinja2
from jinja2.bccache import Bucket


def _callable_name(value) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"


def _flavour(env: jinja2.Environment, name: str) -> str:
    """What in `env` the compiled code of template `name` depends on: the lexer's settings, the
    escaping and finalizing, the extensions, and how each filter and test is called."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    lexing = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
    )
    calling = tuple(
        (kind, key, str(getattr(func, "jinja_pass_arg", None)))  # pass_context and the like
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for key, func in sorted(table.items())
    )
    finalize = _callable_name(env.finalize) if env.finalize else None
    return repr((lexing, autoescape, finalize, env.optimized, env.is_async, sorted(env.extensions), calling))


class CompiledTemplates(jinja2.BytecodeCache):
    """A bytecode cache shared by every environment of the process, in memory, over `disk` (a
    cache shared between processes) when given."""

    def __init__(self, disk: Callable[[], jinja2.BytecodeCache | None] = lambda: None) -> None:
        # Read and written from whichever thread builds (`playbook serve` rebuilds in its own):
        # a single dict lookup or assignment needs no lock.
        self.compiled: dict[str, bytes] = {}
        self._disk = functools.cache(disk)  # made on first use: importing writes nothing

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        flavour = f"{jinja2.__version__}\0{_flavour(environment, name)}"
        key = self.get_cache_key(f"{flavour}\0{name}", filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif (disk := self._disk()) is not None:
            with contextlib.suppress(OSError):
                disk.load_bytecode(bucket)  # a stale or damaged copy leaves the bucket empty
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        if (disk := self._disk()) is not None:
            with contextlib.suppress(OSError):  # a full or read-only disk: the next process compiles
                disk.dump_bytecode(bucket)


def user_cache() -> jinja2.BytecodeCache | None:
    """Jinja's per-user cache folder, or None when it cannot be made safely."""
    try:
        return jinja2.FileSystemBytecodeCache(pattern="playbook-%s.jinja")
    except (OSError, RuntimeError):  # no temporary folder, or one another user owns
        return None


COMPILED = CompiledTemplates(user_cache)
