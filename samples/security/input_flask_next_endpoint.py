"""Flask has no URL checker: accept a short name for where to go next, never a URL (OWASP's first choice)."""

from flask import Flask, redirect, request, url_for

NEXT_PAGES = {"orders": "orders", "cart": "cart", "profile": "profile"}  # what ?next= may say -> endpoint


def create_app():
    app = Flask(__name__)

    @app.get("/after-login")
    def after_login():  # your login view redirects here once the password is checked
        endpoint = NEXT_PAGES.get(request.args.get("next", ""), "orders")  # anything else: the default page
        return redirect(url_for(endpoint))  # a URL this app built: no user text reaches Location

    @app.get("/orders")
    def orders():
        return "orders"

    @app.get("/cart")
    def cart():
        return "cart"

    @app.get("/profile")
    def profile():
        return "profile"

    return app
