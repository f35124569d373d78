"""Only regular files are read, and never more than a limit: devices, named pipes, huge files and long
paragraphs are refused at once with one line, or read in bounded memory."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from spacy.tokens import Doc

from generator.config import EMPTY_STORY
from generator.core.errors import IngestError
from generator.core.model import Article, Block, SourceMeta
from generator.ingest.readers import decode
from generator.nlp import batches
from generator.nlp import pipeline as nlp_pipeline
from tests.commands import python_m

ARTICLE = "Envoys meet in Geneva\nDelegations met in Geneva on November 23, 2025, to discuss the plan in detail.\n"
NEW = "Talks resume in Geneva\nThe envoys met again on November 24, 2025, and talked for six hours.\n"
NOT_AN_ARTICLE = "not a regular file; remove it from the seeds folder"
STORY_ADVICE = "give the path of a story file (story.yml)"
NOT_A_STORY = f"not a regular file; {STORY_ADVICE}"


def generator(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in the project; a command that hangs fails the test after a minute."""
    return python_m("generator", *args, cwd=project, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with one article in seeds/, an article to add beside it, and a story file."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    (tmp_path / "story.yml").write_text("title: T\n", encoding="utf-8")
    os.symlink(Path(__file__).resolve().parent.parent / "templates", tmp_path / "templates")
    return tmp_path


def seeds_listing(project: Path) -> dict[str, bytes | str]:
    """The seeds folder's names, with the bytes of each regular file (a pipe or a device is never opened)."""
    seeds = project / "seeds"
    return {
        p.name: p.read_bytes() if p.is_file() and not p.is_symlink() else f"link to {os.readlink(p)}"
        if p.is_symlink() else "special"
        for p in sorted(seeds.iterdir())
    }  # fmt: skip


def assert_refused(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert (result.returncode, result.stderr) == (2, f"error: {line}\n")


# ── item 8: devices, named pipes and folders are never read ────────────────────────────────────────


def test_add_refuses_a_seed_linked_to_dev_zero_without_reading_it(project: Path) -> None:
    (project / "seeds" / "z.txt").symlink_to("/dev/zero")
    before = seeds_listing(project)
    result = generator(project, "add", "new.txt", "--seeds", "seeds", "--story", "story.yml")
    assert_refused(result, f"seeds/z.txt: a symbolic link to /dev/zero, a device, {NOT_AN_ARTICLE}")
    assert seeds_listing(project) == before


def test_add_refuses_a_named_pipe_in_the_seeds_without_waiting_on_it(project: Path) -> None:
    os.mkfifo(project / "seeds" / "pipe.txt")
    before = seeds_listing(project)
    result = generator(project, "add", "new.txt", "--seeds", "seeds", "--story", "story.yml")
    assert_refused(result, f"seeds/pipe.txt: a named pipe (FIFO), {NOT_AN_ARTICLE}")
    assert seeds_listing(project) == before


def test_build_refuses_a_named_pipe_in_the_seeds(project: Path) -> None:
    os.mkfifo(project / "seeds" / "pipe.txt")
    result = generator(project, "build", "--seeds", "seeds", "--story", "story.yml", "--no-cache")
    assert_refused(result, f"seeds/pipe.txt: a named pipe (FIFO), {NOT_AN_ARTICLE}")
    assert not (project / "generated").exists()


def test_build_refuses_a_seed_linked_to_nothing(project: Path) -> None:
    (project / "seeds" / "gone.txt").symlink_to(project / "seeds" / "moved.txt")
    result = generator(project, "build", "--seeds", "seeds", "--story", "story.yml", "--no-cache")
    assert_refused(
        result, f"seeds/gone.txt: a symbolic link to {project}/seeds/moved.txt, which does not exist; "
        "remove it from the seeds folder",
    )  # fmt: skip


@pytest.mark.parametrize("command", [["build"], ["check"], ["add", "new.txt"]])
def test_a_story_file_that_is_dev_zero_is_refused_at_once(project: Path, command: list[str]) -> None:
    result = generator(project, *command, "--seeds", "seeds", "--story", "/dev/zero")
    assert_refused(result, f"/dev/zero: a device, {NOT_A_STORY}")
    assert not (project / "generated").exists()


@pytest.mark.parametrize("command", [["build"], ["check"], ["add", "new.txt"]])
def test_a_story_file_that_is_a_named_pipe_is_refused_at_once(project: Path, command: list[str]) -> None:
    os.mkfifo(project / "pipe.yml")
    result = generator(project, *command, "--seeds", "seeds", "--story", "pipe.yml")
    assert_refused(result, f"pipe.yml: a named pipe (FIFO), {NOT_A_STORY}")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_story_file_linked_to_nothing_is_refused(project: Path, command: str) -> None:
    (project / "linked.yml").symlink_to("moved.yml")
    result = generator(project, command, "--seeds", "seeds", "--story", "linked.yml")
    assert_refused(result, f"linked.yml: a symbolic link to moved.yml, which does not exist; {STORY_ADVICE}")


def test_story_dev_null_builds_on_the_text_alone(project: Path) -> None:
    result = generator(project, "build", "--seeds", "seeds", "--story", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert "A developing story" in (project / "generated" / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("special", ["/dev/zero", "pipe.txt"])
def test_add_refuses_a_device_or_a_named_pipe_to_add(project: Path, special: str) -> None:
    os.mkfifo(project / "pipe.txt")
    before = seeds_listing(project)
    result = generator(project, "add", special, "--seeds", "seeds", "--story", "story.yml")
    kind = "a device" if special == "/dev/zero" else "a named pipe (FIFO)"
    assert_refused(
        result, f"{special}: {kind}, not a regular file; give the path of an article file (.txt, .md or .html)"
    )
    assert seeds_listing(project) == before


# ── item 8: limits, for articles and sidecars alike ────────────────────────────────────────────────


def test_a_sidecar_over_its_limit_is_refused_before_it_is_parsed(project: Path) -> None:
    (project / "seeds" / "a.yml").write_text("outlet: Courier\n" + "# note\n" * 180_000, encoding="utf-8")
    result = generator(project, "build", "--seeds", "seeds", "--story", "story.yml", "--no-cache")
    assert_refused(
        result, "seeds/a.yml: 1.3 MB is over the 1 MB limit; a metadata file holds a few lines "
        "(outlet, url, published, title)",
    )  # fmt: skip


# ── item 13: messages that say what is wrong ──────────────────────────────────────────────────────


def test_a_size_just_over_the_limit_is_shown_apart_from_it(project: Path) -> None:
    (project / "seeds" / "big.txt").write_bytes(b"Big\n" + b"All talk and no deal.\n" * 240_910)  # 5.3 MB
    result = generator(project, "build", "--seeds", "seeds", "--story", "story.yml", "--no-cache")
    assert_refused(result, "seeds/big.txt: 5.3 MB is over the 5 MB limit; split it")


def test_megabytes_show_the_fewest_decimals_that_tell_a_size_from_the_limit() -> None:
    from generator.core.files import megabytes

    assert [megabytes(size, 5_000_000) for size in (22_000_005, 5_300_000, 5_040_000, 5_000_001)] == [
        "22", "5.3", "5.04", "5.000001",
    ]  # fmt: skip


def test_a_windows_1252_error_names_the_byte_windows_1252_fails_on(project: Path) -> None:
    (project / "seeds" / "odd.txt").write_bytes(b"Title\nThe caf\xe9 reopened.\nA stray \x81 byte.\n")
    result = generator(project, "build", "--seeds", "seeds", "--story", "story.yml", "--no-cache")
    assert_refused(
        result, "seeds/odd.txt:3: not Windows-1252 (byte 0x81) nor UTF-8 (byte 0xe9 on line 2); "
        "re-save the file as UTF-8",
    )  # fmt: skip


def test_an_undecodable_byte_after_a_byte_order_mark_is_the_one_named() -> None:
    with pytest.raises(IngestError, match=r"^odd\.txt:2: not UTF-8 \(byte 0x8d\) nor Windows-1252; "):
        decode(b"\xef\xbb\xbfTitle\nbad \x8d byte\n", "odd.txt")


# ── item 9: a long paragraph reaches the model in bounded pieces ───────────────────────────────────


class _FakeModel:
    batch_size = 3

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[str]:
        self.batches.append(list(texts))
        yield from self.batches[-1]


def test_texts_go_to_the_model_in_batches_bounded_by_characters_and_count() -> None:
    model = _FakeModel()
    texts = ["a" * 4, "b" * 4, "c" * 12, "d", "e", "f", "g"]
    assert list(batches.model_docs(model, texts, batch_chars=10)) == texts  # type: ignore[arg-type]
    assert model.batches == [["a" * 4, "b" * 4], ["c" * 12], ["d", "e", "f"], ["g"]]


def _batches_given(pipeline: nlp_pipeline.Pipeline, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The texts the pipeline's model is given from now on, batch by batch."""
    batches: list[list[str]] = []
    real_pipe = pipeline.nlp.pipe

    def spy(texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        batches.append(list(texts))
        return real_pipe(batches[-1], batch_size=batch_size)

    monkeypatch.setattr(pipeline.nlp, "pipe", spy)
    return batches


def test_a_long_paragraph_is_given_to_the_model_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = nlp_pipeline.build_pipeline(EMPTY_STORY)
    batches = _batches_given(pipeline, monkeypatch)
    long = "Intergovernmental" * 5  # long words: the characters past the bounds in few tokens (the model's time)
    sentence = f"The envoys met in Geneva on Sunday and talked about the {long} {long} {long} plan for six hours. "
    paragraph = (sentence * (120_000 // len(sentence))).strip()
    article = Article(
        "long", "long.txt", "Long", None, (Block("paragraph", paragraph, 2),), (), (), SourceMeta(None, None, None), ""
    )
    parsed = nlp_pipeline.parse_article(pipeline, article)
    pieces = [text for batch in batches for text in batch]
    assert "".join(pieces) == paragraph
    assert max(map(len, pieces)) <= 10_000
    assert max(sum(map(len, batch)) for batch in batches) <= 40_000
    assert [s.text for s in parsed.sentences] == [sentence.strip()] * paragraph.count("Sunday")


def test_parsing_an_article_again_parses_only_the_pieces_it_did_not_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server's rebuild after an edit to one paragraph: that paragraph goes to the model, and the parse is the
    one a pipeline that never saw the article gives."""
    pipeline = nlp_pipeline.build_pipeline(EMPTY_STORY)

    def article(second: str) -> Article:
        texts = ("Envoys met in Geneva on Sunday.", second, "Talks resume in Abu Dhabi on Tuesday, Reuters said.")
        blocks = tuple(Block("paragraph", text, i + 1) for i, text in enumerate(texts))
        return Article("edit", "edit.txt", "Edit", None, blocks, (), (), SourceMeta(None, None, None), "")

    nlp_pipeline.parse_article(pipeline, article("The draft has 28 points, an official said."))
    batches = _batches_given(pipeline, monkeypatch)
    edited = article("The draft now has 19 points, Andriy Yermak told reporters in Kyiv.")
    again = nlp_pipeline.parse_article(pipeline, edited)
    assert batches == [["The draft now has 19 points, Andriy Yermak told reporters in Kyiv."]]
    monkeypatch.undo()
    fresh = nlp_pipeline.parse_article(nlp_pipeline.build_pipeline(EMPTY_STORY), edited)
    assert again == fresh and "Andriy Yermak" in {m.text for m in again.mentions}


def test_an_article_edited_again_after_another_parses_only_its_edited_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing two articles in turn: each keeps its pieces' parses while the pieces held stay under
    `recent_chars` (a server's); past it the oldest article's go first, never the article being parsed."""
    pipeline = nlp_pipeline.build_pipeline(EMPTY_STORY)
    pipeline.recent_chars = nlp_pipeline.RECENT_CHARS

    def article(name: str, *texts: str) -> Article:
        blocks = tuple(Block("paragraph", text, i + 1) for i, text in enumerate(texts))
        return Article(name, f"{name}.txt", name, None, blocks, (), (), SourceMeta(None, None, None), "")

    first = ("Envoys met in Geneva on Sunday.", "The draft has 28 points, an official said.")
    other = ("Talks resume in Abu Dhabi on Tuesday.", "Reuters reported the date.")
    nlp_pipeline.parse_article(pipeline, article("a", *first))
    nlp_pipeline.parse_article(pipeline, article("b", *other))
    batches = _batches_given(pipeline, monkeypatch)
    nlp_pipeline.parse_article(pipeline, article("a", first[0], "The draft now has 19 points."))
    assert batches == [["The draft now has 19 points."]]
    pipeline.recent_chars = len("".join(other)) + 1
    nlp_pipeline.parse_article(pipeline, article("b", *other))  # held: nothing parsed, and a's pieces let go
    assert batches == [["The draft now has 19 points."]] and set(pipeline.recent_docs) == set(other)
