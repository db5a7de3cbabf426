"""Whose sign-in this is: the client's address, taken from X-Forwarded-For only when a trusted proxy sent it.

Anyone can send an X-Forwarded-For header, so it is believed only when the connection itself comes from a
proxy listed in SCR_MONITOR_TRUSTED_PROXIES. Each proxy appends the address it saw, so the client is the
right-most address that is not itself a trusted proxy; whatever a client wrote further left is ignored.
"""
from __future__ import annotations

import ipaddress


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, proxies) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(remote: str | None, forwarded: str | None, proxies: tuple) -> str:
    """The address to slow down: the connection's own unless it is a trusted proxy's."""
    remote = remote or "unknown"
    if not forwarded or not _trusted(_ip(remote), proxies):
        return remote
    for hop in reversed(forwarded.split(",")):
        address = _ip(hop)
        if address is None:
            return remote  # a proxy passed on something that is not an address: trust nothing from it
        if not _trusted(address, proxies):
            return str(address)
    return remote  # every hop is one of our proxies
