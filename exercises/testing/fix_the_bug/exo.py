# --- PYODIDE:env --- #
import random as _random


def _parsed(parse_duration, text):
    """parse_duration(text) for the checks: the int it returns, or ValueError when it raises one.
    Anything else it does becomes a failed check with a hint."""
    try:
        value = parse_duration(text)
    except ValueError:
        return ValueError
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise AssertionError(
            f"parse_duration({text!r}) raised {type(error).__name__}: {error}. "
            "Hint: raise ValueError, and only ValueError, for a text that is not a duration."
        ) from None
    if type(value) is not int:
        raise AssertionError(
            f"parse_duration({text!r}) returned {value!r}, a {type(value).__name__}; an int was due. "
            "Hint: return the total number of seconds, an int, on every path of the function."
        )
    return value


def _shown(result):
    return "ValueError" if result is ValueError else repr(result)


# --- PYODIDE:code --- #
import re

UNITS = {"h": 3600, "m": 60, "s": 1}
PART = re.compile(r"([0-9]+)([hms])")


def parse_duration(text):
    """The number of seconds in a duration written like "1h30m", "45s" or "2h5s"."""
    parts = PART.findall(text)
    units = [unit for _, unit in parts]
    if not parts or units != [unit for unit in UNITS if unit in units]:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in parts)


# --- PYODIDE:corr --- #
import re

UNITS = {"h": 3600, "m": 60, "s": 1}
PART = re.compile(r"([0-9]+)([hms])")


def parse_duration(text):
    """The number of seconds in a duration written like "1h30m", "45s" or "2h5s"."""
    parts = PART.findall(text)
    units = [unit for _, unit in parts]
    whole = "".join(number + unit for number, unit in parts)  # findall skips what it cannot match
    if not parts or whole != text or units != [unit for unit in UNITS if unit in units]:
        raise ValueError(f"not a duration: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in parts)


# --- PYODIDE:tests --- #
# The two tests of the statement.
_result = _parsed(parse_duration, "1h30m")
assert _result == 5400, (
    f'parse_duration("1h30m") should be 5400, got {_shown(_result)}. '
    "Hint: fix the bug without changing what the function does with a valid duration."
)
_result = _parsed(parse_duration, "1.5h")
assert _result is ValueError, (
    f'parse_duration("1.5h") should raise ValueError, got {_shown(_result)}. '
    'Hint: print PART.findall("1.5h") to see why it is accepted, then fix the rule the function '
    "breaks, for every text, not for this input only."
)

# --- PYODIDE:secrets --- #
_rng = _random.Random(2025)
_SECONDS = {"h": 3600, "m": 60, "s": 1}


def _a_duration():
    """A valid duration and its number of seconds: 1 to 3 units in order, numbers with any number of digits."""
    units = [unit for unit in "hms" if _rng.random() < 0.5] or [_rng.choice("hms")]
    text, total = "", 0
    for unit in units:
        number = _rng.choice([0, 1, 2, 5, 9, 10, 30, 59, 60, 61, 90, 99, 120, 3600, 86400])
        text += _rng.choice(["", "", "", "0", "00"]) + str(number) + unit
        total += number * _SECONDS[unit]
    return text, total


_DURATIONS = [("0s", 0), ("90m", 5400), ("007s", 7), ("100h", 360000), ("1h0m0s", 3600), ("2h5s", 7205)]
_DURATIONS += [_a_duration() for _ in range(80)]
for _text, _total in _DURATIONS:
    _result = _parsed(parse_duration, _text)
    assert _result == _total, (
        f"parse_duration({_text!r}) should be {_total}, got {_shown(_result)}. Hint: a valid duration is one "
        "or more parts, each a number (any number of digits, 0 and leading zeros included) and a unit, "
        "h, m or s, in that order; the seconds of all the parts are added."
    )

_result = _parsed(parse_duration, "")
assert _result is ValueError, (
    f'parse_duration("") should raise ValueError, got {_shown(_result)}. '
    "Hint: the empty text has no part at all: it is not a duration of 0 seconds."
)

for _bad in (" ", ".", ",", "-", "+", "!", "_", "x", "d", "H", "/", "\t", ":"):
    for _text, _ in _rng.sample(_DURATIONS, 12):
        _where = _rng.randrange(len(_text) + 1)
        for _wrong in (_bad + _text, _text[:_where] + _bad + _text[_where:], _text + _bad):
            _result = _parsed(parse_duration, _wrong)
            assert _result is ValueError, (
                f"parse_duration({_wrong!r}) should raise ValueError, got {_shown(_result)}. Hint: every "
                f"character must belong to a part, {_bad!r} included: the fix must hold for any character "
                "anywhere in the text, not for the input of the failing test only."
            )
for _wrong in ("h", "m30s", "90", "1h30", "1hm", "1h30m5"):
    _result = _parsed(parse_duration, _wrong)
    assert _result is ValueError, (
        f"parse_duration({_wrong!r}) should raise ValueError, got {_shown(_result)}. "
        "Hint: each part is digits followed by its unit: a unit alone, or digits alone, is not a part."
    )

for _text, _ in _DURATIONS[:20]:
    _result = _parsed(parse_duration, _text + "\n")
    assert _result is ValueError, (
        f"parse_duration({_text + chr(10)!r}) should raise ValueError, got {_shown(_result)}. "
        "Hint: in a regular expression, $ also matches just before a final newline; "
        "re.fullmatch (or \\Z) matches the whole text only."
    )

for _wrong in ("٣h", "1h٣٠m", "１h", "2m２s", "¹s"):
    _result = _parsed(parse_duration, _wrong)
    assert _result is ValueError, (
        f"parse_duration({_wrong!r}) should raise ValueError, got {_shown(_result)}. "
        "Hint: numbers are written with the digits 0-9 only; \\d also matches the digits of other "
        "scripts, and int() accepts them: write [0-9]."
    )

for _first, _second in (("h", "m"), ("h", "s"), ("m", "s")):
    for _wrong in (f"5{_second}1{_first}", f"1{_first}2{_first}", f"1h2{_second}3{_second}", f"3{_first}4m5s6{_first}"):
        _result = _parsed(parse_duration, _wrong)
        assert _result is ValueError, (
            f"parse_duration({_wrong!r}) should raise ValueError, got {_shown(_result)}. "
            "Hint: the units come in the order h, m, s, each one once at most: keep that rule while you fix the bug."
        )
