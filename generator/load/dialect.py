"""The YAML dialect of content files: libyaml's safe loader, its tags, and its parser events.

Everything that reads YAML syntax (composing, the depth pre-check, syntax-error hints) goes
through FastSafeLoader, so they all agree on what a file means.
"""

from __future__ import annotations

import yaml
from yaml.nodes import ScalarNode, SequenceNode

_BaseLoader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

TAG = "tag:yaml.org,2002:"
STR = TAG + "str"
SEQ = TAG + "seq"
MAP = TAG + "map"
# Tags of plain data (the only ones honoured besides the three above).
INT = TAG + "int"
FLOAT = TAG + "float"
BOOL = TAG + "bool"
NULL = TAG + "null"
TIMESTAMP = TAG + "timestamp"
MERGE = TAG + "merge"
VALUE = TAG + "value"  # PyYAML resolves a plain '=' to this; we read it as text

# PyYAML's implicit resolvers (YAML 1.1 int, float, bool, null, timestamp, merge, value) by first
# character, as the safe loader uses them; snapshot at import, so later registrations elsewhere
# cannot change what a content file means.
_WILDCARD = tuple(yaml.resolver.Resolver.yaml_implicit_resolvers.get(None, ()))
_IMPLICIT = {
    first: tuple(resolvers) + _WILDCARD
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
    if first is not None
}


class FastSafeLoader(_BaseLoader):  # type: ignore[misc,valid-type]  # libyaml's loader when present
    """The safe loader with the same tag resolution done in fewer Python steps.

    `resolve` runs for every node the composer makes; PyYAML's version also supports path
    resolvers and wildcard implicit resolvers, which the safe loader never registers. Skipping
    them makes composing ~15% faster; tests check the tags agree with PyYAML's own.
    """

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return plain_tag(value) if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


def plain_tag(text: str) -> str:
    """The tag a content file gives `text` written as a plain (unquoted) scalar; STR if none."""
    for tag, regexp in _IMPLICIT.get(text[:1], _WILDCARD):
        if regexp.match(text):
            return tag
    return STR


# libyaml's own nesting limit (the copy bundled with PyYAML 6.0.4 and later): its scanner refuses
# about 1,000 levels while reading ahead, before the parser hands over the events that pass ours.
NESTING_REFUSED = "exceeded maximum nesting depth"


def parser_events(text: str):
    """The parser events of `text`, in a flat pass (no recursion), up to its first syntax error;
    the error itself is left to yaml.compose to report."""
    try:
        yield from raising_parser_events(text)
    except yaml.YAMLError:
        return


def raising_parser_events(text: str, loader_class: type = FastSafeLoader):
    """parser_events that raises the syntax error instead of stopping at it."""
    loader = loader_class(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()
