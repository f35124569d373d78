"""JSON Schema (draft 2020-12) of each data/*.json file: the data contract, published beside the data."""

from __future__ import annotations

import json

DRAFT = "https://json-schema.org/draft/2020-12/schema"
STR = {"type": "string"}
NSTR = {"type": ["string", "null"]}
INT = {"type": "integer", "minimum": 0}
BOOL = {"type": "boolean"}
ISO = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
URL = {"type": "string", "pattern": r"^sources/[^/#]+\.html#s-[0-9a-f]{8}$"}


def obj(required: dict[str, dict], optional: dict[str, dict] | None = None) -> dict:
    """An object with these required properties (and maybe others); extra properties are allowed."""
    return {"type": "object", "required": sorted(required), "properties": {**required, **(optional or {})}}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


CITATION = obj({"source": STR, "sentence": STR, "sentence_id": STR, "url": URL})
DATE_FIELDS: dict[str, dict] = {
    "date": ISO,
    "end": ISO,
    "after": ISO,
    "before": ISO,
    "expression": STR,
    "rule": STR,
    "precision": {"enum": ["day", "range", "month", "year", "approx", "undated"]},
}
QUOTE = obj({"text": STR, "speaker": NSTR, "source": STR, "sentence": STR, "url": URL, "partial": BOOL})

SCHEMAS: dict[str, dict] = {
    "timeline": obj(
        {
            "version": INT,
            "events": array(
                obj(
                    {
                        "id": STR,
                        **DATE_FIELDS,
                        "kind": {"enum": ["event", "scheduled", "background"]},
                        "summary": STR,
                        "actors": array(STR),
                        "details": array(STR),
                        "citations": {**array(CITATION), "minItems": 1},
                    }
                )
            ),
        }
    ),
    "actors": obj(
        {
            "version": INT,
            "actors": array(
                obj(
                    {
                        "name": STR,
                        "slug": STR,
                        "kind": STR,
                        "role": NSTR,
                        "affiliation": NSTR,
                        "aliases": array(STR),
                        "reviewed": BOOL,
                        "mentions": {"type": "object", "additionalProperties": INT},
                        "quotes": array(QUOTE),
                        "stances": array(
                            obj({"provision": STR, "stance": STR, "source": STR, "sentence": STR, "url": URL})
                        ),
                        "events": array(STR),
                    }
                )
            ),
        }
    ),
    "plan": obj(
        {
            "version": INT,
            "title": NSTR,
            "review_queue": array(CITATION),
            "points": array(
                obj(
                    {
                        "id": STR,
                        "number": {"type": ["integer", "null"]},
                        "title": STR,
                        "status": STR,
                        "stances": {"type": "object", "additionalProperties": STR},
                        "mentions": array(
                            obj({"source": STR, "sentence": STR, "sentence_id": STR, "url": URL, "phrase": STR})
                        ),
                        "history": array(obj({"status": STR, "when": {"type": ["object", "null"]}})),
                        "coverage": {"type": "object", "additionalProperties": URL},
                    }
                )
            ),
            "sizes": array(obj({"value": STR, "citations": array(CITATION)})),
        }
    ),
    "sources": obj(
        {
            "version": INT,
            "sources": array(
                obj(
                    {
                        "id": STR,
                        "file": STR,
                        "title": STR,
                        "outlet": NSTR,
                        "url": NSTR,
                        "published": ISO,
                        "published_inferred": BOOL,
                        "words": INT,
                        "sentences": INT,
                        "dropped_reasons": array(obj({"line": INT, "text": STR, "reason": STR})),
                        "related": array(obj({"text": STR, "outlet": NSTR, "age": NSTR})),
                    }
                )
            ),
        }
    ),
    "comparison": obj(
        {
            "version": INT,
            "figures": array(obj({"unit": STR, "verdict": STR, "by_source": {"type": "object"}})),
            "quote_variants": array(obj({"speaker": NSTR, "similarity": {"type": "number"}, "quotes": array(QUOTE)})),
            "only_in": {"type": "object"},
            "shared": {"type": "object"},
            "naming": array(obj({"actor": STR, "spellings": {"type": "object"}})),
            "framing": array(
                obj(
                    {
                        "source": STR,
                        "tone": {"type": "number"},
                        "label": STR,
                        "words": array(
                            obj(
                                {
                                    "word": STR,
                                    "valence": {"type": "number"},
                                    "count": INT,
                                }
                            )
                        ),
                    }
                )
            ),
        }
    ),
}


def schema_files() -> dict[str, str]:
    """data/schema/<name>.schema.json for every data file, keyed by docs-relative path."""
    files = {}
    for name, schema in SCHEMAS.items():
        document = {"$schema": DRAFT, "$id": f"{name}.schema.json", "title": f"data/{name}.json", **schema}
        files[f"data/schema/{name}.schema.json"] = json.dumps(document, indent=2, sort_keys=True) + "\n"
    return files
