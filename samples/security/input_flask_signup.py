"""Flask has no validation layer: the view hands the parsed JSON to the pydantic model and answers 422."""

from flask import Flask, request

from samples.security.input_signup_schema import validate_signup


def create_app():
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024  # a signup body is small: refuse more with 413

    @app.post("/signup")
    def signup():
        payload = request.get_json(silent=True)  # None for a body that is not JSON: the model refuses it
        clean, errors = validate_signup(payload)
        if errors:
            return {"errors": errors}, 422
        return clean, 201  # only the declared fields, normalised: this dict is what gets stored

    return app
