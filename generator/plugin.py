"""The MkDocs plugin: `mkdocs build` runs the pipeline and adds its pages as virtual files.

Nothing is written into docs/, so `mkdocs serve` watches the seeds and the story file without a
rebuild loop. `mkdocs build` writes into a staging folder beside site/ and swaps it in whole after
the last page (see `outdir`): a failed or killed build leaves the previous site/ as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from types import MethodType
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.build import collector, outdir, search_json, serving, theme_cache
from generator.build.cache import BuildInputs
from generator.build.collisions import check_docs
from generator.build.front_matter import FrontMatter, alone
from generator.build.mkdocs_yml import read_config
from generator.build.page_cache import PageCache, fingerprint
from generator.build.placed import may_place
from generator.build.prerender import draw_apart, missing, prerender
from generator.build.settings import PluginOptions, WatchMode, content_epoch, jobs_setting, worker_count
from generator.build.site_cache import cached_build, store_unsaved
from generator.build.theme_cache import CACHED, configuration, list_theme_once, setting, with_empty_template
from generator.build.theme_cache import plan as theme_plan
from generator.build.unchanged import Server
from generator.build.virtual_files import GeneratedFiles, settle
from generator.build.watcher import watch
from generator.config import story_file
from generator.core.errors import INPUT_ERRORS, BuildError, one_line
from generator.publish.compiled import COMPILED
from generator.publish.navigation import prune_nav
from generator.publish.rawhtml import stash_raw, with_raw
from generator.publish.urls import PAGES

NAV_PAGES = frozenset(PAGES.values())
log = logging.getLogger("mkdocs.plugins.explainer")


DEFAULTS = PluginOptions()  # the options and their defaults, shared with the Zensical builder


class ExplainerConfig(Config):
    seeds = c.Type(str, default=DEFAULTS.seeds)
    story = c.Type(str, default=DEFAULTS.story)
    templates = c.Type(str, default=DEFAULTS.templates)
    cache = c.Type(str, default=DEFAULTS.cache)
    jobs = c.Type(int, default=DEFAULTS.jobs)
    watch = c.Choice(tuple(mode.value for mode in WatchMode), default=DEFAULTS.watch.value)


def _strict_failure(config: MkDocsConfig) -> bool:
    """Whether `--strict` will fail this build once the plugins are done: MkDocs counts warnings in a handler."""
    handlers = logging.getLogger("mkdocs").handlers
    return bool(config.strict) and any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


NO_DEBUG = ("", "0", "no")  # values of EXPLAINER_DEBUG that leave a crash's traceback out


def _given_back(page: Page) -> str:
    """A page the page cache holds is not rendered: `on_page_content` gives back what its render gave last time."""
    page.render = MethodType(lambda page, config, files: setattr(page, "content", ""), page)  # type: ignore[method-assign]
    return ""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def __init__(self) -> None:
        self.generated: dict[str, str] = {}
        self.raw: dict[str, list[str]] = {}  # page -> HTML blocks kept away from the Markdown parser
        self.command = "build"
        self.site: tuple[Path, Path] | None = None  # (the site folder, the staging folder built in its place)
        self.locks = ExitStack()
        self.pages: PageCache | None = None  # rendered pages of the last build (None: no cache folder)
        self.front: FrontMatter | None = None  # generated pages' front matter as data (None: no cache folder)
        self.kept: PageCache | None = None  # while serving: the last build's pages, saved when the server stops
        self.unsaved = False  # whether `kept` holds pages the cache file lacks
        self.markdown: dict[str, str] = {}  # page -> the Markdown its render key is made of
        self.nav: Any = None
        self.outputs: dict[str, tuple[str, str | None]] = {}  # page -> its theme-output key and stored output
        self.set_aside: dict[str, str | None] = {}  # page -> its HTML, while the page is written from the cache
        self.server = Server()  # while serving: what the last build wrote (`--dirty` passes unchanged pages by)
        self.made = GeneratedFiles()  # the generated pages' files, their paths worked out once per server
        self.configuration = ""  # this build's setup, as `theme_cache.configuration` digests it
        self.setting = ""  # what every page's output depends on besides the page (see `theme_cache.setting`)
        self.files: Files | None = None
        self.epoch: str | None = None  # the SOURCE_DATE_EPOCH this plugin set, if it set one

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def _served(self, config: MkDocsConfig) -> bool:
        return self.command == "serve" or serving.served(config)

    def _cache(self, config: MkDocsConfig) -> Path | None:
        return self._path(config, self.config.cache) if self.config.cache else None

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """Read mkdocs.yml once through the project's guarded loader before MkDocs goes on with it: aliases that
        blow the file up (a "billion laughs") are one line here, not gigabytes in MkDocs' own reading."""
        if config_file_path:
            path = Path(config_file_path)
            try:
                read_config(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
            except BuildError as exc:
                raise PluginError(one_line(str(exc))) from None
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.server.dirty = command, dirty and command == "serve"
        if command == "serve":
            serving.start(dirty)

    @event_priority(50)  # first: while serving, the theme's templates other plugins load are compiled once
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the site folder is ours to replace, take the build's locks, and build beside it."""
        if self._served(config):  # MkDocs serves from a temporary folder of its own
            serving.keep_no_address(config)
            return list_theme_once(config) if self.command == "serve" else config
        site, project = Path(config.site_dir), Path(config.config_file_path).parent
        cache = self._cache(config)
        protected = {"the project folder": project, **({"the extraction cache": cache} if cache else {})}
        inputs = [self._path(config, v) for v in (self.config.seeds, self.config.templates)] + [Path(config.docs_dir)]
        try:
            outdir.check_target(site, protected, inputs, option="site_dir", project=project)
            story = None if self.config.story == DEFAULTS.story else self.config.story  # the default may be missing
            options = (self.config.cache, self.config.templates, self.config.seeds, story)
            outdir.check_plugin_folders(f"{config.config_file_path}: plugins: explainer:", project, *options)
            self.locks.enter_context(outdir.build_lock([site, *([cache] if cache else [])], log.info))
            outdir.remove_leftovers(site)
            staging = outdir.staging_folder(site)
        except INPUT_ERRORS as exc:
            self._release()
            raise PluginError(one_line(str(exc))) from None
        except OSError as exc:
            self._release()
            raise PluginError(f"site_dir {site}: cannot build beside it ({exc.strerror}); check the folder") from None
        self.site = (site, staging)
        config.site_dir = str(staging)
        return config

    @event_priority(-100)  # after every other plugin (search writes its index in on_post_build)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        collector.resume_after_pages()
        if self.pages is not None and not _strict_failure(config):
            first = self.command != "serve" or self.kept is None  # a build, or a server's first build
            if first:
                self._save(self.pages.save)
            self.unsaved = not first  # a server's rebuild: its files are written when the server stops
            if self.front is not None and self.front.finish(prune=self.command != "serve") and first:
                self._save(self.front.write)
            self.kept = self.pages if self.command == "serve" else None  # the next rebuild starts from memory
        self.pages = None
        search_json.release(config.plugins.get("material/search"))
        if self.command == "serve" and self.files is not None:
            self.server.finish(self.setting, self.generated, self.files)
            collector.collect_when_idle()
        self.files = self.nav = None  # nothing of this build's pages is held past it (see `search_json.release`)
        if self.site:
            (site, staging), self.site = self.site, None
            if _strict_failure(config):  # MkDocs aborts right after this event: keep the previous site
                shutil.rmtree(staging, ignore_errors=True)
            else:
                try:
                    note = outdir.swap_into_place(staging, site)
                except OSError as exc:
                    shutil.rmtree(staging, ignore_errors=True)
                    self._release()
                    raise PluginError(
                        f"site_dir {site}: could not be replaced ({exc.strerror}; a mount point or another file "
                        "system?); the previous site is unchanged"
                    ) from None
                if note:
                    log.info("explainer: warning: %s", note)
            config.site_dir = str(site)
        self._release()

    def on_build_error(self, *, error: Exception) -> None:
        collector.resume_collecting()
        collector.resume_after_pages()
        self.server.forget(self.files, self.generated)
        self.set_aside.clear()
        if self.site:
            shutil.rmtree(self.site[1], ignore_errors=True)
            self.site = None
        self._release()

    def on_shutdown(self) -> None:
        try:
            if self.kept is not None and self.unsaved:
                self._save(self.kept.save)
            if self.front is not None:
                self._save(self.front.write)
            self._save(store_unsaved)  # the site of its latest rebuild
        finally:  # a second Ctrl-C while the page cache is saved still lets the locks go
            self.kept, self.unsaved = None, False
            collector.stop_collecting()
            serving.stop()
            self.server.stop()
            self._release()

    @staticmethod
    def _save(save: Callable[[], None]) -> None:
        try:
            save()
        except OSError as exc:  # a full or read-only disk: the next build renders its pages again
            log.info("explainer: warning: the cache was not saved (%s)", exc.strerror or exc)

    def _release(self) -> None:
        self.locks.close()
        self.locks = ExitStack()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        collector.resume_after_pages()  # (a build interrupted in-process left no handler to do it)
        for held in (self.set_aside, self.markdown, self.raw):  # what a failed build's pages left
            held.clear()
        story = self._path(config, self.config.story)
        try:
            jobs = jobs_setting(self.config.jobs)
            seeds, templates = self._path(config, self.config.seeds), self._path(config, self.config.templates)
            story_path = story_file(story) if os.path.lexists(story) else None
            cache, keep = self._cache(config), self.command == "serve"  # a server builds again: it keeps what it read
            address = serving.published_address(config) if keep or serving.served(config) else config.site_url or None
            inputs = BuildInputs(seeds, story_path, templates, cache, jobs, address, keep)
            outputs = cached_build(inputs)
            self.generated = outputs.files
            self.pages = PageCache.load(cache, self.kept, keep) if cache is not None else None
            self.front = FrontMatter.load(cache, self.front) if cache and alone(config.plugins, self) else None
        except INPUT_ERRORS as exc:
            raise PluginError(one_line(str(exc))) from None
        except OSError as exc:  # the machine said no (permissions, a full or read-only disk): one line
            where = exc.filename or "a file"
            raise PluginError(f"explainer: {where}: {exc.strerror or exc}") from None
        except BaseException as exc:  # never a traceback (extensions' panics are BaseExceptions): one line
            if isinstance(exc, KeyboardInterrupt | SystemExit) or os.environ.get("EXPLAINER_DEBUG", "") not in NO_DEBUG:
                raise
            raise PluginError(
                f"explainer: unexpected failure ({type(exc).__name__}: {one_line(str(exc))}); please report it "
                "(set EXPLAINER_DEBUG=1 for the details)"
            ) from None
        for warning in outputs.warnings:
            log.info("explainer: warning: %s", warning)  # info, not warning: `--strict` must not fail on them
        self._date_outputs(content_epoch(outputs.content_date))

    def _date_outputs(self, epoch: str | None) -> None:
        """Date the build's outputs (the sitemap's archive) by the content, unless the user set a date: a server
        dates each build by its own content, as a build from nothing would."""
        if os.environ.get("SOURCE_DATE_EPOCH") not in (None, self.epoch):
            return
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        self.epoch = epoch

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add the generated pages; a docs-folder file one of them would replace is refused (one line, both named)."""
        own = [f.src_uri for f in files if f.generated_by is None and f.src_dir == config.docs_dir]
        docs = os.path.relpath(config.docs_dir, Path(config.config_file_path).parent)
        try:
            check_docs(own, self.generated, Path(docs).as_posix())
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        for file in self.made.make(config, sorted(self.generated.items()), NAV_PAGES):
            files.append(file)
        if config.nav:  # a page type left out (no plan: no plan tracker) leaves the navigation too
            config.nav = prune_nav(config.nav, self.generated)
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """On a build (not while serving: its watcher runs in a thread), render the pages the cache lacks, all cores."""
        pages, self.nav, self.files = self.pages, nav, files
        settle(files)  # its pages listed again only when its files or their inclusion changed since
        (salt, listing), self.configuration = fingerprint(config, files), configuration(config)
        if self.command == "serve":  # the setting as the navigation's own titles give it (see `unchanged.pass_by`)
            self.setting = salt + setting(self.configuration, nav)
            self.server.mark(self.setting, files, nav.pages, listing)
            if pages is not None and self.kept is not None:  # what a page passed by used stays in the cache
                for uri in self.server.passed:
                    pages.carry(uri, self.kept)
        if pages is not None:
            pages.salt, pages.listing = salt, listing
            if not self._served(config):
                todo = missing(pages, files, sorted(self.generated))
                jobs = worker_count(jobs_setting(self.config.jobs), len(todo))
                if done := prerender(pages, config, files, todo, jobs):
                    log.info("explainer: %d pages rendered over %d processes", done, jobs)
                if done == len(todo):  # every page the cache's: MkDocs' loop converts none
                    collector.pause_for_pages()
        return nav

    @event_priority(-100)  # last: another plugin's look at a page's file sees it whole
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.front is not None and page.file.src_uri in self.generated:
            self.front.strip(page)  # its front matter read before: MkDocs reads the page without it
        return page

    @event_priority(100)  # first: the page's meta, as MkDocs' own reading of its front matter gives it
    def _on_page_markdown_meta(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
        if self.front is not None:
            self.front.give(page)

    def _on_page_markdown_cached(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pages, uri = self.pages, page.file.src_uri
        if pages is not None and uri in self.generated:
            if pages.lookup(page, markdown):  # rendered last time from the same Markdown: not converted again
                return _given_back(page)
            self.markdown[uri] = markdown
        stashed, self.raw[uri] = stash_raw(markdown)
        if pages is not None and uri in self.markdown and pages.skeleton(page, markdown, stashed, self.raw[uri]):
            del self.markdown[uri], self.raw[uri]  # ... or from the same Markdown but for its raw blocks
            return _given_back(page)
        return stashed

    on_page_markdown = CombinedEvent(_on_page_markdown_meta, _on_page_markdown_cached)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pages = self.pages
        if pages is not None and page.file.src_uri in pages.hits:
            return pages.restore(page, files)
        blocks, markdown = self.raw.pop(page.file.src_uri, []), self.markdown.pop(page.file.src_uri, None)
        if pages is not None and markdown is not None:
            return pages.rendered(page, markdown, html, blocks)
        return with_raw(page, html, blocks)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        """Pages whose content and setting are as last build: their theme output comes from the cache."""
        env.bytecode_cache = COMPILED  # a server compiles the theme's templates once, not once per build
        if self.pages is not None and self.nav is not None:
            generated = [f.page for f in files.documentation_pages()
                         if f.src_uri in self.generated and f.page and f.page.content]  # fmt: skip
            site = setting(self.configuration, self.nav)
            if self.site is not None and may_place(config, self.site[1], self.pages.folder):
                self.pages.placed.start()  # a build into a new folder: the cache's files placed in it
            self.outputs = theme_plan(self.pages, site, generated)
            if not self._served(config):  # those it lacks drawn over every core
                draw_apart(self.pages, self.outputs, config, files, self.nav, env, jobs_setting(self.config.jobs))
            env = with_empty_template(theme_cache.remember_sitemap(env) if self.command == "serve" else env)
            env = theme_cache.remember_error_page(env, self.pages, site)
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)  # the pages it writes whose entries the cache lacks: the helper's
        self.server.plan(files, getattr(index, "entries", None), self.pages.knows_search if self.pages else None)
        if self.server.dirty and search is not None:  # the index is whole: not merged with the last one's
            search.search_index_prev = None
        return env

    @event_priority(100)  # first: the theme's own output is what is kept and given back
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.server.after(page.file.src_uri)
        if page.file.src_uri in self.set_aside:
            page.content = self.set_aside.pop(page.file.src_uri)
        planned = self.outputs.pop(page.file.src_uri, None)
        return output if planned is None or self.pages is None else self.pages.output(*planned, output, page)

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        self.server.before(page.file.src_uri)
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if index is not None and not getattr(index, "_explainer_cached", False):
            self.server.searching(index)  # a dirty rebuild's parses in a helper; the JSON joined from kept texts
            add = self.pages.searched(index.add_entry_from_context, index.entries) if self.pages else None
            index.add_entry_from_context = self._indexed(add or index.add_entry_from_context, index.entries)
            index._explainer_cached = True
        return context

    def _indexed(self, add: Callable[[Page], bool | None], entries: list[Any]) -> Callable[[Page], None]:
        """Index a page, keeping its entries for a server's next build; one indexed and written from the cache has
        its HTML set aside until written: the search plugin's pass over it (for the template) has nothing to do."""

        def index(page: Page) -> None:
            before = len(entries)
            if add(page) and page.meta.get("template") == CACHED:
                self.set_aside[page.file.src_uri], page.content = page.content, ""
            if self.command == "serve":
                self.server.indexed[page.file.src_uri] = entries[before:]

        return index

    def on_serve(self, server, *, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        paths = [self._path(config, v) for v in (self.config.seeds, self.config.story, self.config.templates)]
        watch(server, paths, self.config.watch, later=[Path(path) for path in config.watch], seeds=paths[0])
        return server
