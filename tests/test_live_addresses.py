"""Which address the QR code shows (issue 18, point 3), from a fake list of interfaces as a
Windows laptop or a Mac has them: Hyper-V, WSL and VPN adapters next to the wifi."""

from __future__ import annotations

import os
import socket

from gesprek.live.addresses import FIREWALL_HINT, Interface, choose, others_text, route_address

WINDOWS_LAPTOP = [
    Interface("vEthernet (Default Switch)", "172.29.160.1"),
    Interface("vEthernet (WSL (Hyper-V firewall))", "172.20.224.1"),
    Interface("Ethernet 3", "10.2.0.7"),  # a VPN's adapter often has a plain name
    Interface("Wi-Fi", "192.168.1.23"),
    Interface("Loopback Pseudo-Interface 1", "127.0.0.1"),
    Interface("Ethernet", "169.254.12.4", up=False),  # cable unplugged
]


def test_the_interface_of_the_default_route_wins():
    choice = choose(WINDOWS_LAPTOP, route="192.168.1.23")
    assert choice.address == "192.168.1.23"
    shown = {i.address for i in choice.others}
    assert shown == {"172.29.160.1", "172.20.224.1", "10.2.0.7"}  # no loopback, no link-local


def test_without_a_default_route_an_up_private_physical_interface():
    # Offline, or the laptop as its own hotspot: no default route.
    hotspot = [
        Interface("vEthernet (WSL)", "172.20.224.1"),
        Interface("Local Area Connection* 10", "192.168.137.1"),  # Windows' mobile hotspot
        Interface("Wi-Fi", "192.168.1.23", up=False),
    ]
    assert choose(hotspot, route=None).address == "192.168.137.1"


def test_a_virtual_adapter_on_the_default_route_gives_way_to_the_wifi():
    mac = [
        Interface("lo0", "127.0.0.1"),
        Interface("utun4", "10.8.0.2"),  # a VPN tunnel carries the default route
        Interface("en0", "192.168.178.40"),
        Interface("bridge100", "192.168.64.1"),
    ]
    choice = choose(mac, route="10.8.0.2")
    assert choice.address == "192.168.178.40"
    assert "10.8.0.2" in {i.address for i in choice.others}


def test_public_and_down_addresses_are_not_chosen_without_a_route():
    listed = [
        Interface("eth0", "203.0.113.5"),  # public
        Interface("wlan0", "192.168.0.9", up=False),
        Interface("eth1", "10.0.0.4"),
    ]
    assert choose(listed, route=None).address == "10.0.0.4"


def test_no_network_at_all():
    choice = choose([Interface("lo", "127.0.0.1")], route=None)
    assert choice.address is None
    assert choice.others == ()
    assert others_text(choice) is None


def test_only_virtual_adapters_still_give_an_address():
    listed = [Interface("vEthernet (WSL)", "172.20.224.1")]
    assert choose(listed, route=None).address == "172.20.224.1"


def test_the_route_is_trusted_when_interfaces_cannot_be_listed():
    assert choose([], route="192.168.1.23").address == "192.168.1.23"


def test_the_facilitator_sees_the_other_addresses_with_names():
    text = others_text(choose(WINDOWS_LAPTOP, route="192.168.1.23"))
    assert text is not None
    assert "--host" in text
    assert "172.20.224.1 (vEthernet (WSL (Hyper-V firewall)), virtueel)" in text
    assert "10.2.0.7 (Ethernet 3)" in text


def test_no_name_is_looked_up(monkeypatch):
    def no_lookup(*args, **kwargs):
        raise AssertionError("name lookup")

    monkeypatch.setattr(socket, "gethostname", no_lookup)
    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    monkeypatch.setattr(socket, "gethostbyname", no_lookup)
    route_address()
    choose()  # this machine's own interfaces, for real


def test_the_firewall_hint_is_dutch_and_names_windows():
    assert "firewall" in FIREWALL_HINT and "Windows" in FIREWALL_HINT


def _join_screen_text(live) -> str:
    from rich.console import Console

    from gesprek.ui.phone_mode import PhoneMode

    console = Console(width=100, height=60, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(PhoneMode(live, console, input).join_screen())
    return " ".join(console.export_text().split())


def test_after_a_minute_without_phones_the_join_screen_hints_at_the_firewall():
    from gesprek.live.state import LiveState
    from gesprek.live.voting import FIREWALL_AFTER, LiveVoting

    live = LiveVoting(LiveState(threshold=3), "http://192.168.1.23:8765/abc/")
    live.others = others_text(choose(WINDOWS_LAPTOP, route="192.168.1.23"))
    first = _join_screen_text(live)
    assert "Windows moet de firewall" not in first
    assert "172.20.224.1" in first and "--host" in first
    live.started -= FIREWALL_AFTER + 1
    assert "Windows moet de firewall" in _join_screen_text(live)
    live.state.join("10.0.0.8")  # a phone joined: no more hint
    assert "Windows moet de firewall" not in _join_screen_text(live)
