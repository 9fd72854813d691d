"""The fast yes/no schema check (fastjsonschema) and jsonschema, which words the errors, agree.

``grants validate`` asks the compiled check first and jsonschema only when it says "not valid";
if the compiled check let through what jsonschema refuses, a broken file would publish (as a
week date 2026-W01-1 once did). Hypothesis edits the broken corpus's files at random, field by
field, with values of every JSON type and the values the schema's rules turn on, and each
edited document must get the same answer from both.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from conftest import BROKEN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants import loader, validate

SEEDS = [d for d in (loader.load(p).data for p in sorted(BROKEN.glob("*.yaml"))) if isinstance(d, dict)]

#: Values the schema's keywords turn on: dates real and not, whole floats, ids, statuses, units.
SPECIAL = [
    "2026-03-01", "2026-02-30", "2026-W01-1", "2026-3-1", "20260301", "２０２６-03-01", "2026-03-01T00:00",
    18.0, 2026.0, 100.0, 100.5, 101, 0, -1, 1, 2026, 2101, 1999, 18000000, True, False, None,
    "https://", "https://a.kz/x", "http://a.kz", "https://a .kz", "ftp://a.kz", "https://:80",
    "short", "medium", "long", "planned", "open", "evaluation", "awarded", "in_progress", "completed",
    "cancelled", "at_least", "exactly", "%", "адам", "kk", "", " ", "taraz-2026", "civil-society",
    "Taraz", "310340000017", "3103400000", "1", "3.1", "№3", [], {}, [2026, 2026], {"kk": "мәтін"},
    {"kk": "%"}, {"kk": ""},
]  # fmt: skip


def _property_names(node: Any) -> set[str]:
    """Every field name the schema declares, at any depth."""
    if isinstance(node, dict):
        names = set(node.get("properties", {})) if isinstance(node.get("properties"), dict) else set()
        return names.union(*(_property_names(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_property_names(v) for v in node))
    return set()


#: The keys Hypothesis writes: every field the schema declares (a field added to the
#: declarations is fuzzed with no change here) and one it does not.
FIELDS = [*sorted(_property_names(validate.schema())), "extra"]

scalars = st.one_of(
    st.sampled_from(SPECIAL),
    st.integers(-10, 10**9),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=3)
    ),
    max_leaves=6,
)


def _containers(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every mapping and list in ``value``."""
    found = []
    if isinstance(value, dict):
        found.append(path)
        for key, item in value.items():
            found += _containers(item, (*path, key))
    elif isinstance(value, list):
        found.append(path)
        for i, item in enumerate(value):
            found += _containers(item, (*path, i))
    return found


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def edited(draw: st.DrawFn) -> dict:
    """A seed with 1 to 4 values changed. Every value drawn is copied before it goes in: a
    drawn [] or {} is SPECIAL's own object, and a later edit inside it would change SPECIAL
    for the examples after (hypothesis then stops with FlakyStrategyDefinition)."""

    def fresh(strategy: st.SearchStrategy[Any]) -> Any:
        return copy.deepcopy(draw(strategy))

    data = fresh(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        paths = _containers(data)
        container = _at(data, draw(st.sampled_from(paths)))
        if isinstance(container, dict):
            keys = sorted(container, key=str)
            key = draw(st.one_of(st.sampled_from(FIELDS), st.sampled_from(keys) if keys else st.just("x")))
            if key in container and draw(st.booleans()):
                del container[key]
            else:
                container[key] = fresh(values)
        elif container:
            container[draw(st.integers(0, len(container) - 1))] = fresh(values)
        else:
            container.append(fresh(values))
    return data


def _jsonschema_valid(validator: Any, data: Any) -> bool:
    return next(iter(validator.iter_errors(data)), None) is None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited())
def test_the_fast_check_and_jsonschema_agree(data: dict) -> None:
    whole, lot = validate._fast_checks()
    assert whole(data) == _jsonschema_valid(validate._validator(), data), json.dumps(data, default=str)[:2000]
    for item in data.get("lots") if isinstance(data.get("lots"), list) else []:
        assert lot(item) == _jsonschema_valid(validate._validator("lot"), item), json.dumps(item, default=str)


def test_the_week_date_and_the_whole_float_are_refused_by_both() -> None:
    """The two disagreements that were found, kept as plain examples."""
    whole, _ = validate._fast_checks()
    base = next(d for d in SEEDS if whole(d))
    for path, value in (
        (("sources", 0, "published"), "2026-W01-1"),
        (("lots", 0, "funding", 0, "amount"), 18.0),
    ):
        data = copy.deepcopy(base)
        _at(data, path[:-1])[path[-1]] = value
        assert not whole(data)
        assert not _jsonschema_valid(validate._validator(), data)


#: Keywords fastjsonschema's draft-07 writer does not know, or reads otherwise than 2020-12.
_NEWER = {"dependentRequired", "dependentSchemas", "unevaluatedProperties", "unevaluatedItems",
          "prefixItems", "$dynamicRef", "$dynamicAnchor", "$anchor", "minContains", "maxContains"}  # fmt: skip
_ANNOTATIONS = {"title", "description", "$comment", "default", "examples", "x-message", "x-at"}


def test_the_schema_uses_only_keywords_both_validators_read_alike() -> None:
    problems = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "$ref" in node and set(node) - {"$ref"} - _ANNOTATIONS:
                problems.append(f"{where}: '$ref' beside {sorted(set(node) - {'$ref'} - _ANNOTATIONS)}")
            problems.extend(f"{where}: {key}" for key in _NEWER & set(node))
            for key, sub in node.items():
                walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    walk(validate.schema(), "#")
    assert problems == []
