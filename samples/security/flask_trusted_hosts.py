"""Flask 3.1: TRUSTED_HOSTS makes Flask check the Host header before routing."""

from flask import Flask, url_for

app = Flask(__name__)
# A name that starts with a dot also accepts its subdomains. The default, None, accepts any host.
app.config["TRUSTED_HOSTS"] = ["shop.example.com", ".shop.example.com"]


@app.get("/password-reset")
def password_reset_link():
    return {"link": url_for("reset", token="k7Hq2", _external=True)}  # built from the Host header


@app.get("/reset/<token>")
def reset(token):
    return {"token": token}
