"""Samples of the chapter "Schema migrations" (docs/migrations/index.md)."""
