"""A server's generated files made from the fields of the last build's: the very files MkDocs makes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def test_settled_files_list_their_pages_again_only_when_their_files_or_inclusion_changed(
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

    def listed(inclusion: Any = InclusionLevel.is_included) -> list[str]:
        return [f.src_uri for f in files.documentation_pages(inclusion=inclusion)]

    assert listed() == ["index.md"] and listed(InclusionLevel.is_in_serve) == ["index.md", "draft.md"]
    counted = len(passes)
    files.documentation_pages().append(file("mine.md", InclusionLevel.INCLUDED))  # a caller's own list
    assert listed() == ["index.md"] and len(passes) == counted  # answered again, not worked out
    files.src_uris["draft.md"].inclusion = InclusionLevel.NOT_IN_NAV  # as Material's blog does in its `on_nav`
    assert listed() == ["index.md", "draft.md"]
    files.append(file("late.md", InclusionLevel.INCLUDED))
    assert listed() == ["index.md", "draft.md", "late.md"]
    files.remove(files.src_uris["index.md"])
    assert listed() == ["draft.md", "late.md"] and len(passes) > counted
