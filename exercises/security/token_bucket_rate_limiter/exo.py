# --- PYODIDE:env --- #
from course_helpers.checks import call as _call, returning as _returning


class FakeClock:
    """A clock the checks move by hand: clock() is the time in seconds; advance(seconds) moves it
    (backwards too, as a system clock corrected by NTP can)."""

    def __init__(self, start=1000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


# --- PYODIDE:code --- #
import time


class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.tokens = capacity
        self.updated = time.time()

    def allow(self):
        now = time.time()
        self.tokens += int((now - self.updated) * self.refill_per_second)
        self.updated = now
        if self.tokens > 0:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        return 1 / self.refill_per_second


class LoginLimiter:
    def __init__(self, capacity, refill_per_second, clock):
        self.buckets = {}

    def allow(self, account, address): ...

    def retry_after(self, account, address): ...


# --- PYODIDE:corr --- #
import unicodedata


class TokenBucket:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.tokens = capacity  # starts full
        self.updated = clock()

    def _refill(self):
        now = self.clock()
        elapsed = max(0.0, now - self.updated)  # time going back counts as no time
        self.updated = max(self.updated, now)  # and is not counted twice when it comes forward again
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)

    def allow(self):
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self):
        self._refill()
        if self.tokens >= 1:
            return 0.0
        return (1 - self.tokens) / self.refill_per_second


def account_key(account):
    """The account as the login form looks it up: 'Alice', ' alice ' and 'ＡＬＩＣＥ' are one."""
    return unicodedata.normalize("NFKC", account).strip().casefold()


class LoginLimiter:
    def __init__(self, capacity, refill_per_second, clock):
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self.clock = clock
        self.buckets = {}

    def _bucket(self, account, address):
        key = (account_key(account), address)
        if key not in self.buckets:
            self.buckets[key] = TokenBucket(self.capacity, self.refill_per_second, self.clock)
        return self.buckets[key]

    def allow(self, account, address):
        return self._bucket(account, address).allow()

    def retry_after(self, account, address):
        return self._bucket(account, address).retry_after()


# --- PYODIDE:tests --- #
_clock = FakeClock()
_bucket = _call(TokenBucket, 3, 0.5, _clock, described_as="TokenBucket(3, 0.5, clock)")
_answers = [_returning(bool, _bucket.allow, described_as="allow()") for _ in range(4)]
assert _answers == [True, True, True, False], (
    f"A full bucket of 3 answered {_answers} to 4 requests at one instant. Hint: "
    + (
        "the last whole token still allows a request: test tokens >= 1, not > 1."
        if _answers[:2] == [True, True] and _answers[2] is False
        else "start with capacity tokens; each allowed request takes one; with none left, allow() returns False."
    )
)
_wait = _returning((int, float), _bucket.retry_after, described_as="retry_after() with the bucket empty")
# A millisecond of slack: a wall clock moves a little here under CPython, not at all in the page, and the next
# check, which needs the held clock to move, is the one that tells such an answer what went wrong, everywhere.
assert abs(_wait - 2.0) < 1e-3, (
    f"Empty, at 0.5 token per second, retry_after() gave {_wait!r}, expected 2.0. Hint: one token takes 1 / 0.5 = 2 "
    "seconds."
)
_clock.advance(2.0)
assert _returning(bool, _bucket.allow, described_as="allow() 2 s later") is True, (
    "After 2 s at 0.5 token per second, allow() still refused. Hint: add (now - last) * refill_per_second, reading "
    "the time from the clock you were given (clock()), never from time.time()."
)

_limiter = _call(LoginLimiter, 2, 1.0, _clock, described_as="LoginLimiter(2, 1.0, clock)")
_tries = [
    _returning(bool, _limiter.allow, "alice", "203.0.113.9", described_as="allow('alice', ...)") for _ in range(3)
]
assert _tries == [True, True, False], (
    f"Three attempts on 'alice' from one address at one instant gave {_tries}. Hint: one TokenBucket per key, "
    "created full the first time the key is seen."
)

# --- PYODIDE:secrets --- #
import random as _random
from fractions import Fraction as _Fraction

_EPSILON = 1e-9


def _new_bucket(capacity, rate, clock):
    return _call(
        TokenBucket,
        capacity,
        rate,
        clock,
        described_as=f"TokenBucket({capacity}, {rate}, clock)",
        advice="Keep the three arguments; read the time only through clock().",
    )


