"""FastAPI: a dependency that authenticates a bearer token, checks OAuth2 scopes, and an ownership check."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes


@dataclass(frozen=True)
class User:
    name: str
    scopes: frozenset[str]


# Stands for the real check: a JWT verified with a fixed algorithm and key, or an opaque token looked up.
TOKENS = {
    "tok-ada": User("ada", frozenset({"notes:read", "notes:write"})),
    "tok-grace": User("grace", frozenset({"notes:read"})),
}
NOTES = {1: {"owner": "ada", "text": "buy milk"}, 2: {"owner": "grace", "text": "call Bob"}}

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="token", scopes={"notes:read": "Read your notes.", "notes:write": "Change your notes."}
)
app = FastAPI()


def current_user(security_scopes: SecurityScopes, token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    """No Authorization header: OAuth2PasswordBearer already answered 401. Here: is the token good, are the scopes?"""
    challenge = f'Bearer scope="{security_scopes.scope_str}"' if security_scopes.scopes else "Bearer"
    user = TOKENS.get(token)
    if user is None:  # 401: who are you? The header tells the client how to authenticate.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers={"WWW-Authenticate": challenge})
    missing = set(security_scopes.scopes) - user.scopes
    if missing:  # 403: we know who you are, and you may not do this
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "not enough permissions", headers={"WWW-Authenticate": challenge}
        )
    return user


def owned_note(note_id: int, user: User) -> dict:
    note = NOTES.get(note_id)
    if note is None or note["owner"] != user.name:  # someone else's note looks like no note at all
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such note")
    return note


@app.get("/notes/{note_id}")
def read_note(note_id: int, user: Annotated[User, Security(current_user, scopes=["notes:read"])]):
    return {"id": note_id, "text": owned_note(note_id, user)["text"]}


@app.put("/notes/{note_id}")
def write_note(note_id: int, text: str, user: Annotated[User, Security(current_user, scopes=["notes:write"])]):
    owned_note(note_id, user)["text"] = text
    return {"id": note_id, "text": text}
