"""The smallest Flask application. Flask is a WSGI application, built on Werkzeug."""

from flask import Flask

app = Flask(__name__)  # `app` itself is the WSGI callable: app(environ, start_response)


@app.get("/")  # GET only: Flask answers other methods with 405 and an Allow header
def hello():
    # Flask encodes the str to UTF-8 and sets Content-Type and Content-Length for us.
    return "Hello, Flask!"