def _allow(bucket, when):
    return _returning(bool, bucket.allow, described_as=f"allow() {when}")


def _wait_of(bucket, when):
    return _returning((int, float), bucket.retry_after, described_as=f"retry_after() {when}")


# Scenario: the clock the bucket was given is the only time it may read.
_clock = FakeClock()
_bucket = _new_bucket(1, 1.0, _clock)
_allow(_bucket, "on a full bucket of 1")
_clock.advance(1.0)
assert _allow(_bucket, "1 s after taking the only token (1 token per second)"), (
    "The injected clock moved 1 s on and one token should be back, yet allow() refused. Hint: read the time with "
    "self.clock() (given to __init__), never time.time() or time.monotonic(): the checks, and a test suite, move "
    "the clock by hand."
)

# Scenario: a burst of capacity + 1 requests at one instant, on a bucket that starts full.
for _capacity in (1, 2, 5, 10):
    _clock = FakeClock()
    _bucket = _new_bucket(_capacity, 2.0, _clock)
    _answers = [_allow(_bucket, f"in a burst at one instant (capacity {_capacity})") for _ in range(_capacity + 1)]
    if _answers != [True] * _capacity + [False]:
        _first = _answers.index(False) + 1 if False in _answers else None
        _hint = (
            "a new bucket starts full: self.tokens = capacity."
            if _first == 1
            else "the last whole token still allows a request: test tokens >= 1, not > 1."
            if _first is not None and _first <= _capacity
            else "with no token left, allow() refuses and takes nothing."
        )
        raise AssertionError(
            f"A burst of {_capacity + 1} requests at one instant on a bucket of {_capacity} gave {_answers}; expected "
            f"{_capacity} allowed, then refused. Hint: {_hint}"
        )
    _wait = _wait_of(_bucket, "just after the burst")
    assert abs(_wait - 0.5) < _EPSILON, (
        f"After the burst, at 2 tokens per second, retry_after() gave {_wait!r}, not 0.5. Hint: "
        "(1 - tokens) / refill_per_second, and a refused request takes no token."
    )

# Scenario: a refused request takes nothing, not even the fraction of a token it found.
_clock = FakeClock()
_bucket = _new_bucket(1, 1.0, _clock)
_allow(_bucket, "on a full bucket of 1")
_clock.advance(0.5)
_allow(_bucket, "0.5 s later, with half a token")
_clock.advance(0.5)
assert _allow(_bucket, "another 0.5 s later"), (
    "At 1 token per second, a request refused at 0.5 s (half a token) and another at 1 s: the second was refused "
    "too. Hint: a refused request takes no token: leave the half token where it is, do not subtract then reset."
)

_clock = FakeClock()
_bucket = _new_bucket(2, 1.0, _clock)
_allow(_bucket, "on a full bucket of 2")
_allow(_bucket, "on a bucket of 2 with 1 token")
_granted = 0
for _ in range(30):
    _clock.advance(1.5)
    _granted += _allow(_bucket, "in a stream of pairs every 1.5 s (1 token per second)")
    _granted += _allow(_bucket, "right after, in the same instant")
assert _granted == 45, (
    f"A client asking twice every 1.5 s, at 1 token per second, got {_granted} of 60 requests through in 45 s; "
    "expected 45, one per second. Hint: the half token left after each refill must stay in the bucket: refill "
    "with (now - last) * rate as a float; an int() of it, with last moved to now, throws the half away."
)

# Scenario: fractions of a token count.
_clock = FakeClock()
_bucket = _new_bucket(1, 1.0, _clock)
_allow(_bucket, "on a full bucket of 1")
for _step in range(3):
    _clock.advance(0.25)
    _wait = _wait_of(_bucket, f"{0.25 * (_step + 1)} s after emptying (1 token per second)")
    assert abs(_wait - (0.75 - 0.25 * _step)) < _EPSILON, (
        f"{0.25 * (_step + 1)} s after the bucket emptied, at 1 token per second, retry_after() gave {_wait!r}, "
        f"expected {0.75 - 0.25 * _step}. Hint: retry_after is exact: tokens are a float that refills continuously "
        "((now - last) * rate, fractions kept), and the wait is (1 - tokens) / rate, not a whole interval."
    )
