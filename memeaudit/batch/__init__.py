"""Batch runs for moderators: many inputs -> one report each, an index, a summary and an audit
record; resumable, atomic, and the same per-image function on any executor."""
