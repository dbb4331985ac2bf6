"""A cache of two generations, for a `compiler.Session`: what the latest compilation used and what
the one before it used (an undo finds its entries again); anything older is dropped, so memory
follows the size of the plan, not the length of the editing session."""

from __future__ import annotations

from collections.abc import Hashable


class Generations:
    def __init__(self) -> None:
        self.current: dict[Hashable, object] = {}
        self.previous: dict[Hashable, object] = {}

    def get(self, key: Hashable):
        hit = self.current.get(key)
        if hit is None:
            hit = self.previous.get(key)
            if hit is not None:
                self.current[key] = hit  # used again: it lives on into the next generation
        return hit

    def put(self, key: Hashable, value: object) -> None:
        self.current[key] = value

    def next_generation(self) -> None:
        self.previous, self.current = self.current, {}
