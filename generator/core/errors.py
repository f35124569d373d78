"""The input errors that stop a build; each prints as one line naming the file (and line) and what to do."""

from __future__ import annotations


class StoryFileError(Exception):
    """A mistake in the story file, reported as `FILE:LINE: what is wrong`."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


class IngestError(Exception):
    """An article that cannot be read, reported as `FILE[:LINE]: what is wrong`."""


class BuildError(Exception):
    """A problem with the input that stops the build, with one line that says what to do."""


INPUT_ERRORS = (StoryFileError, IngestError, BuildError)


def one_line(text: str, limit: int = 300) -> str:
    """A message on one line, cut to `limit` characters (an unexpected error can be pages long)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def printable(text: str) -> str:
    """A file name as a terminal line may show it: a newline or other control character escaped ('a\\nb')."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
