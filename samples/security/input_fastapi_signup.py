"""FastAPI validates the body against the model before the endpoint runs: 422 lists every error."""

from fastapi import FastAPI

from samples.security.input_signup_schema import Signup

app = FastAPI()


@app.post("/signup", status_code=201)
def signup(body: Signup):  # an undeclared field, a wrong type, a long name: the function never runs
    return body.model_dump()
