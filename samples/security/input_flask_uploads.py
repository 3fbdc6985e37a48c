"""Flask uploads: a size limit, a type checked on the content, a generated name outside the web root,
and files sent back as downloads, never as pages."""

import os
import uuid

from flask import Flask, abort, request, send_file
from werkzeug.security import safe_join
from werkzeug.utils import secure_filename

# The first bytes of each type we accept: the extension and the Content-Type are the client's to choose.
SIGNATURES = {b"\x89PNG\r\n\x1a\n": ".png", b"%PDF-": ".pdf"}


def sniff(head):
    return next((ext for signature, ext in SIGNATURES.items() if head.startswith(signature)), None)


def create_app(upload_dir):
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024  # the whole request body: reading more raises a 413
    app.config["UPLOAD_DIR"] = os.fspath(upload_dir)  # not under static/: nothing there is served as it is

    @app.post("/uploads")
    def upload():
        file = request.files.get("file")
        if file is None:
            abort(400)
        extension = sniff(file.stream.read(8))
        file.stream.seek(0)
        if extension is None:
            return {"error": "PNG or PDF only"}, 415
        name = uuid.uuid4().hex + extension  # our name: no path, no overwrite, no ".php", no "CON"
        file.save(os.path.join(app.config["UPLOAD_DIR"], name))
        # The client's name is kept only to show it (a real app stores it in the database, with the id).
        return {"id": name, "filename": secure_filename(file.filename or "")}, 201

    @app.get("/uploads/<name>")
    def download(name):
        path = safe_join(app.config["UPLOAD_DIR"], name)  # None if name climbs out of the directory
        if path is None or not os.path.isfile(path):
            abort(404)
        response = send_file(path, as_attachment=True)  # Content-Disposition: attachment: a download, not a page
        response.headers["X-Content-Type-Options"] = "nosniff"  # the browser must not guess another type
        return response

    return app
