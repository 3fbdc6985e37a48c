"""A signup body described once, with pydantic 2: what the Flask and FastAPI samples validate against.

Every rule is an allow-list: a type, a length, a pattern, a fixed set of values. Fields the model does
not declare are refused (extra="forbid"), and pydantic reports every failing field, not the first one.
"""

import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError


def nfkc(value):
    """Fold look-alike forms first ("Ａｄａ" is "Ada"), so that the checks below see what is stored."""
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


Username = Annotated[
    str,
    BeforeValidator(nfkc),  # runs before the constraints: the length is measured on the normalised text
    StringConstraints(to_lower=True, min_length=3, max_length=30, pattern=r"^[a-z0-9_]+$"),
]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"),
]


class Signup(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # strict: "30" is not an int, True is not a str

    username: Username
    email: Email
    age: Annotated[int, Field(ge=13, le=130)]
    plan: Literal["free", "pro"] = "free"


def validate_signup(payload):
    """Return (clean data, None) or (None, a list of errors), one per failing field, in a JSON-able form."""
    try:
        return Signup.model_validate(payload).model_dump(), None
    except ValidationError as error:
        return None, error.errors(include_url=False, include_context=False, include_input=False)
