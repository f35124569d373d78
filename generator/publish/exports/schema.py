"""JSON Schema (draft 2020-12) of each data/*.json file, generated from its model in `models.py`."""

from __future__ import annotations

import json

from generator.publish.exports.models import FILES

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_files() -> dict[str, str]:
    """data/schema/<name>.schema.json for every data file, keyed by docs-relative path."""
    files = {}
    for name, model in FILES.items():
        schema = model.model_json_schema()
        document = {"$schema": DRAFT, "$id": f"{name}.schema.json", **schema, "title": f"data/{name}.json"}
        files[f"data/schema/{name}.schema.json"] = json.dumps(document, indent=2, sort_keys=True) + "\n"
    return files
