"""Hypothesis settings shared by the property tests. Each file runs in a few seconds. No example
database: nothing is written to the repo; a failure prints its falsifying example and a
@reproduce_failure blob instead."""

from __future__ import annotations

from hypothesis import settings

FAST = settings(max_examples=150, deadline=None, database=None, print_blob=True)
QUICK = settings(max_examples=60, deadline=None, database=None, print_blob=True)
