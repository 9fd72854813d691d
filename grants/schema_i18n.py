"""The JSON Schema from the model's declaration, and its titles and descriptions in Kazakh
and Russian, from one source.

``data/grants.schema.json`` (written from grants/model.py's declarations, grants/declare.py)
and ``data/lots.schema.json`` are the published schema,
in English, and the only ones that validate. Their titles and descriptions are the
msgids of the gettext domain ``schema`` (``grants/locale/<lang>/LC_MESSAGES/schema.po``),
together with the CSV's column titles and descriptions (``grants.export.csv_columns``)
and the names of the CSV's value types, so the Downloads page and the editor's hover
use the same words. ``python -m grants schema`` (``make schema``):

0. writes ``data/grants.schema.json`` from the declaration,
1. brings the catalogs up to date with those texts (Babel's ``Catalog.update``: a new
   text gets an empty entry, a changed one keeps its old translation marked fuzzy, for
   review), and
2. writes ``data/grants.schema.<lang>.json`` and ``data/lots.schema.<lang>.json`` for
   kk and ru: the same schema with the titles and descriptions translated and the
   references pointing at the same language's file. Editors show these on hover
   (``.vscode/settings.json`` and the modeline of ``data/grants.yaml`` name the Kazakh
   ones); nothing validates against them.

``tests/test_schema_i18n.py`` fails when a generated file differs from what the command
would write, or when a text has no translation, and names the command.

Babel's extractor reads Python, not JSON Schema, hence this walk over the schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from grants.i18n import N_, Msg, po_path, po_text, read_catalog, translations

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DOMAIN = "schema"
COMMAND = "python -m grants schema"
#: The languages the schema is translated into (English is the schema itself).
LANGUAGES = ("kk", "ru")
#: The published schema files, in the order their texts go into the catalogs.
SCHEMAS = ("grants.schema.json", "lots.schema.json")
#: Context of the CSV value types' names in the catalog (a type's name is a short word).
TYPE_CONTEXT = "Table Schema type"
#: The keywords whose text a person reads; every other string (a pattern, an enum value,
#: a validator message under x-message) stays as it is.
_HUMAN = ("title", "description")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def generated_name(name: str, lang: str) -> str:
    """``grants.schema.json`` -> ``grants.schema.kk.json``."""
    return name.removesuffix(".json") + f".{lang}.json"


def texts(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) of every title and description in a schema, in the file's order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _HUMAN and isinstance(value, str):
                yield f"{path}/{key}", value
            else:
                yield from texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from texts(value, f"{path}/{i}")


def translated(node: Any, lang: str) -> Any:
    """A copy of a schema with its titles and descriptions in ``lang`` (English kept where the
    catalog has no translation) and its references to our schema files moved to ``lang``'s."""
    gettext = translations(lang, DOMAIN).gettext

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key in _HUMAN and isinstance(value, str):
                    out[key] = gettext(value)
                elif key in ("$ref", "$id") and isinstance(value, str):
                    out[key] = _moved(value, lang)
                else:
                    out[key] = walk(value)
            return out
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    return walk(node)


def _moved(reference: str, lang: str) -> str:
    for name in SCHEMAS:
        # 'grants.schema.json#/$defs/lot', 'https://…/grants.schema.json': the same file in lang
        reference = re.sub(
            rf"(^|/){re.escape(name)}(?=#|$)", rf"\g<1>{generated_name(name, lang)}", reference
        )
    return reference


def declared() -> dict[str, Any]:
    """The schema the model declares (what data/grants.schema.json must hold)."""
    from grants import declare, model

    return declare.schema(model.Dataset)


def _published() -> str:
    return json.dumps(declared(), ensure_ascii=False, indent=2) + "\n"


def _load(name: str) -> dict[str, Any]:
    if name == SCHEMAS[0]:
        return declared()
    data: dict[str, Any] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return data


