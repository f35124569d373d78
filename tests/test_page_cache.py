"""A warm build serves the pages it rendered last time from the page cache, and the site stays byte-identical."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.build.page_cache import PageCache
from tests.conftest import ROOT, build_project, copy_project

# A copy of a project for a reference build: its articles' extractions kept (what these tests check is the pages'
# and the theme's output, which the reference makes afresh), its rendered pages and stored site not
KEEP_EXTRACTIONS = shutil.ignore_patterns("pages", "site", "site-*.json")


def stored(project: Path) -> dict[str, object]:
    """The page cache's entries, one file each, by key (a theme output is its text)."""
    folder = project / ".cache" / "explainer" / "pages"
    data = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("??/*.json"))}
    return data | {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("??/*.html"))}


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project (project/) built once with an empty cache into cold/, and kept as built (pristine/)."""
    base = tmp_path_factory.mktemp("page-cache")
    cold = build_project(copy_project(base / "project"), base / "cold")
    assert cold.returncode == 0, cold.stderr
    shutil.copytree(base / "project", base / "pristine", symlinks=True)
    return base


@pytest.fixture
def built(built_once: Path) -> Path:
    """The project as its cold build left it (cache entries and all), in the folder it was built in: the theme's
    outputs are keyed by the site's folders, so a copy elsewhere would miss them all."""
    project = built_once / "project"
    shutil.rmtree(project)
    return shutil.copytree(built_once / "pristine", project, symlinks=True)


def test_a_warm_build_is_the_cold_build_and_a_broken_cache_is_ignored(built: Path, tmp_path: Path) -> None:
    project, cold = built, built.parent / "cold"
    entries = stored(project)
    pages = [e for e in entries.values() if isinstance(e, dict) and "html" in e]
    assert len(pages) >= 20 and all(e["html"] and isinstance(e["toc"], list) for e in pages)
    searched = [e for e in entries.values() if isinstance(e, list)]  # each page's search entries
    assert searched and any(any("Geneva" in item.get("text", "") for item in e) for e in searched)
    warm = build_project(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert tree(tmp_path / "warm") == tree(cold)
    assert stored(project) == entries  # every page served again, and nothing written twice
    files = {p.stem: p for p in (project / ".cache" / "explainer" / "pages").glob("??/*.*")}
    assert {p.suffix for p in files.values()} == {".json", ".html"}
    gone = sorted(key for key, entry in entries.items() if isinstance(entry, dict) and "html" in entry)[::2]
    for number, (key, path) in enumerate(sorted(files.items())):  # a cache is data: a broken entry is a miss
        if key in gone:
            path.unlink()
        else:
            broken = ["[not json", '{"html": 1}', "", '{"toc": []}', "42", "[[]]", "{}"]  # of no kind at all
            if path.suffix == ".html":  # a theme output: no text, or not UTF-8
                broken = ["", " \n", "<html>\udcff"]
            text = broken[number % len(broken)]
            path.write_bytes(text.encode("utf-8", "surrogateescape"))
    config = project / "mkdocs.yml"  # the pages it lacks are rendered over two processes; all to the same bytes
    config.write_text(config.read_text(encoding="utf-8").replace("      templates: templates\n",
                      "      templates: templates\n      jobs: 2\n"), encoding="utf-8")  # fmt: skip
    again = build_project(project, tmp_path / "again", quiet=False)
    assert again.returncode == 0, again.stderr
    assert f"{len(gone)} pages rendered over 2 processes" in again.stderr
    assert tree(tmp_path / "again") == tree(cold)
    assert stored(project) == entries  # every missing or broken entry made again and written over


def test_theme_output_is_reused_only_while_the_setting_is_the_same(built: Path, tmp_path: Path) -> None:
    project = built
    outputs = [v for v in stored(project).values() if isinstance(v, str)]
    assert len(outputs) >= 20 and all(v.lstrip().startswith("<!doctype html>") for v in outputs)  # theme outputs
    config = project / "mkdocs.yml"  # a new site name changes every page's header: nothing stale may be served
    text = config.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("site_name:"))
    config.write_text(text.replace(name, "site_name: A renamed explainer"), encoding="utf-8")
    fresh = copy_project(tmp_path / "fresh")
    (fresh / "mkdocs.yml").write_text(config.read_text(encoding="utf-8"), encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:  # two projects, two caches: the builds do not meet
        warm, cold = pool.map(build_project, (project, fresh), (tmp_path / "renamed", tmp_path / "cold"))
    assert warm.returncode == 0, warm.stderr
    assert cold.returncode == 0, cold.stderr
    assert tree(tmp_path / "renamed") == tree(tmp_path / "cold")
    assert "A renamed explainer" in (tmp_path / "renamed" / "timeline.html").read_text(encoding="utf-8")


def test_a_page_stands_for_its_render_in_a_key_only_while_it_holds_that_very_html(tmp_path: Path) -> None:
    """The theme-output and search keys name a page's HTML by the render that made it, unless a plugin after this
    one gave the page other HTML (even equal HTML, as a new string: it is hashed then)."""
    cache = PageCache(tmp_path, salt="setting")
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), toc=[], links_to_anchors=None,
                           present_anchor_ids=set(), _title_from_render="A", content=None)  # fmt: skip
    html = "<h1>A</h1><p>One.</p>"
    cache.store(page, "# A\n\nOne.", html)  # type: ignore[arg-type]
    page.content = html
    rendered = cache.content_key(page)  # type: ignore[arg-type]
    assert rendered == cache.page_key("a.md", "# A\n\nOne.")
    page.content = html + "<p>Added by another plugin.</p>"
    changed = cache.content_key(page)  # type: ignore[arg-type]
    page.content = "".join(["<h1>A</h1>", "<p>One.</p>"])
    assert len({rendered, changed, cache.content_key(page)}) == 3  # type: ignore[arg-type]


