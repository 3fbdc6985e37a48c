"""An offline stand-in for the CDN and PyPI, for the browser tests.

This machine reaches no CDN. Everything PMT loads from cdn.jsdelivr.net comes from npm
packages pinned in package.json (node_modules/), and the Python wheels Pyodide or micropip
would fetch are downloaded once with pip into build/browser-mirror/. Where the exact bytes
cannot be had (jquery.terminal 2.43.1 is not on npm; Pyodide's lock wheels are its own
builds), the nearest file is served and the hash it is checked against is rewritten: here,
in the test harness, never in the site.

Three jobs, one module each: `plan` decides what the exercises need, `download` fetches it,
`serve` answers the page's requests from it (as a loopback HTTPS server that Chromium reaches
under the CDN's and PyPI's own names).

    python -m tests.support.mirror      # fill build/browser-mirror (make test does it)
"""
