"""What a long-lived process keeps of a build's results (`core.kept`): the same object for equal arguments,
a new result for any other, and nothing at all in a build that does not build again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.core import kept

pytestmark = pytest.mark.usefixtures("forget_rebuilds")


@pytest.fixture
def stage() -> Iterator[kept.Kept[list[str]]]:
    made = kept.Kept[list[str]]("words")
    yield made
    kept._ALL.remove(made)


def test_a_result_made_again_from_equal_arguments_is_the_last_builds_object(stage: kept.Kept[list[str]]) -> None:
    calls: list[tuple[str, ...]] = []

    def words(*parts: str) -> list[str]:
        calls.append(parts)
        return list(parts)

    kept.start(True)
    first = stage.call("a", words, "x", "y")
    kept.start(True)
    again = stage.call("a", words, "x", "y")  # equal arguments, not the same objects
    assert again is first and stage.given_back == 1 and calls == [("x", "y")]
    kept.start(True)
    other = stage.call("a", words, "x", "z")
    assert other == ["x", "z"] and stage.given_back == 0 and len(calls) == 2
    kept.start(True)
    assert stage.call("b", words, "x", "z") is not other  # another name is another result


def test_a_result_not_asked_for_in_a_build_is_let_go(stage: kept.Kept[list[str]]) -> None:
    kept.start(True)
    stage.call("a", list, "xy")
    kept.start(True)
    stage.call("b", list, "xy")
    kept.start(True)
    assert set(stage.last) == {"b"}


def test_a_server_retires_the_results_of_the_build_before_the_last_for_its_idle_time(
    stage: kept.Kept[list[str]],
) -> None:
    kept.start(True)
    kept.retired()
    first = stage.call("a", list, "xy")
    kept.start(True)
    assert kept.retired() == [{}]  # what the first build gave back: nothing
    second = stage.call("b", list, "xy")
    kept.start(True)
    assert [dict(r) for r in kept.retired()] == [{"a": (("xy",), first)}] and kept.retired() == []
    assert stage.last["b"][1] is second
    kept.retire(["a page memo"])
    kept.start(False)  # a build that does not build again frees at once: nothing is retired
    kept.retire(["another"])
    assert kept.retired() == []


def test_a_build_that_does_not_build_again_keeps_nothing(stage: kept.Kept[list[str]]) -> None:
    kept.start(True)
    first = stage.call("a", list, "xy")
    kept.start(False)
    assert stage.call("a", list, "xy") is not first and not stage.last and not stage.now
    assert not kept.keeping()


def test_a_build_that_made_nothing_leaves_the_last_results_to_give_back(stage: kept.Kept[list[str]]) -> None:
    """A build that failed before the stage ran: the next one still finds what the build before it made."""
    kept.start(True)
    first = stage.call("a", list, "xy")
    kept.start(True)
    kept.start(True)
    assert stage.call("a", list, "xy") is first


def test_a_result_made_on_a_subject_is_given_back_only_for_that_very_object(stage: kept.Kept[list[str]]) -> None:
    """An extraction's sentences compare without their parse: what was made from one is not given back for an
    equal one that may hold another parse."""
    first_subject, equal_subject = ["x"], ["x"]
    kept.start(True)
    first = stage.call_on("a", lambda subject, tail: [*subject, tail], first_subject, "y")
    kept.start(True)
    assert stage.call_on("a", lambda subject, tail: [*subject, tail], first_subject, "y") is first
    kept.start(True)
    again = stage.call_on("a", lambda subject, tail: [*subject, tail], equal_subject, "y")
    assert again == first and again is not first
