"""Stand-in replica slots: at most ``slots`` requests are served at once, the others wait in FIFO order."""

from __future__ import annotations

import asyncio

from standin.state import ReplicaState


def test_slots_queue_in_order_and_hand_over() -> None:
    async def scenario() -> list[str]:
        state = ReplicaState(slots=1)
        order: list[str] = []

        async def request(name: str, hold: float) -> None:
            held = await state.acquire_slot()
            order.append(f"start {name}")
            await asyncio.sleep(hold)
            order.append(f"end {name}")
            if held:
                state.release_slot()

        first = asyncio.create_task(request("a", 0.05))
        await asyncio.sleep(0)
        await asyncio.gather(first, request("b", 0.01), request("c", 0.01))
        assert state.kv_stats()["max_queued"] == 2
        return order

    assert asyncio.run(scenario()) == ["start a", "end a", "start b", "end b", "start c", "end c"]


def test_no_slots_means_no_queue() -> None:
    async def scenario() -> bool:
        return await ReplicaState().acquire_slot()

    assert asyncio.run(scenario()) is False


def test_a_cancelled_waiter_leaves_the_queue() -> None:
    async def scenario() -> int:
        state = ReplicaState(slots=1)
        assert await state.acquire_slot()
        waiter = asyncio.create_task(state.acquire_slot())
        await asyncio.sleep(0)
        waiter.cancel()
        await asyncio.gather(waiter, return_exceptions=True)
        state.release_slot()
        assert await state.acquire_slot()  # the slot is free again, not handed to the cancelled waiter
        return state._busy

    assert asyncio.run(scenario()) == 1