_clock.advance(0.25)
assert _wait_of(_bucket, "once a whole token is back") == 0, (
    "With a whole token back, retry_after() was not 0. Hint: return 0.0 when allow() would succeed."
)
assert _allow(_bucket, "after 4 x 0.25 s (1 token per second)"), (
    "Four quarter-seconds at 1 token per second make a token, yet allow() refused. Hint: keep the fractions: an "
    "int() of each refill, or a refill that restarts the count when it adds nothing, loses them."
)
# Scenario: a long idle time, then a burst: never more than capacity.
for _idle in (10.0, 3600.0, 1e6):
    _clock = FakeClock()
    _bucket = _new_bucket(3, 4.0, _clock)
    _clock.advance(_idle)
    _answers = [_allow(_bucket, f"after {_idle} s idle, in a burst") for _ in range(5)]
    assert _answers == [True, True, True, False, False], (
        f"After {_idle} s idle, a bucket of 3 answered {_answers} to a burst of 5. Hint: cap the refill, "
        "tokens = min(capacity, tokens + elapsed * rate): a bucket never holds more than its capacity."
    )

# Scenario: the clock jumps back (NTP, a VM restored), then comes forward again.
_clock = FakeClock()
_bucket = _new_bucket(2, 1.0, _clock)
_allow(_bucket, "burst 1/2")
_allow(_bucket, "burst 2/2")
_clock.advance(-3600.0)
assert not _allow(_bucket, "after the clock went back 1 hour"), (
    "The clock went back one hour and allow() let a request through on an empty bucket. Hint: elapsed time is "
    "max(0, now - last): time going back gives no token."
)
_clock.advance(3600.0)
_answers = [_allow(_bucket, "once the clock is back where it was"), _wait_of(_bucket, "then")]
assert _answers[0] is False and abs(_answers[1] - 1.0) < _EPSILON, (
    f"The clock went back 1 hour, then forward 1 hour to where it was: allow() gave {_answers[0]}, retry_after() "
    f"{_answers[1]!r}; no time has passed beyond the last reading, so expected False and 1.0. Hint: keep the "
    "latest time seen, last = max(last, now): if last moves back with the clock, the same hour is counted twice."
)
_clock.advance(0.5)
_wait_of(_bucket, "0.5 s later")
_clock.advance(-0.25)
_wait = _wait_of(_bucket, "0.5 s on, then 0.25 s back")
assert abs(_wait - 0.5) < _EPSILON, (
    f"After 0.5 s forward (half a token earned) and 0.25 s back, retry_after() gave {_wait!r}, expected 0.5. Hint: "
    "tokens already earned stay; going back only pauses the refill."
)

# Scenario: a steady stream at exactly the refill rate, and just above it.
for _rate in (0.5, 2.0, 4.0):
    _clock = FakeClock()
    _bucket = _new_bucket(3, _rate, _clock)
    _refused = 0
    for _ in range(500):
        _clock.advance(1 / _rate)
        _refused += not _allow(_bucket, f"in a stream at exactly {_rate} request(s) per second")
    assert _refused == 0, (
        f"A client sending exactly {_rate} request(s) per second, the refill rate, was refused {_refused} times. "
        "Hint: each interval refills one whole token: refill with elapsed * rate, fractions kept, before testing."
    )
    _clock = FakeClock()
    _bucket = _new_bucket(3, _rate, _clock)
    _allowed = 0
    for _ in range(512):
        _clock.advance(0.75 / _rate)
        _allowed += _allow(_bucket, f"in a stream 4/3 faster than {_rate} per second")
    # 512 requests, 0.75 token apart: the first 0.75 is capped away (the bucket is full), 383.25 count.
    assert _allowed == 386, (
        f"A client sending 4/3 of the rate ({_rate}/s) got {_allowed} of 512 requests through in {384 / _rate} s, "
        "expected 386: 3 tokens at the start, then 0.75 token per request, every fraction kept. Hint: a refused "
        "request takes no token, and nothing refilled is lost below capacity."
    )


# --- the limiter: one bucket per (account, address) ---
def _new_limiter(capacity, rate, clock):
    return _call(LoginLimiter, capacity, rate, clock, described_as=f"LoginLimiter({capacity}, {rate}, clock)")


def _attempt(limiter, account, address):
    return _returning(bool, limiter.allow, account, address, described_as=f"allow({account!r}, {address!r})")


