"""JSON Schema (draft 2020-12) of each data/*.json file, generated from its model in `models.py`."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from types import MappingProxyType

from generator.publish.exports.models import FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def schema_files() -> Mapping[str, str]:
    """data/schema/<name>.schema.json for every data file, keyed by docs-relative path (made once per process: the
    models do not change, and a server's rebuild writes them again)."""
    files = {}
    for name, model in FILES.items():
        schema = model.model_json_schema()
        document = {"$schema": DRAFT, "$id": f"{name}.schema.json", **schema, "title": f"data/{name}.json"}
        files[f"data/schema/{name}.schema.json"] = json.dumps(document, indent=2, sort_keys=True) + "\n"
    return MappingProxyType(files)
