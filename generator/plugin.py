"""The MkDocs plugin: `mkdocs build` runs the pipeline and adds its pages as virtual files.

Nothing is written into docs/, so `mkdocs serve` watches the seeds and the story file without a
rebuild loop; an input error stops the build before MkDocs touches site/.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.cache import BuildInputs, cached_build
from generator.errors import INPUT_ERRORS
from generator.rawhtml import restore_raw, stash_raw
from generator.render import PAGES

NAV_PAGES = frozenset(PAGES.values())
log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(Config):
    seeds = c.Type(str, default="seeds")
    story = c.Type(str, default="story.yml")
    templates = c.Type(str, default="templates")
    cache = c.Type(str, default=".cache/explainer")  # per-article extraction results; "" turns it off
    jobs = c.Type(int, default=0)  # extraction processes; 0: one per core when there is enough to extract


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.generated: dict[str, str] = {}
        self.raw: dict[str, list[str]] = {}  # page -> HTML blocks kept away from the Markdown parser

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        story = self._path(config, self.config.story)
        try:
            cache = self._path(config, self.config.cache) if self.config.cache else None
            jobs = int(os.environ.get("EXPLAINER_JOBS", self.config.jobs))
            seeds, templates = self._path(config, self.config.seeds), self._path(config, self.config.templates)
            story_path = story if story.exists() else None
            outputs = cached_build(BuildInputs(seeds, story_path, templates, cache, jobs, config.site_url or None))
            self.generated = outputs.files
        except INPUT_ERRORS as exc:
            raise PluginError(str(exc)) from None
        except Exception as exc:  # never a traceback: one line that says what happened
            raise PluginError(
                f"explainer: unexpected failure ({type(exc).__name__}: {exc}); please report it"
            ) from None
        for warning in outputs.warnings:
            log.info("explainer: warning: %s", warning)  # info, not warning: `--strict` must not fail on them
        # The sitemap's dates come from the news, not the build machine's clock: same input, same bytes.
        latest = outputs.content_date
        epoch = calendar.timegm(dt.date.fromisoformat(latest).timetuple()) if latest else None
        if epoch is not None and 0 <= epoch < 2**32 and "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)  # (gzip, for the sitemap, stores 32 bits)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for path, content in sorted(self.generated.items()):
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            in_nav = path in NAV_PAGES
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        markdown, self.raw[page.file.src_uri] = stash_raw(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return restore_raw(html, self.raw.pop(page.file.src_uri, []))

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        for value in (self.config.seeds, self.config.story, self.config.templates):
            path = self._path(config, value)
            if path.exists():
                server.watch(str(path))
        return server