def generated(lang: str) -> dict[Path, str]:
    """The text of each generated schema file of ``lang``, by its path."""
    out = {}
    for name in SCHEMAS:
        schema = translated(_load(name), lang)
        note = (
            f"Generated by `{COMMAND}` from {name} and grants/locale/{lang}/LC_MESSAGES/{DOMAIN}.po "
            f"for editors' hints; do not edit. Data is validated against {name}."
        )
        schema = {"$comment": note, **{k: v for k, v in schema.items() if k != "$comment"}}
        out[DATA_DIR / generated_name(name, lang)] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def template() -> Catalog:
    """Every text of the domain, as Babel's template (the .pot): the schema files' titles and
    descriptions, the CSV columns' titles and descriptions, the CSV value types' names."""
    from grants.export import KK_TITLE, csv_columns, csv_types

    catalog = Catalog(domain=DOMAIN, project="grants-site", version="1")

    def add(text: str, where: str, file: str, context: str | None = None) -> None:
        flags = ("python-brace-format",) if _PLACEHOLDER.search(text) else ()
        message = catalog.get(text, context)
        if message is None:
            # No line number (None): Babel writes just the file; its annotation asks for an int.
            catalog.add(text, locations=[(file, None)], auto_comments=[where], flags=flags, context=context)  # type: ignore[list-item]
        elif where not in message.auto_comments and len(message.auto_comments) < 3:
            message.auto_comments.append(where)

    for name in SCHEMAS:
        for where, text in texts(_load(name)):
            add(text, where, f"data/{name}")
    add(KK_TITLE, "grants.csv title of a text's column", "grants/export.py")
    for column in csv_columns():
        add(column.title, f"grants.csv {column.name} title", "grants/export.py")
        add(column.description, f"grants.csv {column.name} description", "grants/export.py")
    for kind in csv_types():
        add(kind, "grants.csv type", "grants/export.py", context=TYPE_CONTEXT)
    return catalog


def _catalog(lang: str) -> Catalog:
    """``lang``'s catalog as it is on disk (an empty one if there is none yet)."""
    empty = Catalog(locale=lang, domain=DOMAIN, project="grants-site", version="1")
    return read_catalog(lang, DOMAIN) or empty


def updated_catalog(lang: str) -> str:
    """The text of ``lang``'s catalog brought up to date with :func:`template`."""
    catalog = _catalog(lang)
    catalog.update(template(), update_header_comment=False, update_creation_date=False)
    return po_text(catalog)


def untranslated(lang: str) -> list[Msg]:
    """The msgids of ``lang``'s catalog without a usable translation (empty, fuzzy, or with
    other {placeholders} than the English), each with what is wrong (told in the reader's
    language by ``python -m grants schema``, domain ``validator``)."""
    catalog = _catalog(lang)
    problems = []
    for message in template():
        if not message.id:
            continue  # the header
        entry = catalog.get(message.id, message.context)
        if entry is None or not entry.string:
            problems.append(Msg(N_("no translation: {text}"), text=repr(message.id)))
        elif entry.fuzzy:
            problems.append(
                Msg(N_("marked fuzzy (check it, then remove the fuzzy flag): {text}"), text=repr(message.id))
            )
        elif sorted(_PLACEHOLDER.findall(str(entry.string))) != sorted(_PLACEHOLDER.findall(str(message.id))):
            problems.append(
                Msg(
                    N_("the translation must keep {names}: {text}"),
                    names=" ".join(_PLACEHOLDER.findall(str(message.id))),
                    text=repr(message.id),
                )
            )
    return problems


def outdated() -> list[Path]:
    """The catalogs and generated files that differ from what :func:`write` would write."""
    return _sync(write=False)


def write() -> list[Path]:
    """Write the published schema, bring the catalogs up to date, then write the generated
    schema files; the changed paths."""
    return _sync(write=True)


def _sync(*, write: bool) -> list[Path]:
    """The files whose text differs from what it should be, written when ``write``: the
    published schema, then each language's catalog and the schema files made from it."""
    stale: list[Path] = []

    def compare(path: Path, text: str) -> None:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    compare(DATA_DIR / SCHEMAS[0], _published())
    for lang in LANGUAGES:
        compare(po_path(lang, DOMAIN), updated_catalog(lang))
        if write:
            translations.cache_clear()  # the catalog may have changed on disk
        for target, text in generated(lang).items():
            compare(target, text)
    return stale