NEWCOMER = "New talks\n\nHalvard Brekke, a mediator from Oslo, also sat at the table in Geneva.\n"


def test_a_page_added_keeps_the_other_renders_and_the_site_is_the_cold_builds(built: Path, tmp_path: Path) -> None:
    project = built
    renders = {k for k, e in stored(project).items() if isinstance(e, dict) and "html" in e}
    (project / "seeds" / "new.txt").write_text(NEWCOMER, encoding="utf-8")  # new pages: its source, new actors
    fresh = shutil.copytree(project, tmp_path / "fresh", ignore=shutil.ignore_patterns(".cache"))
    with ThreadPoolExecutor(2) as pool:  # at once: two projects, two caches
        warm, cold = pool.map(build_project, (project, fresh), (tmp_path / "warm", tmp_path / "cold"))
    assert warm.returncode == 0 and cold.returncode == 0, warm.stderr + cold.stderr
    assert (tmp_path / "warm" / "sources" / "new.html").is_file()
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")
    kept = renders & {k for k, e in stored(project).items() if isinstance(e, dict) and "html" in e}
    assert len(kept) >= len(renders) // 2, "a page added made the other pages' renders misses"


def test_only_a_page_that_may_link_depends_on_the_set_of_files() -> None:
    from mkdocs.config import load_config

    from generator.build.page_cache import fingerprint, may_link
    from tests.conftest import ROOT

    for linking in ("[a](b.md)", "![i](x.png)", "[a][ref]", "[ref]: x.md", '<div markdown="1">', "<div markdown>",
                    '<div class="x"\n  MARKDOWN="block">'):
        assert may_link(f"# T\n\n{linking}\n"), linking
    assert not may_link('# T\n\n<table><tr><td><a href="../x/">x</a></td></tr></table>\n\nPlain [sic] text.\n')
    assert not may_link("# Markdown\n\n<p>Written in Markdown, [sic].</p>\n")  # the word, not an attribute
    config = load_config(str(ROOT / "mkdocs.yml"))
    one, two = [SimpleNamespace(src_uri="a.md")], [SimpleNamespace(src_uri="a.md"), SimpleNamespace(src_uri="b.md")]
    (salt, listing), (salt_two, listing_two) = fingerprint(config, one), fingerprint(config, two)  # type: ignore[arg-type]
    assert salt == salt_two and listing != listing_two  # a file added: only pages that may link are keyed anew
    config["markdown_extensions"].append("wikilinks")  # [[Page]] links to a file without what MAY_LINK finds
    assert fingerprint(config, one)[0] != fingerprint(config, two)[0]  # type: ignore[arg-type]  (then every page is)


