"""One declaration per field: the model's classes (grants/model.py) give each field's type by
its annotation and its title, description and JSON Schema keywords by ``declare``. From them:
the JSON Schema (``schema``; ``python -m grants schema`` writes data/grants.schema.json), the
model built from valid data (``build``) and the JSON downloads (``dump``).

Not pydantic: measured at 1.5 to 1.8 times the memory at 10,000 lots (benchmarks/bench_fields.py).
The builders and dumpers are Python source written from the type hints and compiled once per
class, as ``dataclasses`` and fastjsonschema do: as fast as the hand-written code they replaced.

Types: ``str``, ``int``, ``bool``, ``int | float`` (a number), ``dt.date`` (YYYY-MM-DD), a
``Literal`` (an enum), ``X | None``, ``tuple[X, ...]`` (a list), a declared class (an object: in
``$defs`` when ``described`` names it) or a named scalar (``Annotated[str, define("id", …)]``).
A field without a default is required. NamedTuples carry their ``declare`` inside ``Annotated``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
import types
from collections.abc import Callable
from dataclasses import MISSING, dataclass
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")
_KEY = "grants"
SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://example.invalid/grants.schema.json"


@dataclass(frozen=True)
class Decl:
    """A field's (or a named scalar's) words and JSON Schema keywords."""

    title: str
    description: str
    keywords: dict[str, Any]
    name: str | None = None  # a named scalar's $defs entry
    by_id: bool = False  # written as the id of the object of that class (Lot.source -> Source)
    sort_by: str | None = None  # a list built in the order of this key of its items
    published: bool = True  # data; False: where the data is kept (lots_file), never compared or published
    items: dict[str, Any] | None = None  # keywords of a list's items


def declare(
    title: str,
    description: str,
    *,
    default: Any = MISSING,
    by_id: bool = False,
    sort_by: str | None = None,
    published: bool = True,
    items: dict[str, Any] | None = None,
    message: str | None = None,
    **keywords: Any,
) -> Any:
    """A declared dataclass field (or, inside ``Annotated``, a NamedTuple's); ``keywords`` are
    JSON Schema keywords (pattern, minimum, minItems, …) written in this order. ``message``:
    what the validator tells when the value breaks them (the schema's ``x-message``, written
    last; ``{value}`` is the value), in the validator catalog (``make messages``)."""
    if message is not None:
        keywords["x-message"] = message
    decl = Decl(title, description, keywords, None, by_id, sort_by, published, items)
    return dataclasses.field(default=default, compare=published, metadata={_KEY: decl})


def define(name: str, title: str, description: str, **keywords: Any) -> Decl:
    """A named scalar of ``$defs`` (id, year, amount), for ``Annotated[base, define(…)]``."""
    decl = Decl(title, description, keywords, name)
    _DEFS[name] = decl
    return decl


@dataclass(frozen=True)
class Kind:
    name: str | None
    title: str
    description: str
    rules: dict[str, Any]  # class-level keywords after the properties (allOf, if/then, $comment)
    also: dict[str, Any]  # properties only in the published JSON (totals)


_DEFS: dict[str, Decl | type] = {}  # $defs in the order declared
_KINDS: dict[type, Kind] = {}


def described(name: str | None, title: str, description: str, rules: Any = None, also: Any = None) -> Any:
    """A class's title and description; ``name``: its $defs entry (None for the document root)."""

    def register(cls: T) -> T:
        _KINDS[cls] = Kind(name, title, description, rules or {}, also or {})  # type: ignore[index]
        _DEFS.update({name: cls} if name else {})  # type: ignore[dict-item]
        return cls

    return register


@dataclass(frozen=True)
class Field:
    name: str
    type: Any  # without None and without the field's own Annotated words
    decl: Decl
    required: bool
    default: Any


def _optional(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007 - built from a tuple
    return tp


@functools.cache
def fields(cls: type) -> tuple[Field, ...]:
    """The declared fields of a dataclass or NamedTuple, in their order."""
    hints = get_type_hints(cls, include_extras=True)
    out = []
    if dataclasses.is_dataclass(cls):
        entries = [
            (f.name, f.metadata.get(_KEY), f.default, f.default_factory) for f in dataclasses.fields(cls)
        ]
    else:
        defaults = cls._field_defaults  # type: ignore[attr-defined]
        entries = [(n, None, defaults.get(n, MISSING), MISSING) for n in cls._fields]  # type: ignore[attr-defined]
    for name, decl, default, factory in entries:
        tp = hints[name]
        if get_origin(tp) is Annotated:
            tp, *extras = get_args(tp)
            for extra in extras:  # a NamedTuple's declare() inside Annotated
                if isinstance(extra, dataclasses.Field):
                    decl = extra.metadata[_KEY]
            kept = [e for e in extras if isinstance(e, Decl)]  # a named scalar
            tp = Annotated[(tp, *kept)] if kept else tp
        if decl is None:
            continue  # not data (a dataset's path, its caches)
        tp = _optional(tp)
        required = default is MISSING and factory is MISSING
        out.append(Field(name, tp, decl, required, default))
    return tuple(out)


# --- the JSON Schema ------------------------------------------------------------

_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number"}


def named(tp: Any) -> Decl | None:
    """The named scalar (id, year, amount) ``tp`` is, if it is one."""
    extras = get_args(tp)[1:] if get_origin(tp) is Annotated else ()
    return next((e for e in extras if isinstance(e, Decl) and e.name), None)


def base(tp: Any) -> Any:
    """The Python type a value of ``tp`` has in the data (a named scalar's own)."""
    return get_args(tp)[0] if get_origin(tp) is Annotated else tp


def item(tp: Any) -> Any:
    return get_args(tp)[0] if get_origin(tp) is tuple else None


def _type_schema(tp: Any) -> dict[str, Any]:
    if decl := named(tp):
        return {"$ref": f"#/$defs/{decl.name}"}
    if get_origin(tp) in (Union, types.UnionType) and set(get_args(tp)) == {int, float}:
        return {"type": "number"}
    if get_origin(tp) is Literal:
        return {"enum": list(get_args(tp))}
    if get_origin(tp) is tuple:
        return {"type": "array"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp in _TYPES:
        return {"type": _TYPES[tp]}
    kind = _KINDS.get(tp)
    if kind and kind.name:
        return {"$ref": f"#/$defs/{kind.name}"}
    return object_schema(tp)


def id_type(cls: type) -> Any:
    return next(f.type for f in fields(cls) if f.name == "id")


def field_schema(f: Field) -> dict[str, Any]:
    d = f.decl
    tp = id_type(f.type) if d.by_id else f.type
    words = {"title": d.title, "description": d.description}
    typed = _type_schema(tp)
    out = {**typed, **words} if "$ref" in typed else {**words, **typed}
    out.update(d.keywords)
    if get_origin(tp) is tuple:
        out["items"] = _type_schema(item(tp)) | (d.items or {})
    if not f.required and f.default not in (None, (), False):  # a default that means something
        out["default"] = f.default
    return out


def object_schema(cls: type) -> dict[str, Any]:
    kind = _KINDS.get(cls)
    out: dict[str, Any] = {"title": kind.title, "description": kind.description} if kind else {}
    out |= {"type": "object", "additionalProperties": False}
    out |= {"required": required} if (required := [f.name for f in fields(cls) if f.required]) else {}
    out["properties"] = {f.name: field_schema(f) for f in fields(cls)} | (kind.also if kind else {})
    return out | (kind.rules if kind else {})


def schema(root: type) -> dict[str, Any]:
    """The whole JSON Schema of documents of class ``root``, with the named definitions it
    uses, in the order they were declared."""
    defs = {
        name: {"title": d.title, "description": d.description, **d.keywords}
        if isinstance(d, Decl)
        else object_schema(d)
        for name, d in _DEFS.items()
    }
    top = object_schema(root)
    used: set[str] = set()
    todo = [top]
    while todo:
        refs = set(_refs(todo.pop())) - used
        used |= refs
        todo += [defs[ref] for ref in refs]
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_ID,
        **top,
        "$defs": {n: d for n, d in defs.items() if n in used},
    }


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"].rsplit("/", 1)[-1]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    return [r for value in node for r in _refs(value)] if isinstance(node, list) else []


# --- building the model from valid data, and writing it back as JSON ------------


def is_class(tp: Any) -> bool:
    return isinstance(tp, type) and (dataclasses.is_dataclass(tp) or hasattr(tp, "_fields"))


class _Code:
    """Python source of one function per class, and the names it uses."""

    def __init__(self) -> None:
        self.names: dict[str, Any] = {"_date": dt.date.fromisoformat}
        self.depth = 0

    def name(self, value: Any, hint: str) -> str:
        key = f"_{hint}_{id(value)}"
        self.names[key] = value
        return key

    def compile(self, source: str, function: str) -> Any:
        exec(source, self.names)  # our own source, written from the model's type hints
        return self.names[function]


def _build_expr(code: _Code, tp: Any, src: str, f: Field | None = None) -> str:
    if f is not None and f.decl.by_id:
        return f"ix[{code.name(tp, 'cls')}][{src}]"
    tp = base(tp) if named(tp) else tp
    if tp is dt.date:
        return f"_date({src})"
    if is_class(tp):
        return f"{code.name(builder(tp), 'build')}({src}, ix)"
    if get_origin(tp) is tuple:
        of = item(tp)
        if f is not None and f.decl.sort_by:
            src = f"sorted({src}, key={code.name(operator.itemgetter(f.decl.sort_by), 'key')})"
        if not (is_class(of) or of is dt.date):
            return f"tuple({src})"
        code.depth += 1
        x = f"x{code.depth}"
        return f"tuple([{_build_expr(code, of, x)} for {x} in {src}])"
    return src


@functools.cache
def builder(cls: type) -> Callable[[dict[str, Any], dict[type, dict[str, Any]]], Any]:
    """``build(raw, ix)``: the object of ``cls`` from its valid raw data; ``ix`` holds, per
    class, the objects a field names by id (filled by ``build`` as they are made)."""
    code = _Code()
    args = []
    for f in fields(cls):
        if f.required:
            value = _build_expr(code, f.type, f'raw["{f.name}"]', f)
        elif get_origin(f.type) is tuple:
            value = _build_expr(code, f.type, f'get("{f.name}", ())', f)
        else:
            value = _build_expr(code, f.type, f"v_{f.name}", f)
            default = code.name(f.default, "default")
            if value == f"v_{f.name}":
                value = f'get("{f.name}", {default})'
            else:
                value = f'({value} if (v_{f.name} := get("{f.name}")) is not None else {default})'
        args.append(value if hasattr(cls, "_fields") else f"{f.name}={value}")
    source = (
        f"def build(raw, ix):\n    get = raw.get\n    return {code.name(cls, 'cls')}({', '.join(args)})\n"
    )
    return code.compile(source, "build")  # type: ignore[no-any-return]


def build(cls: Any, raw: dict[str, Any], release: bool = False, **extra: Any) -> Any:
    """The object of ``cls`` (a document root, such as the Dataset) from its valid raw data.
    Its lists are built in order, each object with an id kept for the fields that name it;
    with ``release`` each list's raw items are dropped as they are built, so that a large
    file's raw data and its model are never held whole at once."""
    ix: dict[type, dict[str, Any]] = {}
    values = {}
    for f in fields(cls):
        of = item(f.type)
        convert = builder(of) if is_class(of) else None
        items = raw.get(f.name, ())
        if convert is None or not isinstance(items, list):
            values[f.name] = raw.get(f.name, f.default)
            continue
        out = []
        for index, entry in enumerate(items):
            if release:
                items[index] = None
            out.append(convert(entry, ix))
        values[f.name] = tuple(out)
        if any(g.name == "id" for g in fields(of)):
            ix[of] = {o.id: o for o in out}
    return cls(**values, **extra)


def _dump_expr(code: _Code, tp: Any, src: str, f: Field | None = None) -> str:
    if f is not None and f.decl.by_id:
        return f"{src}.id"
    tp = base(tp) if named(tp) else tp
    if tp is dt.date:
        return f"{src}.isoformat()"
    if is_class(tp):
        return f"{code.name(dumper(tp), 'dump')}({src})"
    if get_origin(tp) is tuple:
        code.depth += 1
        x = f"x{code.depth}"
        return f"[{_dump_expr(code, item(tp), x)} for {x} in {src}]"
    return src


@functools.cache
def dumper(cls: type) -> Callable[[Any], dict[str, Any]]:
    """``dump(obj)``: an object as JSON data in the schema's shape, fields in the declared
    order. An optional field left empty (None, no items) is left out, as in grants.yaml."""
    code = _Code()
    lines = ["def dump(o):", "    out = {}"]
    for f in fields(cls):
        if not f.decl.published:
            continue
        if f.required:
            lines.append(f'    out["{f.name}"] = {_dump_expr(code, f.type, f"o.{f.name}", f)}')
        else:
            test = "v" if get_origin(f.type) is tuple else "v is not None"
            lines += [f"    v = o.{f.name}", f"    if {test}:"]
            lines.append(f'        out["{f.name}"] = {_dump_expr(code, f.type, "v", f)}')
    lines.append("    return out")
    return code.compile("\n".join(lines) + "\n", "dump")  # type: ignore[no-any-return]


def dump(obj: Any) -> dict[str, Any]:
    return dumper(obj.__class__)(obj)
