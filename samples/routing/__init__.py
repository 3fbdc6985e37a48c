"""Samples of the chapter "Routing and request handling" (docs/routing/index.md)."""