_ATTACKER = "198.51.100.66"
ACCOUNT_PAYLOADS = [
    "Alice",
    "ALICE",
    " alice ",
    "alice\t",
    "\nalice",
    "\u00a0alice",
    "ａｌｉｃｅ",
    "ＡＬＩＣＥ",
    "AlIcE",
    "alice\u3000",
    "\U0001d400lice",
]
for _variant in ACCOUNT_PAYLOADS:
    _clock = FakeClock()
    _limiter = _new_limiter(3, 0.1, _clock)
    for _ in range(3):
        _attempt(_limiter, "alice", _ATTACKER)
    if _attempt(_limiter, _variant, _ATTACKER):
        raise AssertionError(
            f"After 3 attempts on 'alice' used up her bucket, an attempt on {_variant!r} from the same address was "
            "allowed: the login form finds the same account, so an attacker gets more guesses by changing the "
            "case or adding spaces. Hint: key on the account as the login finds it: NFKC, strip(), casefold()."
            + (
                " NFKC comes first: it turns the mathematical bold '\U0001d400' into 'A', which casefold() then folds."
                if _variant == "\U0001d400lice"
                else ""
            )
        )

# (the account whose bucket is used up, another spelling of it tried next)
CASEFOLD_PAYLOADS = [
    ("stra\u00dfe", "STRASSE"),
    ("STRASSE", "stra\u00dfe"),
]
for _used, _variant in CASEFOLD_PAYLOADS:
    _clock = FakeClock()
    _limiter = _new_limiter(3, 0.1, _clock)
    for _ in range(3):
        _attempt(_limiter, _used, _ATTACKER)
    if _attempt(_limiter, _variant, _ATTACKER):
        raise AssertionError(
            f"After 3 attempts on {_used!r} used up its bucket, an attempt on {_variant!r} from the same address was "
            "allowed, though the login finds one account for both: lower() leaves '\u00df' as it is, casefold() "
            "turns it into 'ss'. Hint: casefold(), not lower(), after NFKC and strip()."
        )

# (account, address) pairs that, joined into one string, read like ('alice', '2001:db8::1'): an IPv6 address holds ':'.
KEY_COLLISION_PAYLOADS = [
    ("alice:2001", "db8::1"),
    ("alice2", "001:db8::1"),
]
for _pair in KEY_COLLISION_PAYLOADS:
    for _first, _second in ((_pair, ("alice", "2001:db8::1")), (("alice", "2001:db8::1"), _pair)):
        _clock = FakeClock()
        _limiter = _new_limiter(2, 0.1, _clock)
        for _ in range(2):
            _attempt(_limiter, *_first)
        assert _attempt(_limiter, *_second), (
            f"Attempts on the account {_first[0]!r} from {_first[1]!r} used up the bucket of {_second[0]!r} from "
            f"{_second[1]!r}, another account and another address: a key made by joining the two strings "
            "(f'{account}:{address}') lets pairs collide, and IPv6 addresses are full of ':'. "
            "Hint: key the buckets on the tuple (account_key, address), never on one string made of both."
        )

_DISTINCT_ACCOUNTS = ["alicia", "alice2", "al ice", "bob", "_alice"]
for _other in _DISTINCT_ACCOUNTS:
    _clock = FakeClock()
    _limiter = _new_limiter(2, 0.1, _clock)
    _attempt(_limiter, "alice", _ATTACKER)
    _attempt(_limiter, "alice", _ATTACKER)
    assert _attempt(_limiter, _other, _ATTACKER), (
        f"Attempts on 'alice' used up the bucket of {_other!r}, another account. Hint: normalise case, width and "
        "spaces around the name only; different names keep different buckets."
    )

_clock = FakeClock()
_limiter = _new_limiter(5, 0.01, _clock)
for _ in range(50):
    _attempt(_limiter, "alice", _ATTACKER)
