"""The JSON Schema explains itself: every field has a title and a description."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from grants.validate import SCHEMA_PATH


def _properties(node, path=""):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}".lstrip("."), sub
            yield from _properties(sub, f"{path}.{name}")
        for key in ("items", "$defs"):
            value = node.get(key)
            if isinstance(value, dict) and key == "$defs":
                for name, sub in value.items():
                    yield f"$defs.{name}", sub
                    yield from _properties(sub, f"$defs.{name}")
            elif isinstance(value, dict):
                yield from _properties(value, f"{path}[]")


def test_schema_is_valid_2020_12():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_every_field_and_definition_has_a_title_and_a_description():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    found = list(_properties(schema))
    assert len(found) > 60
    missing = [path for path, node in found if not (node.get("title") and node.get("description"))]
    assert missing == []
