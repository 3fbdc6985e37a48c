"""Samples of the chapter "Databases and ORMs" (docs/orm/index.md)."""