assert _attempt(_limiter, "alice", "192.0.2.10"), (
    "An attacker's 50 attempts on 'alice' from 198.51.100.66 locked alice out of her own login from 192.0.2.10. "
    "Hint: key the buckets on (account, address): the attacker slows only himself, he cannot lock others out."
)
assert _attempt(_limiter, "bob", _ATTACKER), (
    "After the attacker used up 'alice' from his address, 'bob' from the same address was refused. Hint: the key "
    "is (account, address), not the address alone."
)
_wait = _returning(
    (int, float), _limiter.retry_after, "Alice", _ATTACKER, described_as="retry_after('Alice', attacker's address)"
)
assert abs(_wait - 100.0) < _EPSILON, (
    f"retry_after('Alice', ...) after the attack gave {_wait!r}, expected 100.0 (1 / 0.01). Hint: retry_after(account, "
    "address) asks the same bucket as allow, by the same normalised key."
)
assert (
    _returning((int, float), _limiter.retry_after, "carol", _ATTACKER, described_as="retry_after('carol', ...)") == 0
), "retry_after on an account never tried was not 0. Hint: a new key starts with a full bucket."

# Many keys: none shares tokens with another, and each starts full.
_clock = FakeClock()
_limiter = _new_limiter(2, 1.0, _clock)
for _number in range(300):
    _account, _address = f"user{_number}", f"10.0.{_number // 256}.{_number % 256}"
    _answers = [_attempt(_limiter, _account, _address) for _ in range(3)]
    assert _answers == [True, True, False], (
        f"Key {_number + 1} of 300 ({_account!r}, {_address!r}) answered {_answers} to 3 attempts. Hint: each new key "
        "gets its own full bucket: never share one bucket between keys."
    )


# Property: random schedules, compared with an exact reference.
class _Reference:
    """The rules of the statement, in exact fractions."""

    def __init__(self, capacity, rate, now):
        self.capacity, self.rate = _Fraction(capacity), _Fraction(rate)
        self.tokens, self.last = _Fraction(capacity), _Fraction(now)

    def refill(self, now):
        now = _Fraction(now)
        if now > self.last:
            self.tokens = min(self.capacity, self.tokens + (now - self.last) * self.rate)
            self.last = now

    def allow(self, now):
        self.refill(now)
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def retry_after(self, now):
        self.refill(now)
        return 0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


_rng = _random.Random(2026)
for _trial in range(150):
    _capacity = _rng.randint(1, 6)
    _rate = _rng.choice([0.125, 0.25, 0.5, 1.0, 2.0, 4.0])
    _clock = FakeClock(_rng.choice([0.0, 1000.0, 1e6]))
    _use_limiter = _trial % 2 == 1
    if _use_limiter:
        _limiter = _new_limiter(_capacity, _rate, _clock)
        _keys = [("alice", _ATTACKER), ("ALICE ", _ATTACKER), ("bob", _ATTACKER), ("alice", "192.0.2.10")]
        _references = {}
    else:
        _bucket = _new_bucket(_capacity, _rate, _clock)
        _reference = _Reference(_capacity, _rate, _clock.now)
    _schedule = []
    for _ in range(60):
        _jump = _rng.choice([0, 0, 0, 1, 2, 3, 4, 8, 16, 64, -8, 1024]) / 16
        _clock.advance(_jump)
        _operation = _rng.choice(["allow", "allow", "allow", "retry_after"])
        if _use_limiter:
            _account, _address = _rng.choice(_keys)
            _key = (_account.strip().lower(), _address)
            if _key not in _references:
                _references[_key] = _Reference(_capacity, _rate, _clock.now)
            _reference_of_key = _references[_key]
            if _operation == "allow":
                _got = _attempt(_limiter, _account, _address)
            else:
                _got = _returning((int, float), _limiter.retry_after, _account, _address, described_as="retry_after")
            _want = getattr(_reference_of_key, _operation)(_clock.now)
            _schedule.append(f"{_jump:+g}s {_operation}({_account!r}, {_address!r})")
        else:
            _got = (
                _allow(_bucket, "in a random schedule") if _operation == "allow" else _wait_of(_bucket, "in a schedule")
            )
            _want = getattr(_reference, _operation)(_clock.now)
            _schedule.append(f"{_jump:+g}s {_operation}()")
        _same = _got is _want if _operation == "allow" else abs(_got - float(_want)) < _EPSILON
        if not _same:
            _shown = "; ".join(_schedule[-6:])
            raise AssertionError(
                f"On a random schedule ({'LoginLimiter' if _use_limiter else 'TokenBucket'} capacity {_capacity}, "
                f"{_rate} token/s), the last steps being [{_shown}], {_operation} gave {_got!r}, expected {float(_want)!r}. "
                "Hint: start full; refill continuously by elapsed * rate, capped at capacity; time going back adds "
                "nothing and is not counted twice; allow takes one whole token only when it says True."
            )
