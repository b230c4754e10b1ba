"""Which address of this laptop the phones should open (the QR code), without a name lookup.

1. The address of the interface that carries the default route: "connecting" a UDP socket
   to a documentation address asks the routing table which source address it would use;
   no packet is sent and no name is looked up (the lookup of the ``.local`` host name can
   stall for 5-35 s on macOS, and on Windows it often gives a Hyper-V, WSL or VPN address).
2. With no default route (offline, or the laptop as its own hotspot, common in police
   buildings), or when that route goes through a virtual adapter (a VPN): an interface
   that is up, has a private IPv4 address and does not look virtual.

The other candidates are shown to the facilitator, who can pick one with ``--host``.

Interfaces are listed with psutil rather than ifaddr: both list the addresses of every
adapter on Windows, macOS and Linux, but only psutil also says whether an adapter is up
(``net_if_stats``), which the choice needs; psutil ships wheels for every platform and is
widely used and well kept. It is imported only when ``--live`` is used.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# A TEST-NET-1 documentation address (RFC 5737): routed like any address off the local
# network, never a real host. A UDP connect() only looks up the route.
PROBE = ("192.0.2.1", 9)

# Names of adapters that phones cannot reach: hypervisors, containers, VPNs and tunnels,
# Apple's peer-to-peer links, loopback.
VIRTUAL = re.compile(
    r"vethernet|hyper-?v|\bwsl|virtualbox|vbox|vmware|vmnet|docker|podman|^br-|^veth|virbr|"
    r"lxcbr|lxdbr|^tun|^tap|utun|^wg|wireguard|wintun|tailscale|zerotier|^zt|nordlynx|^ppp|"
    r"vpn|anyconnect|cisco|forti|globalprotect|pangp|juniper|pulse|openvpn|^awdl|^llw|"
    r"^bridge|loopback|^lo\d*$|npcap|isatap|teredo|^gif|^stf|virtual|pseudo",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Interface:
    """One IPv4 address of a network adapter."""

    name: str
    address: str
    up: bool = True

    @property
    def virtual(self) -> bool:
        return bool(VIRTUAL.search(self.name))

    @property
    def private(self) -> bool:
        return _private(self.address)

    @property
    def usable(self) -> bool:
        """Up, private IPv4 and not virtual: what phones on the same network can reach."""
        return self.up and self.private and not self.virtual


@dataclass(frozen=True)
class Choice:
    address: str | None  # for the QR code; None: no network at all
    others: tuple[Interface, ...]  # the other candidates, for --host


# The private IPv4 ranges of RFC 1918, where home, office and hotspot networks live
# (ipaddress's is_private also counts documentation and other reserved ranges).
PRIVATE = tuple(ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))


def _private(address: str) -> bool:
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return False
    return any(ip in network for network in PRIVATE)


def route_address() -> str | None:
    """The source address of the default route, or None without one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            address = str(probe.getsockname()[0])
    except OSError:
        return None
    if address == "0.0.0.0" or address.startswith("127."):
        return None
    return address


def interfaces() -> list[Interface]:
    """Every IPv4 address of every adapter (empty when they cannot be listed)."""
    try:
        import psutil

        addresses = psutil.net_if_addrs()
        stats = psutil.net_if_stats()
    except (ImportError, OSError, RuntimeError):
        return []
    found = []
    for name, entries in addresses.items():
        up = stats[name].isup if name in stats else True
        for entry in entries:
            if entry.family == socket.AF_INET and entry.address:
                found.append(Interface(name, entry.address, up))
    return found


def choose(
    listed: Iterable[Interface] | None = None,
    route: str | Callable[[], str | None] | None = route_address,
) -> Choice:
    """The address for the QR code and the other candidates. ``listed`` and ``route``
    default to this computer's adapters and default route."""
    found = list(interfaces() if listed is None else listed)
    via_route = route() if callable(route) else route
    candidates = [i for i in found if i.up and not _skip(i.address)]
    by_address = {i.address: i for i in candidates}

    chosen: str | None = None
    if via_route is not None:
        carrier = by_address.get(via_route)
        if carrier is None or not carrier.virtual:
            chosen = via_route  # not listed (the list may be unavailable): trust the route
    if chosen is None:
        usable = [i for i in candidates if i.usable]
        if usable:
            chosen = usable[0].address
    if chosen is None:
        # Nothing better: the route's address even through a virtual adapter, else any.
        fallback = [i for i in candidates if i.private] or candidates
        chosen = via_route or (fallback[0].address if fallback else None)
    others = tuple(i for i in candidates if i.address != chosen)
    return Choice(chosen, others)


def _skip(address: str) -> bool:
    try:
        ip = ipaddress.IPv4Address(address)
    except ValueError:
        return True
    return ip.is_loopback or ip.is_link_local or ip.is_unspecified


def others_text(choice: Choice) -> str | None:
    """One line naming the other addresses, or None when there are none."""
    if not choice.others:
        return None
    shown = ", ".join(
        f"{i.address} ({i.name}{', virtueel' if i.virtual else ''})" for i in choice.others[:4]
    )
    more = f" en nog {len(choice.others) - 4}" if len(choice.others) > 4 else ""
    return f"Werkt dit adres niet op de telefoons? Andere adressen (kies met --host): {shown}{more}"


FIREWALL_HINT = (
    "Na een minuut nog geen telefoon verbonden. Zitten de telefoons op hetzelfde wifi-netwerk "
    "als deze laptop (niet op 4G)? Op Windows moet de firewall binnenkomende verbindingen voor "
    "gesprek toestaan: de eerste keer vraagt Windows daarom, vaak aan een beheerder. Gastnetwerken "
    "laten telefoons soms niet bij elkaar: probeer dan de hotspot van de laptop."
)
