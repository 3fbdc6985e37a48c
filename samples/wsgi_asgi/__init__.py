"""Samples of the chapter "How a request travels: WSGI and ASGI" (docs/wsgi-asgi/index.md)."""
