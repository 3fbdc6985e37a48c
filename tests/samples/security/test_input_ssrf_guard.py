"""samples/security/input_ssrf_guard.py with a resolver of our own: no network, the same answers every run."""

import socket

import pytest

from samples.security.input_ssrf_guard import BlockedURL, check_outbound_url, is_public

DNS = {  # what an attacker's DNS zone can say: any name may point anywhere
    "images.example.org": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "metadata.attacker.example": ["169.254.169.254"],
    "mixed.attacker.example": ["93.184.215.14", "10.0.0.5"],  # one private answer among public ones
    "v6.attacker.example": ["::ffff:127.0.0.1"],
    "empty.attacker.example": [],
}


def resolve(host, port):
    """Our names from DNS above; IP literals in every spelling through getaddrinfo, numeric only."""
    if host in DNS:
        return DNS[host]
    flags = socket.AI_NUMERICHOST  # never a DNS query: a name not listed above fails like NXDOMAIN
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=flags)]


SSRF_PAYLOADS = [
    "https://169.254.169.254/latest/meta-data/iam/security-credentials/",  # cloud metadata (AWS, Azure, GCP)
    "https://2852039166/",  # 169.254.169.254 as one decimal number
    "https://0xa9fea9fe/",  # ... in hexadecimal
    "https://127.1/",  # 127.0.0.1, short form
    "https://0177.0.0.1/",  # ... in octal
    "https://[::1]/",
    "https://[::ffff:169.254.169.254]/",  # IPv4 inside IPv6
    "https://[fd00:ec2::254]/",  # AWS's IPv6 metadata address
    "https://10.0.0.1/",
    "https://192.168.1.1/",
    "https://100.64.0.1/",  # carrier-grade NAT: not global, and not "private" either
    "https://0.0.0.0/",
    "https://224.0.0.1/",  # multicast: is_global says True
    "https://metadata.attacker.example/",  # a name that resolves inside
    "https://mixed.attacker.example/",
    "https://v6.attacker.example/",
    "https://empty.attacker.example/",
    "https://unknown.attacker.example/",  # does not resolve
    "http://images.example.org/",  # not https
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "https://images.example.org:22/",  # another port
    "https://images.example.org:99999/",
    "https://images.example.org@169.254.169.254/",  # the host is after the @
    "https:///etc/passwd",
    "//169.254.169.254/",
]


@pytest.mark.parametrize("url", SSRF_PAYLOADS)
def test_every_payload_is_blocked(url):
    with pytest.raises(BlockedURL):
        check_outbound_url(url, resolve=resolve)


def test_a_public_host_passes_with_every_address_to_connect_to():
    host, port, addresses = check_outbound_url("https://Images.Example.org./cat.png", resolve=resolve)
    assert (host, port) == ("images.example.org", 443)
    assert addresses == DNS["images.example.org"]  # connect to these: resolving again may answer otherwise


def test_an_allow_list_of_hosts_is_checked_before_anything_is_resolved():
    calls = []

    def counting(host, port):
        calls.append(host)
        return resolve(host, port)

    assert (
        check_outbound_url("https://images.example.org/", {"images.example.org"}, counting)[0] == "images.example.org"
    )
    with pytest.raises(BlockedURL, match="allow-list"):
        check_outbound_url("https://93.184.215.14/", {"images.example.org"}, counting)
    assert calls == ["images.example.org"]


def test_dns_rebinding_is_why_the_checked_addresses_are_returned():
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])  # a zero-TTL name: public first, then loopback

    def rebinding(host, port):
        return next(answers)

    assert check_outbound_url("https://rebind.attacker.example/", resolve=rebinding)[2] == ["93.184.215.14"]
    assert rebinding("rebind.attacker.example", 443) == ["127.0.0.1"]  # what a second lookup would give


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("169.254.169.254", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1: is_global says True before Python 3.11.10
        ("fe80::1%eth0", False),
        ("224.0.0.1", False),
    ],
)
def test_is_public(address, public):
    assert is_public(address) is public
