"""The generated pages' files as MkDocs sees them, made quickly in a server's rebuild.

MkDocs works out a file's paths from its name each time it makes one: the source path normalised in `File.__init__`,
then its destination, address and place in the site folder once asked for. For the 7,200 generated files of 1,000
articles that was 0.08 s of every rebuild. Those paths depend on the file's name, the site folder and
`use_directory_urls` alone, so a server makes each file once as MkDocs does, asks for its paths, and in later
builds makes a file of the same name and setting from those very fields, its content and plugin set as
`File.generated` sets them: the file MkDocs would have made, its paths already worked out.

MkDocs also asks the collection for its documentation pages eight times a build (the navigation, reading, the
theme's 404 page and sitemap, writing, and the plugin), each a pass over every file's inclusion and name: 8 ms a
time at 7,300 files. After the navigation (`settle`) an answer is given again while the files and their inclusion
are as they were when it was worked out, which takes a tenth of the time to see.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

PATHS = ("dest_uri", "url", "abs_dest_path")  # what MkDocs works out from the name and keeps (cached properties)


class GeneratedFiles:
    """A server's generated files' fields as first made, by name and setting; only the last build's are kept."""

    def __init__(self) -> None:
        self.fields: dict[tuple[str, str, bool, InclusionLevel], dict[str, object]] = {}

    def make(self, config: MkDocsConfig, pages: list[tuple[str, str]], nav: Collection[str]) -> list[File]:
        """A file per (path, content) of `pages`, in their order; those of `nav` are in the navigation."""
        last, self.fields = self.fields, {}
        files = []
        for path, content in pages:
            inclusion = InclusionLevel.UNDEFINED if path in nav else InclusionLevel.NOT_IN_NAV
            key = (path, config.site_dir, bool(config.use_directory_urls), inclusion)
            fields = last.get(key)
            if fields is None:
                file = File.generated(config, path, content=content, inclusion=inclusion)
                for name in PATHS:
                    getattr(file, name)
                fields = {name: value for name, value in vars(file).items() if name != "_content"}
            else:
                file = File.__new__(File)
                vars(file).update(fields)
                file._content = content
                file.generated_by = config.plugins._current_plugin or "<unknown>"
            self.fields[key] = fields
            files.append(file)
        return files


def settle(files: Files) -> None:
    """From now on `files` answers its documentation pages for an inclusion as it last did while its files and
    their inclusion are as then (a plugin may still add a file or set one's inclusion, as Material's blog does in
    its `on_nav`): seeing that reads each file's inclusion once, instead of two calls per file (each caller gets a
    list of its own)."""
    answers: dict[Callable[[InclusionLevel], bool], tuple[list[File], list[InclusionLevel], Sequence[File]]] = {}
    listing = files.documentation_pages

    def documentation_pages(*, inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included) -> list[File]:
        now = list(files)
        levels = [file.inclusion for file in now]
        found = answers.get(inclusion)
        if found is None or found[0] != now or found[1] != levels:  # File compares by identity
            found = answers[inclusion] = (now, levels, listing(inclusion=inclusion))
        return list(found[2])

    vars(files)["documentation_pages"] = documentation_pages
