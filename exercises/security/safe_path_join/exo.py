# --- PYODIDE:env --- #
import os as _os
import shutil as _shutil
import tempfile as _tempfile

from course_helpers.feedback import learner_line as _learner_line, message_of as _message_of


def make_library():
    """Build a small tree in a new temporary directory and return its site root, <top>/x/files.

    <top>/x/secret.txt                 outside the root
    <top>/x/files-private/key.txt      next to the root: its name starts like the root's
    <top>/x/files/books/1.txt
    <top>/x/files/été/résumé.txt
    <top>/x/files/report..v2.txt
    <top>/x/files/out      -> <top>/x          a link to a directory outside the root
    <top>/x/files/leak.txt -> ../secret.txt    a link to a file outside the root
    <top>/x/files/shelf    -> books            a link that stays inside
    """
    top = _tempfile.mkdtemp()
    files = {
        "x/secret.txt": "outside the root",
        "x/files-private/key.txt": "next to the root",
        "x/files/books/1.txt": "book one",
        "x/files/\u00e9t\u00e9/r\u00e9sum\u00e9.txt": "summer",
        "x/files/report..v2.txt": "two dots in a name",
    }
    for name, text in files.items():
        path = _os.path.join(top, *name.split("/"))
        _os.makedirs(_os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
    root = _os.path.join(top, "x", "files")
    _os.symlink(_os.path.join(top, "x"), _os.path.join(root, "out"))
    _os.symlink(_os.path.join("..", "secret.txt"), _os.path.join(root, "leak.txt"))
    _os.symlink("books", _os.path.join(root, "shelf"))
    return root


def _attempt(root, user_path, advice):
    """What safe_join(root, user_path) returns, or None when it raises ValueError."""
    try:
        value = safe_join(root, user_path)
    except ValueError:
        return None
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"safe_join(root, {user_path!r}) raised {type(error).__name__}: {_message_of(error)}. "
            f"Hint: the line that raised it is {_learner_line(error)}. {advice}"
        ) from None
    if not isinstance(value, str):
        raise AssertionError(
            f"safe_join(root, {user_path!r}) returned {value!r}, a {type(value).__name__}. "
            f"Hint: return the absolute path as a str, or raise ValueError. {advice}"
        )
    return value


def remove_library(root):
    _shutil.rmtree(_os.path.dirname(_os.path.dirname(root)), ignore_errors=True)


# --- PYODIDE:code --- #
import os


def safe_join(root, user_path):
    return os.path.join(root, user_path)


# --- PYODIDE:corr --- #
import os


def safe_join(root, user_path):
    if "\\" in user_path or ":" in user_path:
        raise ValueError(f"{user_path!r} holds a character that is a separator on Windows")
    base = os.path.realpath(root)
    target = os.path.realpath(os.path.join(base, user_path))
    if target == base or os.path.commonpath([base, target]) != base:
        raise ValueError(f"{user_path!r} does not name a file inside the root")
    return target


# --- PYODIDE:tests --- #
_library = make_library()
try:
    _library_real = _os.path.realpath(_library)
    _got = _attempt(_library, "books/1.txt", "join the resolved root and the user's path, then resolve the result too.")
    assert _got == _os.path.join(_library_real, "books", "1.txt"), (
        f"safe_join(root, 'books/1.txt') returned {_got!r}, not the absolute path of root/books/1.txt. "
        "Hint: join the resolved root (os.path.realpath(root)) and the user's path, then resolve the result too."
    )
    _got = _attempt(_library, "../secret.txt", "raise ValueError for a path that leaves the root.")
    assert _got is None, (
        f"safe_join(root, '../secret.txt') returned {_got!r}: a visitor reads a file outside the site root. "
        "Hint: resolve the joined path with os.path.realpath and raise ValueError unless it is inside the root."
    )
finally:
    remove_library(_library)

