"""Jinja2 escapes only when autoescaping is on: on in Flask's templates, off in a bare Environment."""

from flask import Flask, render_template_string, request
from jinja2 import Environment, select_autoescape
from markupsafe import Markup

app = Flask(__name__)


@app.get("/hello")
def hello():
    # Flask turns autoescaping on for templates given as strings and for files ending in
    # .html, .htm, .xml, .xhtml and .svg; a .txt or .js template is rendered as is.
    return render_template_string("<p>Hello {{ name }}!</p>", name=request.args.get("name", ""))


@app.get("/badge")
def badge():
    return render_template_string("{{ badge }} joined.", badge=bold(request.args.get("name", "")))


bare = Environment()  # VULNERABLE for HTML: autoescape defaults to False
safe = Environment(autoescape=select_autoescape())  # on for .html/.htm/.xml names and for from_string()


def bold_unsafe(name):
    return Markup(f"<b>{name}</b>")  # VULNERABLE: the f-string runs first, Markup then trusts all of it


def bold(name):
    return Markup("<b>{}</b>").format(name)  # Markup's format() escapes its arguments
