"""Work spread over worker processes comes back in order, and its inputs are read only as needed."""

import os

import pytest

from claimhouse.workers import in_order


def _square_and_pid(number):
    return number * number, os.getpid()


@pytest.mark.parametrize("processes", [1, 2])
def test_results_come_back_in_the_order_of_the_inputs(processes):
    read = []

    def inputs():
        for number in range(20):
            read.append(number)
            yield number

    results = in_order(_square_and_pid, inputs(), processes)
    first = next(results)
    assert len(read) <= 2 * processes  # the inputs after the first few wait for their turn
    found = [first, *results]
    assert [square for square, _ in found] == [n * n for n in range(20)]
    pids = {pid for _, pid in found}
    if processes == 1:
        assert pids == {os.getpid()}
    else:
        assert os.getpid() not in pids  # computed in the workers