# --- PYODIDE:secrets --- #
TRAVERSAL_PAYLOADS = [
    "../secret.txt",
    "a/../../secret.txt",
    "books/../../secret.txt",
    "..",
    "../",
    "books/../../../../../../../../etc/passwd",
    "/etc/passwd",
    "//etc/passwd",
    "/tmp",
]
PREFIX_PAYLOADS = [
    "../files-private/key.txt",
    "../files-private",
]
SYMLINK_PAYLOADS = [
    "out/secret.txt",
    "out/files-private/key.txt",
    "leak.txt",
    "out",
    "shelf/../out/secret.txt",
]
WINDOWS_PAYLOADS = [
    "..\\secret.txt",
    "books\\..\\..\\secret.txt",
    "\\\\server\\share\\secret.txt",
    "C:/Windows/win.ini",
    "C:\\Windows\\win.ini",
    "report..v2.txt::$DATA",
    "C:/../books/1.txt",
    "a\\b/../books/1.txt",
]
ROOT_PAYLOADS = [
    "",
    ".",
    "./",
    "books/..",
    "shelf/..",
]
NUL_PAYLOADS = [
    "secret.txt\x00.png",
    "books/1.txt\x00",
    "../secret.txt\x00",
]
FILTER_BYPASS_PAYLOADS = [
    "....//secret.txt",
    "....//....//secret.txt",
    "..././secret.txt",
]
ENCODED_PAYLOADS = [
    "%2e%2e%2fsecret.txt",
    "..%2fsecret.txt",
    "%2e%2e/%2e%2e/secret.txt",
    "%252e%252e%252fsecret.txt",
]


def _is_within(library_real, path):
    """Whether path, resolved, is the resolved root or under it."""
    return _os.path.isabs(path) and _os.path.commonpath([library_real, _os.path.realpath(path)]) == library_real


def _is_inside(library_real, path):
    return _is_within(library_real, path) and _os.path.realpath(path) != library_real


_WHY = {
    "TRAVERSAL": "'..' climbs out of the root, and an absolute path replaces it",
    "PREFIX": "'<root>-private' starts with the same characters as '<root>', yet it is another directory",
    "SYMLINK": "a symbolic link inside the root points outside it, and open() follows links",
    "WINDOWS": "on Windows '\\' is a separator and 'C:' a drive, so the file you return today is another one "
    "once the same files are served from Windows",
    "ROOT": "it names the root directory itself, not a file inside it",
    "NUL": "in C, and so in many tools a path goes through, a NUL byte ends the string: 'secret.txt\\x00.png' "
    "passes a check on the extension and opens 'secret.txt'",
}
_HINTS = {
    "TRAVERSAL": "resolve the joined path with os.path.realpath and raise ValueError unless it is inside the root.",
    "PREFIX": "compare whole path components: os.path.commonpath([base, target]) == base, not target.startswith(base).",
    "SYMLINK": "os.path.normpath and abspath only rewrite the text: os.path.realpath follows the links, "
    "so check the path it returns.",
    "WINDOWS": "raise ValueError for any user_path holding '\\' or ':', tested on user_path as it arrives, "
    "before joining: resolving 'C:/../books/1.txt' removes the 'C:' you were looking for.",
    "ROOT": "raise ValueError when the resolved path is the root itself.",
    "NUL": "let os.path.realpath raise its ValueError for a NUL byte: do not catch it, and do not skip realpath.",
}


def _check_refused(library, kind, payloads):
    library_real = _os.path.realpath(library)
    for payload in payloads:
        got = _attempt(library, payload, _HINTS[kind])
        if got is None:
            continue
        if "\x00" not in got and not _is_within(library_real, got):  # realpath() refuses a NUL
            raise AssertionError(
                f"{payload!r} got through: safe_join returned {got!r}, outside the root {library_real!r}. {_WHY[kind]}. "
                f"Hint: {_HINTS[kind]}"
            )
        rewritten = (
            " Rewriting the path until it looks harmless hides the attack (stripping '../' turns '....//' back "
            "into '../')."
            if kind == "TRAVERSAL"
            else ""
        )
        raise AssertionError(
            f"safe_join(root, {payload!r}) returned {got!r} instead of raising ValueError: {_WHY[kind]}.{rewritten} "
            f"Hint: {_HINTS[kind]}"
        )