def test_a_servers_sitemap_is_given_back_only_while_what_it_lists_is_unchanged(tmp_path: Path) -> None:
    """The project's own sitemap template renders once per change of an address or a date, not once per edit; a
    template edited since is MkDocs' to render on every build."""
    import jinja2

    from generator.build import theme_cache

    theme = ROOT / "templates" / "theme"
    assert hashlib.sha1((theme / "sitemap.xml").read_bytes()).hexdigest() == theme_cache.SHIPPED_SITEMAP

    def page(name: str, lastmod: object = None) -> SimpleNamespace:
        return SimpleNamespace(canonical_url=f"https://example.org/{name}.html", is_link=False,
                               meta={"lastmod": lastmod} if lastmod else {}, update_date="2025-11-30")  # fmt: skip

    files = [SimpleNamespace(page=page("a", "2025-11-23")), SimpleNamespace(page=page("b"))]
    config = SimpleNamespace(site_url="https://example.org/")
    renders: list[str] = []

    def env_of(folder: Path) -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
        render = jinja2.Template.render
        env.template_class = type("Counted", (jinja2.Template,), {"render": lambda t, *a, **k: renders.append(
            t.name) or render(t, *a, **k)})  # fmt: skip
        return theme_cache.remember_sitemap(env)

    env = env_of(theme)
    first = env.get_template("sitemap.xml").render({"pages": files, "config": config})
    again = env.get_template("sitemap.xml").render({"pages": list(files), "config": config})
    assert again is first and len(renders) == 1 and "<lastmod>2025-11-23</lastmod>" in first
    files[1] = SimpleNamespace(page=page("b", "2025-12-01"))  # a page's date changed
    changed = env.get_template("sitemap.xml").render({"pages": files, "config": config})
    assert "<lastmod>2025-12-01</lastmod>" in changed and len(renders) == 2
    files.append(SimpleNamespace(page=page("c")))  # a page added
    assert "https://example.org/c.html" in env.get_template("sitemap.xml").render({"pages": files, "config": config})
    files.append(SimpleNamespace(page=None))  # a file with no page: nothing listed, nothing read
    assert env.get_template("sitemap.xml").render({"pages": files, "config": config}).count("<url>") == 3
    files[0] = SimpleNamespace(page=page("a", 1))  # front matter may hold a number
    assert "<lastmod>1</lastmod>" in env.get_template("sitemap.xml").render({"pages": files, "config": config})
    files[0] = SimpleNamespace(page=page("a", 1.0))  # equal to 1, printed otherwise
    assert "<lastmod>1.0</lastmod>" in env.get_template("sitemap.xml").render({"pages": files, "config": config})
    unaddressed = SimpleNamespace(site_url="")  # no address: no page listed
    assert "<url>" not in env.get_template("sitemap.xml").render({"pages": files, "config": unaddressed})
    assert len(renders) == 7
    edited = tmp_path / "theme"
    edited.mkdir()
    (edited / "sitemap.xml").write_text((theme / "sitemap.xml").read_text() + "<!-- mine -->\n")
    env, renders[:] = env_of(edited), []
    for _ in range(2):
        env.get_template("sitemap.xml").render({"pages": files, "config": config})
    assert len(renders) == 2  # not the project's template: rendered each time


