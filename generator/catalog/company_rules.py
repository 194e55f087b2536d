"""Rules over company.yml that no field type can express: the glossary reads each term one way,
and the brand colours stay readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.diagnostics import Diagnostic, warning
from generator.model.kinds import Company

Locate = Callable[[tuple], tuple[str, int, int]]

# WCAG 2 asks 4.5:1 for body text; the brand colour carries white header text and, on white, links.
MIN_CONTRAST = 4.5


def company_rules(company: Company | None, at: Locate) -> Iterator[Diagnostic]:
    if company is None:
        return
    yield from _glossary_repeats(company, at)
    yield from _unreadable_colours(company, at)


def _glossary_repeats(company: Company, at: Locate) -> Iterator[Diagnostic]:
    """W330: a word given twice (as a term or a synonym) gets one meaning on the pages and the
    other silently dropped, and search merges the two entries' words."""
    first: dict[str, tuple[int, str, tuple]] = {}
    for index, entry in enumerate(company.glossary):
        words = [(("term",), entry.term)] + [(("synonyms", n), s) for n, s in enumerate(entry.synonyms)]
        for where, word in words:
            loc = ("glossary", index, *where)
            earlier, written, earlier_loc = first.setdefault(word.casefold(), (index, word, loc))
            if earlier == index:
                continue  # the first time, or a synonym repeating its own entry's term: no conflict
            yield warning(
                *at(loc),
                "W330",
                f"'{word}' is already in glossary entry {earlier + 1} ('{written}', line {at(earlier_loc)[1]}): "
                "a word can mean one thing; merge the two entries or remove it from one of them",
            )


def _unreadable_colours(company: Company, at: Locate) -> Iterator[Diagnostic]:
    """W331: white header text on the colour, and links in the colour on white, need contrast."""
    for field in ("brand_color", "accent_color"):
        colour = getattr(company, field)
        if colour is None:
            continue
        ratio = contrast_with_white(colour)
        if ratio < MIN_CONTRAST:
            yield warning(
                *at((field,)),
                "W331",
                f"{field} {colour} is too light to read: white text on it (and links in it on white) has "
                f"a contrast of {ratio:.1f}:1, below {MIN_CONTRAST}:1; choose a darker shade",
            )


def contrast_with_white(colour: str) -> float:
    """The WCAG 2 contrast ratio between #rrggbb and white."""
    return 1.05 / (_luminance(colour) + 0.05)


def _luminance(colour: str) -> float:
    def linear(channel: str) -> float:
        value = int(channel, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
