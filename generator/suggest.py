""" "Did you mean" suggestions for misspelt ids, field names and enum values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    candidates = list(candidates)  # read twice below: a one-shot iterator would be empty the second time
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not matches and word.lower() != word:
        matches = difflib.get_close_matches(word.lower(), candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a candidate is close, else ''."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""