def test_what_the_navigation_shows_of_a_pages_front_matter_reaches_every_page_of_a_warm_build(
    built: Path, tmp_path: Path
) -> None:
    """Material's navigation shows an entry's icon, subtitle and status from the page's front matter: a change to
    them, with the same titles and addresses, is a change of every page's setting."""
    project = built
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - About: about.md\n",
                      "  - About: about.md\n  - Notes: notes.md\n"), encoding="utf-8")  # fmt: skip
    notes = project / "docs" / "notes.md"
    for subtitle in ("First drafts", "Second thoughts"):
        front = f"---\nsubtitle: {subtitle}\nstatus: new\n---\n"
        notes.write_text(front + "# Notes\n\nA page of notes.\n", encoding="utf-8")
        warm = build_project(project, tmp_path / "warm")
        assert warm.returncode == 0, warm.stderr
    fresh = shutil.copytree(project, tmp_path / "fresh", ignore=KEEP_EXTRACTIONS)
    cold = build_project(fresh, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    timeline = (tmp_path / "warm" / "timeline.html").read_text(encoding="utf-8")
    assert "Second thoughts" in timeline and "First drafts" not in timeline
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold")


def test_the_error_page_of_an_unchanged_site_is_given_back_from_the_cache(built: Path, tmp_path: Path) -> None:
    """MkDocs renders 404.html from the theme's page template on every build: a warm build gives back the output
    kept under the site's setting (every other page is served from the cache too, so no template is compiled)."""
    project, cold = built, built.parent / "cold"
    error_page = (cold / "404.html").read_text(encoding="utf-8")
    keys = [key for key, entry in stored(project).items() if entry == error_page]
    assert len(keys) == 1, "the error page is not kept"
    (path,) = (project / ".cache" / "explainer" / "pages").glob(f"??/{keys[0]}.html")
    for index in (True, False):  # marked in the cache: while the index knows the output, a changed file is a miss
        path.write_text(path.read_text(encoding="utf-8").replace("</body>", "<!-- kept --></body>"), encoding="utf-8")
        if not index:  # a cache older than the index: its output is taken as it reads
            (project / ".cache" / "explainer" / "placed.json").unlink()
        warm = build_project(project, tmp_path / f"warm-{index}")
        assert warm.returncode == 0, warm.stderr
        kept = "<!-- kept -->" in (tmp_path / f"warm-{index}" / "404.html").read_text(encoding="utf-8")
        assert kept is not index
    config = project / "mkdocs.yml"  # a page of the site's own drawn with the error page's template: its own output
    config.write_text(config.read_text(encoding="utf-8").replace("  - About: about.md\n",
                      "  - About: about.md\n  - Gone: gone.md\n"), encoding="utf-8")  # fmt: skip
    (project / "docs" / "gone.md").write_text("---\ntemplate: 404.html\n---\n# Gone away\n\nMoved.\n", encoding="utf-8")
    for build in ("first", "second"):  # the error page kept, then given back: neither is the page's output
        assert build_project(project, tmp_path / build).returncode == 0
    fresh = shutil.copytree(project, tmp_path / "fresh", ignore=KEEP_EXTRACTIONS)
    assert build_project(fresh, tmp_path / "cold").returncode == 0
    assert "<title>Gone - " in (tmp_path / "second" / "gone.html").read_text(encoding="utf-8")
    assert "<title>Gone - " not in (tmp_path / "second" / "404.html").read_text(encoding="utf-8")
    assert tree(tmp_path / "first") == tree(tmp_path / "second") == tree(tmp_path / "cold")


def test_a_hand_written_page_may_link_to_the_anchors_in_generated_html(built: Path, tmp_path: Path) -> None:
    """A source's sentences and the timeline's entries sit in HTML the Markdown parser is not given
    (`publish.rawhtml`); MkDocs still counts their anchors, so a link to one passes `--strict` and a link to an
    anchor no page has fails it. The build is a warm one: the generated pages' anchors are those their cold build's
    renders stored in the page cache (a strict build that fails stores nothing, so whether they were hits is not
    read here)."""
    project, cold = built, built.parent / "cold"
    source = sorted((cold / "sources").glob("0*.html"))[0]
    sentence = re.search(r'class="sentence" id="([^"]+)"', source.read_text(encoding="utf-8"))
    entry = re.search(r'<article class="tl-entry[^"]*" id="([^"]+)"', (cold / "timeline.html").read_text("utf-8"))
    assert sentence and entry
    page = f"sources/{source.stem}.md"
    links = [f"{page}#{sentence[1]}", f"timeline.md#{entry[1]}", f"{page}#s-nowhere", "timeline.md#e-nowhere"]
    text = "\n".join(f"- [{n}]({link})" for n, link in enumerate(links))
    (project / "docs" / "notes.md").write_text(f"# Notes\n\n{text}\n", encoding="utf-8")
    built_now = build_project(project, tmp_path / "site", quiet=False)
    assert built_now.returncode != 0  # the two links that lead nowhere are reported, the others are not
    assert "s-nowhere" in built_now.stderr and "e-nowhere" in built_now.stderr, built_now.stderr
    assert sentence[1] not in built_now.stderr and entry[1] not in built_now.stderr, built_now.stderr
