"""One declaration per field is enough: classes declared here, with the model's own helper and
no other code, get a JSON Schema that validates their data, a builder of typed frozen objects
and a JSON export, exactly as the model's lots do (grants/declare.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pytest
from jsonschema import Draft202012Validator

from grants import declare
from grants.declare import declare as field
from grants.declare import described
from grants.model import Id, Text, YearAmount


@described("test_gadget", "Gadget", "A thing a test declares.")
@dataclass(frozen=True, slots=True, kw_only=True)
class Gadget:
    id: Id = field("Gadget id", "Its stable id.")
    name: Text = field("Name", "What it is called.")
    made: dt.date | None = field("Made", "The day it was made.", default=None)
    colour: Literal["red", "blue"] = field("Colour", "Its colour.", default="red")
    weights: tuple[int, ...] = field("Weights", "Grams, each weighing.", default=(), items={"minimum": 1})


@dataclass(frozen=True, slots=True)
class Place:  # no name: written in place, not in $defs
    shelf: int = field(
        "Shelf", "Counted from the floor.", minimum=1, message="shelf {value} is below the floor"
    )


@described("test_label", "Label", "A label on a gadget.")
@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    gadget: Gadget = field("Gadget", "The id of the gadget it is on.", by_id=True)
    prices: tuple[YearAmount, ...] = field("Prices", "Per year.", sort_by="year", minItems=1)
    place: Place | None = field("Place", "Where it is kept.", default=None)


@described(None, "Store", "A test's document.")
@dataclass(frozen=True, slots=True)
class Store:
    gadgets: tuple[Gadget, ...] = field("Gadgets", "Every gadget.", minItems=1)
    labels: tuple[Label, ...] = field("Labels", "Every label.")
    version: int = field("Version", "Always 1.", const=1, default=1)


RAW = {
    "gadgets": [
        {"id": "spoon", "name": {"kk": "Қасық", "ru": "Ложка"}, "made": "2031-02-03", "weights": [12, 13]},
        {"id": "cup", "name": {"kk": "Кесе"}, "colour": "blue"},
    ],
    "labels": [
        {
            "gadget": "cup",
            "prices": [{"year": 2032, "amount": 7}, {"year": 2031, "amount": 5}],
            "place": {"shelf": 2},
        }
    ],
}


def test_the_declaration_gives_a_schema_that_checks_the_data():
    schema = declare.schema(Store)
    Draft202012Validator.check_schema(schema)
    assert list(schema["$defs"]) == [
        "id",
        "text",
        "year",
        "amount",
        "year_amount",
        "test_gadget",
        "test_label",
    ]
    gadget = schema["$defs"]["test_gadget"]
    assert gadget["required"] == ["id", "name"]
    assert gadget["properties"]["id"] == {
        "$ref": "#/$defs/id",
        "title": "Gadget id",
        "description": "Its stable id.",
    }
    assert gadget["properties"]["made"] == {
        "title": "Made",
        "description": "The day it was made.",
        "type": "string",
        "format": "date",
    }
    assert gadget["properties"]["colour"]["enum"] == ["red", "blue"]
    assert gadget["properties"]["colour"]["default"] == "red"
    label = schema["$defs"]["test_label"]
    assert label["properties"]["gadget"]["$ref"] == "#/$defs/id"  # written as the gadget's id
    shelf = label["properties"]["place"]["properties"]["shelf"]
    assert list(shelf.items())[-2:] == [("minimum", 1), ("x-message", "shelf {value} is below the floor")]
    validator = Draft202012Validator(schema)
    assert list(validator.iter_errors(RAW)) == []
    wrong = {**RAW, "gadgets": [{"id": "Spoon!", "name": {"kk": ""}, "colour": "green", "weights": [0]}]}
    where = sorted(tuple(error.absolute_path) for error in validator.iter_errors(wrong))
    assert where == [
        ("gadgets", 0, "colour"),
        ("gadgets", 0, "id"),
        ("gadgets", 0, "name", "kk"),
        ("gadgets", 0, "name", "kk"),  # too short and blank
        ("gadgets", 0, "weights", 0),
    ]


def test_the_declaration_builds_typed_frozen_objects():
    store = declare.build(Store, RAW)
    spoon, cup = store.gadgets
    assert spoon == Gadget(
        id="spoon", name=Text("Қасық", "Ложка"), made=dt.date(2031, 2, 3), weights=(12, 13)
    )
    assert (cup.colour, cup.made, cup.weights) == ("blue", None, ())  # the declared defaults
    (label,) = store.labels
    assert label.gadget is cup  # named by id, built once
    assert label.prices == (YearAmount(2031, 5), YearAmount(2032, 7))  # sorted by year
    assert label.place == Place(shelf=2)
    assert store.version == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        label.place = None  # type: ignore[misc]


def test_the_declaration_writes_the_objects_back_as_valid_json():
    store = declare.build(Store, RAW)
    written = {
        "gadgets": [declare.dump(g) for g in store.gadgets],
        "labels": [declare.dump(label) for label in store.labels],
    }
    assert written["gadgets"][0] == {**RAW["gadgets"][0], "colour": "red"}  # the default, written out
    assert written["gadgets"][1] == RAW["gadgets"][1]  # no made, no weights: left out
    assert written["labels"][0]["prices"] == [{"year": 2031, "amount": 5}, {"year": 2032, "amount": 7}]
    assert list(Draft202012Validator(declare.schema(Store)).iter_errors(written)) == []