def _check_returns(library, user_path, expected, why, hint):
    got = _attempt(library, user_path, hint)
    assert got == expected, (
        f"safe_join(root, {user_path!r}) "
        + ("raised ValueError" if got is None else f"returned {got!r}")
        + f", where {expected!r} was due: {why}. Hint: {hint}"
    )


_library = make_library()
try:
    _library_real = _os.path.realpath(_library)
    _check_refused(_library, "TRAVERSAL", TRAVERSAL_PAYLOADS)
    _check_refused(_library, "PREFIX", PREFIX_PAYLOADS)
    _check_refused(_library, "SYMLINK", SYMLINK_PAYLOADS)
    _check_refused(_library, "WINDOWS", WINDOWS_PAYLOADS)
    _check_refused(_library, "ROOT", ROOT_PAYLOADS)
    _check_refused(_library, "NUL", NUL_PAYLOADS)

    for _payload in FILTER_BYPASS_PAYLOADS:
        _got = _attempt(_library, _payload, "never rewrite the user's path: resolve it and check the result.")
        assert _got is None or _is_inside(_library_real, _got), (
            f"{_payload!r} got through: safe_join returned {_got!r}, outside the root. Removing '../' from "
            "'....//' leaves '../'. Hint: never rewrite the user's path: resolve it with os.path.realpath "
            "and check the result with os.path.commonpath."
        )
        _expected = _os.path.realpath(_os.path.join(_library_real, _payload))
        _check_returns(
            _library,
            _payload,
            _expected,
            "'....' and '...' are ordinary names on POSIX, inside the root",
            "only '.' and '..' are special; never rewrite the user's path, resolve it and check the result.",
        )

    _DECODED_ONCE = (
        "the framework already decoded the URL once, so '%2e' here is three characters of a file name; "
        "a second decoding is how '%252e%252e%252f' becomes '../' after your check"
    )
    for _payload in ENCODED_PAYLOADS:
        _check_returns(
            _library,
            _payload,
            _os.path.join(_library_real, *_payload.split("/")),
            _DECODED_ONCE,
            "do not call unquote() on user_path: check exactly the path you will open.",
        )

    _LEGITIMATE = [
        ("books/1.txt", "books/1.txt"),
        ("books/./1.txt", "books/1.txt"),
        ("\u00e9t\u00e9/r\u00e9sum\u00e9.txt", "\u00e9t\u00e9/r\u00e9sum\u00e9.txt"),
        ("report..v2.txt", "report..v2.txt"),
        ("..hidden", "..hidden"),
        ("uploads/new file.txt", "uploads/new file.txt"),
        ("shelf/1.txt", "books/1.txt"),
        ("books/../shelf/1.txt", "books/1.txt"),
    ]
    for _user_path, _inside in _LEGITIMATE:
        _expected = _os.path.join(_library_real, *_inside.split("/"))
        _check_returns(
            _library,
            _user_path,
            _expected,
            "that path stays inside the root, so it must be served (a link that stays inside is resolved)",
            "return os.path.realpath(os.path.join(base, user_path)) when it is inside: names with dots, "
            "non-ASCII names and files that do not exist yet are fine.",
        )

    _alias = _os.path.join(_os.path.dirname(_os.path.dirname(_library)), "site")
    _os.symlink(_library, _alias)
    for _given in (_alias, _library + _os.sep):
        _check_returns(
            _given,
            "books/1.txt",
            _os.path.join(_library_real, "books", "1.txt"),
            f"the root given as {_given!r} is the same directory",
            "resolve the root too (os.path.realpath(root)) before comparing paths with it.",
        )
finally:
    remove_library(_library)
