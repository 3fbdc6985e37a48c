"""Samples of the chapter "Testing web applications" (docs/testing/index.md)."""
