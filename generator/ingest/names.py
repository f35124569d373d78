"""Which files of the seeds folder a build reads (light to import: the stored site's key lists them too)."""

from __future__ import annotations

import os

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SIDECAR_SUFFIXES = (".yml", ".yaml")  # an article's metadata, in a file of its name beside it


def seed_name(name: str, sidecars: bool = False) -> bool:
    """Whether a file of the seeds folder with this name is an article a build reads (`sidecars`: or an article's
    metadata file). A hidden name is not, as MkDocs leaves the dot files of docs/ out: editors keep their lock,
    swap and backup files so ('.#article.txt', '.article.txt.swp'), and Emacs' lock is a link to nothing."""
    suffixes = ARTICLE_SUFFIXES + SIDECAR_SUFFIXES if sidecars else ARTICLE_SUFFIXES
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in suffixes  # Path(name).suffix, faster
