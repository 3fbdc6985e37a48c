"""Flask: passwords hashed by Werkzeug, a hardened session cookie, and a login that starts a fresh session."""

import os
from datetime import timedelta

from flask import Flask, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

# Checked when the username is unknown, so that a miss costs as much time as a wrong password.
DUMMY_HASH = generate_password_hash("not a real password")


def create_app(users: dict[str, str], config: dict | None = None) -> Flask:
    """users maps each username to a hash made by generate_password_hash(), never to a password."""
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("FLASK_SECRET_KEY"),  # signs the session cookie: from the environment
        SECRET_KEY_FALLBACKS=[],  # Flask 3.1: old keys still accepted for reading, during a rotation
        SESSION_COOKIE_NAME="__Host-session",  # the browser insists on Secure, Path=/ and no Domain
        SESSION_COOKIE_SECURE=True,  # sent over HTTPS only (Flask's default is False)
        SESSION_COOKIE_HTTPONLY=True,  # out of reach of JavaScript (the default)
        SESSION_COOKIE_SAMESITE="Lax",  # not sent on cross-site POSTs (Flask's default is None)
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
    )
    app.config.update(config or {})

    @app.post("/login")
    def login():
        username = request.form.get("username", "")
        stored = users.get(username, DUMMY_HASH)
        if not check_password_hash(stored, request.form.get("password", "")) or username not in users:
            return jsonify(error="invalid username or password"), 401
        session.clear()  # nothing from before the login survives in the new session
        session["user"] = username
        session.permanent = True  # expires after PERMANENT_SESSION_LIFETIME, not when the browser closes
        return jsonify(user=username)

    @app.get("/me")
    def me():
        if "user" not in session:
            return jsonify(error="not logged in"), 401
        return jsonify(user=session["user"])

    @app.post("/logout")
    def logout():
        session.clear()  # the cookie is deleted; a copy stolen before stays valid until it expires
        return "", 204

    return app
