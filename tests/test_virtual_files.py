"""A server's generated files made from the fields of the last build's: the very files MkDocs makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build.virtual_files import PATHS, GeneratedFiles, settle
from tests.conftest import ROOT

PAGES = [("actors/ann-envoy.md", "# Ann Envoy\n"), ("index.md", "# Home\n"), ("timeline/2025-11.md", "# November\n")]


def _fields(file: File) -> dict[str, object]:
    for name in PATHS:
        getattr(file, name)
    return dict(vars(file))


def test_a_file_made_again_is_the_one_mkdocs_makes(tmp_path: Path) -> None:
    made = GeneratedFiles()
    for name, urls in (("a", False), ("a", False), ("a", True), ("b", True)):  # each setting changed alone
        site = tmp_path / name
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(site), use_directory_urls=urls)
        config.plugins._current_plugin = "explainer"  # as in the plugin's `on_files`
        edited = [(path, text + f"{site} {urls}\n") for path, text in PAGES]
        files = made.make(config, edited, {"index.md"})
        expected = [
            File.generated(config, path, content=text, inclusion=level)
            for (path, text), level in zip(edited, [InclusionLevel.NOT_IN_NAV, InclusionLevel.UNDEFINED,
                                                    InclusionLevel.NOT_IN_NAV], strict=True)
        ]  # fmt: skip
        assert [_fields(f) for f in files] == [_fields(f) for f in expected]
        assert [f.content_string for f in files] == [text for _path, text in edited]
    assert files[0].abs_dest_path == str(tmp_path / "b" / "actors" / "ann-envoy" / "index.html")


def test_settled_files_list_their_pages_once_per_inclusion_and_again_after_a_file_comes_or_goes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def file(path: str, inclusion: InclusionLevel) -> File:
        return File(path, "/docs", "/site", False, inclusion=inclusion)

    files = Files([file("index.md", InclusionLevel.INCLUDED), file("draft.md", InclusionLevel.DRAFT),
                   file("style.css", InclusionLevel.INCLUDED)])  # fmt: skip
    passes: list[str] = []
    real = File.is_documentation_page
    monkeypatch.setattr(File, "is_documentation_page", lambda self: passes.append(self.src_uri) or real(self))
    settle(files)
    assert [f.src_uri for f in files.documentation_pages()] == ["index.md"]
    assert [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)] == [
        "index.md", "draft.md"
    ]
    counted = len(passes)
    listed = files.documentation_pages()
    listed.append(file("mine.md", InclusionLevel.INCLUDED))  # a caller's own list: the answer is not changed
    assert [f.src_uri for f in files.documentation_pages()] == ["index.md"] and len(passes) == counted
    files.append(file("late.md", InclusionLevel.INCLUDED))
    assert [f.src_uri for f in files.documentation_pages()] == ["index.md", "late.md"]
    files.remove(files.src_uris["index.md"])
    assert [f.src_uri for f in files.documentation_pages()] == ["late.md"]
