"""CPU-bound work spread over worker processes, its results taken back in the order it was given."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


def in_order(function: Callable[[In], Out], inputs: Iterable[In], processes: int,
             initializer: Callable[..., None] | None = None, initargs: tuple = ()) -> Iterator[Out]:
    """`function(x)` for each of `inputs`, in order: here (one process), or in a pool of `processes` worker
    processes that is kept two inputs a worker ahead, so the inputs after those are not read before
    their turn (a corpus stays on disk until it is needed). `function` and the inputs must pickle;
    `initializer(*initargs)` runs once in each worker. A worker that dies raises BrokenProcessPool."""
    if processes <= 1:
        yield from map(function, inputs)
        return
    # spawn, not fork: the calling process may hold DuckDB's and Airflow's threads and locks
    with ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=initializer,
                             initargs=initargs) as pool:
        ahead: deque[Future] = deque()
        for item in inputs:
            ahead.append(pool.submit(function, item))
            if len(ahead) >= 2 * processes:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
