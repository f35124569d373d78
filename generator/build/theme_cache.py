"""The theme's output kept between builds: a generated page whose content and whole setting are unchanged is not
run through the theme's template again.

MkDocs runs Material's page template for every page on every build; on a warm build of a large story that is
most of the time left. The template's output is a function of the page (its HTML, table of contents, title,
front matter, address, neighbours and ancestors in the navigation), the navigation as a whole, the site's
configuration and its template overrides, and the versions of MkDocs and Material. A hash of all of these keys
the output in the page cache's file; on a hit the page is given an empty template and its stored output is
written instead, byte for byte what the template gave last time (`tests/test_page_cache.py` compares every file
of cold, warm and changed-configuration builds).
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.build.page_cache import PLACED, PageCache
from generator.publish.compiled import COMPILED

CACHED = "explainer-cached-page.html"  # an empty template: the page's output comes from the cache
SETTINGS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
            "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls", "nav", "docs_dir", "hooks",
            "extra_templates", "not_in_nav", "markdown_extensions", "mdx_configs")  # fmt: skip
OWN = "explainer"  # this plugin: its options (folders, jobs) change what it generates, not how a page is dressed


# What Material's navigation shows of each entry's front matter (partials/nav-item.html, partials/tabs-item.html):
# a change to it, under the same title and address, is a change of every page's navigation.
NAV_META = ("icon", "subtitle", "status")


def _nav(items: list[Any]) -> list[Any]:
    return [[str(item.title), getattr(item, "url", None), _nav(getattr(item, "children", None) or []),
             [(getattr(item, "meta", None) or {}).get(key) for key in NAV_META],
             getattr(item, "is_index", None), str(getattr(item, "typeset", ""))] for item in items]  # fmt: skip


def configuration(config: MkDocsConfig) -> str:
    """What every page's output depends on in the site's setup: configuration (other plugins' settings too),
    theme, template overrides (read once per build)."""
    digest = hashlib.sha1()
    values = {key: config.get(key) for key in SETTINGS}
    values["plugins"] = {name: dict(plugin.config) for name, plugin in config.plugins.items() if name != OWN}
    theme = config.theme
    values["theme"] = {"name": theme.name, "options": dict(theme), "dirs": theme.dirs}
    digest.update(json.dumps(values, sort_keys=True, default=str).encode())
    custom = getattr(theme, "custom_dir", None)
    if custom and Path(custom).is_dir():  # the site's own template overrides
        for path in sorted(p for p in Path(custom).rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(custom)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def setting(configuration: str, nav: Navigation) -> str:
    """What every page's output depends on besides the page: the setup (`configuration`) and the navigation."""
    return hashlib.sha1(configuration.encode() + json.dumps(_nav(nav.items), default=str).encode()).hexdigest()


def page_state(page: Page, content: str) -> str:
    """The page as its template reads it (`content`: what stands for its HTML and table of contents)."""
    neighbours = [(str(p.title), p.url) if p else None for p in (page.previous_page, page.next_page)]
    state = {
        "url": page.url, "canonical": page.canonical_url, "edit": page.edit_url, "title": str(page.title),
        "content": content, "toc": [[a.id, a.title, a.level] for a in _flat(list(page.toc))], "meta": page.meta,
        "neighbours": neighbours, "ancestors": [str(a.title) for a in page.ancestors],
    }  # fmt: skip
    return json.dumps(state, sort_keys=True, default=str)


def _flat(links: list[Any]) -> list[Any]:
    return [x for a in links for x in (a, *_flat(list(a.children)))]


def with_empty_template(env: jinja2.Environment) -> jinja2.Environment:
    """The theme's environment with one more template, empty, for pages served from the cache."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({CACHED: ""}), env.loader])  # type: ignore[list-item]
    return env


def plan(cache: PageCache, site: str, pages: list[Page]) -> dict[str, tuple[str, str | None]]:
    """Each page's key and its stored output (None: render it); a stored page is given the empty template."""
    planned: dict[str, tuple[str, str | None]] = {}
    for page in pages:
        key = cache._key("theme", site, page_state(page, cache.content_key(page)))
        stored = PLACED if cache.linkable(key) else cache.text(key)
        if stored is not None:
            page.meta["template"] = CACHED
            planned[page.file.src_uri] = (key, stored)
        else:
            planned[page.file.src_uri] = (key, None)
    return planned


class _Remembered:
    """A theme template whose last output is given back while what it reads is as then (`recall`: that output, or
    None; `keep`: the output of a render), compiled only when it must render."""

    def __init__(
        self, template: Callable[[], Any], recall: Callable[[Any], str | None], keep: Callable[[Any, str], None]
    ) -> None:
        self._template, self._recall, self._keep = template, recall, keep

    def __getattr__(self, name: str) -> Any:  # what a plugin or Jinja asks of the template: the template's
        return getattr(self._template(), name)

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if args else kwargs
        found = self._recall(context)
        if found is not None:
            return found
        output: str = self._template().render(*args, **kwargs)
        self._keep(context, output)
        return output


def _remember(env: jinja2.Environment, remembered: str, wrap: Callable[[Callable[[], Any]], Any]) -> jinja2.Environment:
    """`env`, its template `remembered` given as `wrap` makes it of a function that loads the template."""
    get_template = env.get_template

    def get(name: Any, *args: Any, **kwargs: Any) -> Any:
        if name != remembered:
            return get_template(name, *args, **kwargs)
        return wrap(functools.cache(lambda: get_template(name, *args, **kwargs)))

    env.get_template = get  # type: ignore[method-assign]
    return env


ERROR_PAGE = "404.html"  # MkDocs builds it from the theme's page template on every build, with no page of its own


def remember_error_page(env: jinja2.Environment, cache: PageCache, setting: str) -> jinja2.Environment:
    """The error page's output kept in the page cache under the setting every page's theme output is keyed by
    (configuration, template overrides, navigation): MkDocs renders it with no page, so that is all it reads. An
    unchanged site's build spent a third of its time compiling Material's page template for it. A page drawn with
    that template (front matter `template: 404.html`) is rendered as any page is."""
    key = cache._key("theme", setting, ERROR_PAGE)

    def recall(context: Any) -> str | None:
        stored = cache.text(key) if context.get("page") is None else None
        if stored is None:
            return None
        cache.use(key, stored, stored=True, uri=ERROR_PAGE)
        return stored

    def keep(context: Any, output: str) -> None:
        if context.get("page") is None:
            cache.use(key, output, stored=False, uri=ERROR_PAGE)

    return _remember(env, ERROR_PAGE, lambda template: _Remembered(template, recall, keep))


_LISTED: dict[str, tuple[list[str], list[tuple[str, int]]]] = {}  # a theme folder -> its files, its folders' times
_SORTED: dict[tuple[Any, ...], bool] = {}  # (MkDocs' filter, static templates, a file) -> whether it is a theme file
# (filter, static templates) -> (the folders' listings, the theme files kept from them): a listing made again is a
# new list, so the same lists are the same files
_KEPT: dict[tuple[Any, ...], tuple[list[list[str]], list[str]]] = {}


def _walk(folder: str) -> tuple[list[str], list[tuple[str, int]]]:
    """A theme folder's files, named as Jinja's `FileSystemLoader.list_templates` names them, and the time of each
    of its folders, in one walk."""
    names, folders = set(), []
    for path, _dirs, files in os.walk(folder):
        folders.append((path, os.stat(path).st_mtime_ns))
        for file in files:
            name = os.path.join(path, file)[len(folder) :].strip(os.path.sep).replace(os.path.sep, "/")
            names.add(name[2:] if name[:2] == "./" else name)
    return sorted(names), folders


def _listing(folder: str) -> list[str]:
    """The files of a theme folder as Jinja lists them: listed again only when one of its folders changed."""
    kept = _LISTED.get(folder)
    try:
        if kept is not None and all(os.stat(path).st_mtime_ns == time for path, time in kept[1]):
            return kept[0]
    except OSError:  # a folder went away
        pass
    _LISTED[folder] = kept = _walk(folder)
    return kept[0]


def list_theme_once(config: MkDocsConfig) -> MkDocsConfig:
    """While serving: the theme's files are listed, and sorted into templates and files to copy, once per server,
    not on every build as MkDocs does (Material has 14,500 files, most of them icons: 0.15 s a build). A theme
    folder is listed again when one of its folders changed (a file added, removed or renamed in it). The theme's
    templates are compiled once per server too (`COMPILED`), in every environment made from the theme: other
    plugins make their own (Material's search loads its translations in one on every build: 30 ms)."""
    theme = config.theme
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = COMPILED
        list_all = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_all(extensions, filter_func)
            listings = [_listing(folder) for folder in theme.dirs]
            setting = (filter_func.__code__, tuple(theme.static_templates))
            last = _KEPT.get(setting)
            if last is not None and len(last[0]) == len(listings) and all(map(operator.is_, last[0], listings)):
                return list(last[1])  # the folders' very listings: the same files sorted the same way
            kept = []
            for name in sorted({name for listing in listings for name in listing}):
                key = (*setting, name)
                if key not in _SORTED:
                    _SORTED[key] = filter_func(name)
                if _SORTED[key]:
                    kept.append(name)
            _KEPT[setting] = (listings, kept)
            return list(kept)

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]
    return config


