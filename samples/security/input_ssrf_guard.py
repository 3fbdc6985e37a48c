"""SSRF: before the server fetches a URL a user gave, check its scheme, port and host, resolve the host,
and refuse it unless every address is public. The caller then connects to those addresses, and only them."""

import ipaddress
import socket
from urllib.parse import urlsplit

ALLOWED_SCHEMES = {"https"}
ALLOWED_PORTS = {443}


class BlockedURL(ValueError):
    """The URL may not be fetched; the message says why (log it, do not echo the response body)."""


def system_resolver(host, port):
    """Every address the host has, IPv4 and IPv6: the one a client picks may be any of them."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def is_public(address):
    ip = ipaddress.ip_address(address.split("%")[0])  # without an IPv6 zone such as "%eth0"
    if ip.version == 6:
        ip = ip.ipv4_mapped or ip.sixtofour or ip  # ::ffff:127.0.0.1 and 2002:7f00:1:: are 127.0.0.1
    return ip.is_global and not ip.is_multicast  # is_global alone says yes to 224.0.0.1


def check_outbound_url(url, allowed_hosts=None, resolve=system_resolver):
    """Return (host, port, addresses) for a URL the server may fetch, or raise BlockedURL."""
    parts = urlsplit(url)
    if parts.scheme not in ALLOWED_SCHEMES:  # no http:, file:, gopher:, ftp:...
        raise BlockedURL(f"scheme {parts.scheme!r} not allowed")
    if parts.username is not None or parts.password is not None:  # https://trusted.example@evil.example/
        raise BlockedURL("credentials in the URL")
    try:
        port = parts.port or 443
    except ValueError as error:  # a port that is not a number, or above 65535
        raise BlockedURL("bad port") from error
    host = (parts.hostname or "").rstrip(".")  # lower-cased; "example.com." is "example.com"
    if not host or port not in ALLOWED_PORTS:
        raise BlockedURL(f"host {host!r} or port {port} not allowed")
    if allowed_hosts is not None and host not in allowed_hosts:
        raise BlockedURL(f"host {host!r} is not on the allow-list")
    try:
        addresses = resolve(host, port)
    except OSError as error:
        raise BlockedURL(f"cannot resolve {host!r}") from error
    if not addresses:
        raise BlockedURL(f"{host!r} has no address")
    for address in addresses:  # all of them: one private answer among public ones is enough to refuse
        if not is_public(address):
            raise BlockedURL(f"{host!r} resolves to {address}, which is not a public address")
    return host, port, addresses
