"""Helpers the exercises use to call a learner's WSGI or ASGI app without a server.

PMT packs this folder and makes it importable in the learner's browser (mkdocs.yml,
`python_libs`); the test suite imports the same files. Standard library only, and nothing
the browser cannot run: no sockets, no threads, no event loop of its own (packages.py
installs third-party packages with micropip there).
"""
