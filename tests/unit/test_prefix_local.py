"""The process-local pin memory: LRU bound, per-key TTL, empty sets forget."""

from __future__ import annotations

from di_plugins.prefix.local import LocalPins


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_pins_expire_after_their_ttl() -> None:
    clock = Clock()
    pins = LocalPins(clock=clock)
    pins.put("k", ["d1", "d2"], ttl=300)
    clock.now = 299.9
    assert pins.get("k") == ["d1", "d2"]
    clock.now = 300.0
    assert pins.get("k") == [] and len(pins) == 0


def test_least_recently_used_key_goes_first() -> None:
    pins = LocalPins(max_keys=2, clock=Clock())
    pins.put("a", ["d1"], 60)
    pins.put("b", ["d2"], 60)
    assert pins.get("a") == ["d1"]          # a is now the most recently used
    pins.put("c", ["d3"], 60)
    assert pins.get("b") == [] and pins.get("a") == ["d1"] and pins.get("c") == ["d3"]


def test_an_empty_set_forgets_and_a_new_set_replaces() -> None:
    pins = LocalPins(clock=Clock())
    pins.put("k", ["d1"], 60)
    pins.put("k", ["d2", "d1"], 60)
    assert pins.get("k") == ["d2", "d1"]
    pins.put("k", [], 60)
    assert pins.get("k") == [] and len(pins) == 0
