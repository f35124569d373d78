"""Compiled Jinja templates kept in memory for the whole process: light to import, so a build served from the
cache (which renders nothing of its own) does not load the page templating with it."""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, in memory, for a process that builds again (`mkdocs serve`): each build makes new Jinja
    environments (its own and the theme's), which would compile every template again. Jinja keeps the checksum of
    each template's source with its code, so a template edited since is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()  # for every environment of the process: the generator's and the theme's