SITEMAP = "sitemap.xml"
# The digest of the project's own sitemap template (templates/theme/sitemap.xml), whose reads `_sitemap_reads` lists:
# a template changed since is rendered on every build, as MkDocs does. A change to the shipped template changes
# this digest (a test compares them) and must change `_sitemap_reads` to what the new template reads.
SHIPPED_SITEMAP = "2a2de174a107d851bf667fa7331df20335973f3f"
_SITEMAPS: dict[str, tuple[tuple[Any, ...], str]] = {}  # a template's file -> (what it read, what it gave)


def _sitemap_reads(context: Any) -> tuple[Any, ...]:
    """What the project's sitemap template reads: the site's address and each page's address, link flag, front
    matter date and update date."""
    pages = []
    for item in context["pages"]:
        page = getattr(item, "page", item)
        meta = getattr(page, "meta", None) or {}
        lastmod = meta.get("lastmod")  # with its type: 1 and 1.0 are equal, and print otherwise
        read = None if page is None else (page.canonical_url, page.is_link, type(lastmod), lastmod, page.update_date)
        pages.append(read)
    return context["config"].site_url, tuple(pages)


def remember_sitemap(env: jinja2.Environment) -> jinja2.Environment:
    """While serving: the project's own sitemap template (unchanged) gives back its last output while what it reads
    is as at its last render. A server renders it on every build (7,300 pages at 1,000 articles: 0.1 s of each edit)
    though an edit seldom adds a page or changes a date."""

    def wrap(template: Callable[[], jinja2.Template]) -> Any:
        path = template().filename
        if path is None or hashlib.sha1(Path(path).read_bytes()).hexdigest() != SHIPPED_SITEMAP:
            return template()

        def recall(context: Any) -> str | None:
            kept = _SITEMAPS.get(path)
            return kept[1] if kept is not None and kept[0] == _sitemap_reads(context) else None

        def keep(context: Any, output: str) -> None:
            _SITEMAPS[path] = (_sitemap_reads(context), output)

        return _Remembered(template, recall, keep)

    return _remember(env, SITEMAP, wrap)
