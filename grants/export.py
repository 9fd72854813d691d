"""Open data: the same objects the pages show, as JSON, CSV and a Data Package.

``files(dataset)`` returns every download as (path, bytes); the site adds them
to its build, and ``python -m grants export DIR`` writes them to a folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args, get_origin

from grants import declare, labels
from grants.declare import dump
from grants.i18n import translations
from grants.model import Dataset, Group, Lot, Text, YearAmount
from grants.validate import SCHEMA_PATH

CSV_NAME = "grants.csv"
JSON_NAME = "grants.json"
SCHEMA_NAME = "grants.schema.json"
PACKAGE_NAME = "datapackage.json"
#: Where the downloads live in the site, relative to its root.
FOLDER = "data"


def _years(items: tuple[YearAmount, ...]) -> list[dict[str, int]]:
    return [{"year": y.year, "amount": y.amount} for y in items]


def _group(group: Group, key_name: str) -> dict[str, Any]:
    return {
        key_name: group.key,
        "lots": group.count,
        "by_year": _years(group.by_year),
        "total": group.total,
    }


def totals_dict(dataset: Dataset) -> dict[str, Any]:
    return {
        "total": dataset.total,
        "by_year": _years(dataset.total_by_year()),
        "by_sector": [_group(g, "sector") for g in dataset.by_sector()],
        "by_grant_type": [_group(g, "grant_type") for g in dataset.by_grant_type()],
        "by_source": [_group(g, "source") for g in dataset.by_source()],
        "awarded_by_year": _years(dataset.awarded_by_year()),
        "counts": dataset.counts(),
    }


def dataset_dict(dataset: Dataset, lots: Any = None) -> dict[str, Any]:
    """grants.json: the validated data in the schema's shape, plus computed ``totals``
    (``lots``: what to put in the lots' place instead, for ``_json_of_entries``)."""
    return {
        "schema_version": dataset.schema_version,
        "currency": dataset.currency,
        "sources": [dump(s) for s in dataset.sources],
        "sectors": [dump(s) for s in dataset.sectors],
        "lots": [dump(lot) for lot in dataset.lots] if lots is None else lots,
        "totals": totals_dict(dataset),
    }


def lot_document(lot: Lot) -> dict[str, Any]:
    """lots/<id>.json: one lot, with its source and sector spelled out and its total."""
    return {
        "lot": dump(lot),
        "total": lot.total,
        "source": dump(lot.source),
        "sector": dump(lot.sector),
    }


#: grants.json and lots/<id>.json are written without indentation or spaces: a tenth fewer
#: bytes (30 MB of a 10,000-lot site), the same JSON; browsers and editors lay it out for
#: reading. The small Data Package stays indented, to be read as it is.
COMPACT: dict[str, Any] = {"separators": (",", ":")}
INDENTED: dict[str, Any] = {"indent": 2}


def _dumps(value: Any, layout: dict[str, Any] = COMPACT) -> str:
    # allow_nan=False: a NaN or an infinity would make the file invalid JSON; the loader refuses
    # them, and should one ever get this far, writing stops here instead of publishing it.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, **layout)


def _json(value: Any, layout: dict[str, Any] = COMPACT) -> bytes:
    return (_dumps(value, layout) + "\n").encode("utf-8")


# --- CSV -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of grants.csv as a Table Schema field. ``title`` and ``description`` are
    English and are the msgids of the ``schema`` catalog (grants/schema_i18n.py), which
    gives the Downloads page its Kazakh and Russian words; ``{year}`` is filled in for
    the one column per year. ``value`` gives a lot's cell (None for the per-year column)."""

    name: str
    type: str
    title: str
    description: str
    value: Callable[[Lot], Any] | None
    constraints: dict[str, Any] = field(default_factory=dict)
    after: str = ""  # the lot's field the column follows
    kk: bool = False  # a text's Kazakh original: the title gets KK_TITLE


#: A column repeated for each year of the data, as funding_2026, funding_2027, …
PER_YEAR = "funding_{year}"
#: The title of a text field's column, which holds the Kazakh original.
KK_TITLE = "{title} (kk)"


def _numbered(texts: tuple[Text, ...] | list[Text]) -> str:
    return "\n".join(f"{i}. {t.kk}" for i, t in enumerate(texts, 1))


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


#: The columns worked out from a lot, each after the column of the lot's field it follows.
#: Every plain field of a lot (a text, a number, a word, a date, an id) has its own column
#: from its declaration (``csv_columns``): title, description and type.
# fmt: off
COMPUTED = (
    Column("sector_name", "string", "Sector (kk)", "The grant sector's name in Kazakh.", lambda lot: lot.sector.name.kk, after="sector"),
    Column("grant_type_name", "string", "Grant type (kk)", "The grant type in Kazakh.", lambda lot: labels.GRANT_TYPES[lot.grant_type].kk, after="grant_type"),
    Column("period_start", "integer", "First year", "First calendar year of the grant.", lambda lot: lot.period.start, after="period"),
    Column("period_end", "integer", "Last year", "Last calendar year of the grant.", lambda lot: lot.period.end, after="period"),
    Column(PER_YEAR, "integer", "Funding {year}, KZT", "Funding in {year}, whole tenge; empty when the lot has none that year.", None, after="territory"),
    Column("funding_total", "integer", "Funding, all years, KZT", "The lot's funding over all years, whole tenge.", lambda lot: lot.total, after="territory"),
    Column("indicators", "string", "Target indicators (kk)", "The target indicators, one per line, numbered as in the source.", lambda lot: _numbered([i.text for i in lot.indicators]), after="indicators"),
    Column("results", "string", "Expected results (kk)", "The expected results, one per line, numbered as in the source.", lambda lot: _numbered(lot.results), after="results"),
    Column("material_requirements", "string", "Material requirements (kk)", "Material and technical requirements, one per line, numbered as in the source; empty unless long-term.", lambda lot: _numbered(lot.material_requirements), after="material_requirements"),
    Column("notes", "string", "Notes on the source (kk)", "Defects of the source document for this lot, one per line.", lambda lot: "\n".join(n.kk for n in lot.notes), after="notes"),
    Column("applications_open", "date", "Applications open", "First day applications are accepted; empty when not announced.", lambda lot: _date(lot.application_window and lot.application_window.opens), after="application_window"),
    Column("applications_close", "date", "Applications close", "Last day applications are accepted; empty when not announced.", lambda lot: _date(lot.application_window and lot.application_window.closes), after="application_window"),
    Column("recipient", "string", "Recipient (kk)", "The NGO awarded the grant; empty until awarded.", lambda lot: lot.award.recipient.kk if lot.award else "", after="award"),
    Column("recipient_bin", "string", "Recipient BIN", "The recipient's 12-digit business identification number; empty until awarded.", lambda lot: lot.award.bin if lot.award else "", after="award"),
    Column("awarded_total", "integer", "Awarded, all years, KZT", "The money in the grant agreement over all years, whole tenge; empty until awarded.", lambda lot: lot.award.amount if lot.award else "", after="award"),
    Column("agreement_date", "date", "Agreement date", "The day the grant agreement was signed; empty until awarded.", lambda lot: _date(lot.award and lot.award.agreement_date), after="award"),
    Column("last_report", "date", "Last report", "The date of the latest report on the lot's work; empty when none.", lambda lot: _date(lot.reports and lot.reports[-1].date), after="reports"),
)
# fmt: on
_TABLE_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number", dt.date: "date"}


def _declared_column(f: declare.Field) -> Column | None:
    """The column of a lot's plain field, from its declaration; None for a list or an object."""
    tp = declare.base(declare.id_type(f.type) if f.decl.by_id else f.type)
    read = operator.attrgetter(f"{f.name}.id" if f.decl.by_id else f.name)
    enum = list(get_args(tp)) if get_origin(tp) is Literal else None
    if get_origin(tp) is tuple or (declare.is_class(tp) and tp is not Text):
        return None  # a list or an object: a computed column, if any
    kind = "string" if tp is Text or enum else _TABLE_TYPES.get(tp, "number")  # number: int | float
    constraints: dict[str, Any] = {"required": True} if f.required else {}
    constraints |= ({"unique": True} if f.name == "id" else {}) | ({"enum": enum} if enum else {})
    value = lambda lot: _plain(read(lot))  # noqa: E731
    return Column(f.name, kind, f.decl.title, f.decl.description, value, constraints, kk=tp is Text)


def _plain(value: Any) -> Any:
    """A plain value as a cell: a text's Kazakh original, a date as YYYY-MM-DD, yes or no as
    true or false (Table Schema's words), none as empty."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Text):
        return value.kk
    return _date(value) if isinstance(value, dt.date) else "" if value is None else value


@functools.cache
def csv_columns() -> tuple[Column, ...]:
    """The CSV's columns, in the order of the lot's fields: the one description of the CSV
    (Data Package and Downloads page)."""
    out = []
    for f in declare.fields(Lot):
        column = _declared_column(f)
        out += ([column] if column else []) + [c for c in COMPUTED if c.after == f.name]
    return tuple(out)


def csv_types() -> tuple[str, ...]:
    """The Table Schema types the columns use (their names are in the ``schema`` catalog too)."""
    return tuple(dict.fromkeys(column.type for column in csv_columns()))


def _field(column: Column, say: Callable[[str], str], **values: Any) -> dict[str, Any]:
    title = say(column.title).format(**values)
    out: dict[str, Any] = {
        "name": column.name.format(**values),
        "type": column.type,
        "title": say(KK_TITLE).format(title=title) if column.kk else title,
        "description": say(column.description).format(**values),
    }
    if column.constraints:
        out["constraints"] = column.constraints
    return out


def csv_fields(dataset: Dataset, lang: str = "en") -> list[dict[str, Any]]:
    """The CSV's columns as Table Schema fields, with titles and descriptions in ``lang``
    (the published Data Package has them in English)."""
    say = translations(lang, "schema").gettext
    fields = []
    for column in csv_columns():
        if column.name == PER_YEAR:
            fields += [_field(column, say, year=year) for year in dataset.years]
        else:
            fields.append(_field(column, say))
    return fields


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection rule).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one that would start a formula (=, +, -, @, a tab
    or a carriage return) gets a leading apostrophe, which Excel, LibreOffice and Google Sheets
    take as "this is text" and do not show. Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(dataset: Dataset, rows: list[str] | None = None) -> bytes:
    """grants.csv: one row per lot; UTF-8 with a byte-order mark, which Excel needs to read UTF-8.
    No cell can run as a formula (see ``cell``). ``rows``: each lot's row as its CSV text
    (``_csv_line``), where made already; the csv module writes each row on its own, with
    nothing carried over, so the bytes are the same."""
    if rows is None:
        rows = [_csv_line(_csv_row(lot, dataset.years)) for lot in dataset.lots]
    return ("\ufeff" + _csv_line([f["name"] for f in csv_fields(dataset)]) + "".join(rows)).encode("utf-8")


def _csv_row(lot: Lot, years: tuple[int, ...]) -> list[Any]:
    row = []
    for column in csv_columns():
        if column.value is None:  # one column per year
            row += [lot.amount_for(year) or "" for year in years]
        else:
            row.append(cell(column.value(lot)))
    return row


def _csv_line(row: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()


def datapackage(dataset: Dataset) -> dict[str, Any]:
    """A Frictionless Data Package describing grants.csv with a Table Schema."""
    sources = [
        {"title": f"{s.issuer.kk}: {s.title.kk}"} | ({"path": s.url} if s.url else {})
        for s in dataset.sources
    ]
    return {
        "name": "kz-state-grants-ngo",
        "title": "State grants to NGOs in Kazakhstan: announced lots",
        "description": (
            "Lots of state grants for non-governmental organisations announced by local administrations "
            "(akimats) of Kazakhstan, transcribed from the official documents. Kazakh text is authoritative. "
            f"The full dataset with every language and computed totals is {JSON_NAME}; "
            f"it validates against {SCHEMA_NAME} once its 'totals' are set aside."
        ),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "sources": sources,
        "resources": [
            {
                "name": "lots",
                "path": CSV_NAME,
                "title": "Lots, one row each",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": csv_fields(dataset), "primaryKey": ["id"]},
            }
        ],
    }


@dataclass
class Reuse:
    """Each lot's part of the downloads, kept from one call of ``files`` to the next
    (``mkdocs serve``'s quick rebuilds, macros/state.py): a lot equal to the one a
    part was made from keeps it instead of being encoded again."""

    lots: dict[str, Lot] = field(default_factory=dict)
    documents: dict[str, bytes] = field(default_factory=dict)  # lots/<id>.json
    entries: dict[str, str] = field(default_factory=dict)  # its entry in grants.json's "lots"
    rows: dict[str, str] = field(default_factory=dict)  # its row of grants.csv
    #: The data's years the rows were made for (a row has a column for each).
    years: tuple[int, ...] = ()


#: Where the lots go in grants.json's text when it is put together from each lot's entry.
_LOTS = "lots entries"


def _json_of_entries(dataset: Dataset, entries: list[str]) -> bytes:
    """The same bytes as ``_json(dataset_dict(dataset))``, with each lot's entry given as
    its own JSON text (``_dumps(dump(lot))``).

    The entries go where the encoder would put them: the value of the top-level key
    "lots". Its placeholder, ``"lots":"lots entries"``, is found by its quotation marks,
    which only the encoder writes bare (a quotation mark in data text is escaped as \\").
    tests/test_serve.py compares the two.
    """
    skeleton = _dumps(dataset_dict(dataset, _LOTS))
    marker = f'"lots":"{_LOTS}"'
    assert skeleton.count(marker) == 1
    return (skeleton.replace(marker, '"lots":[' + ",".join(entries) + "]") + "\n").encode("utf-8")


def files(dataset: Dataset, *, reuse: Reuse | None = None) -> dict[str, bytes]:
    """Every download, by its path inside the downloads folder. With ``reuse``, the lots that did not change since the previous call are not
    encoded again (same bytes): their lots/<id>.json is the very bytes object of the previous
    call, which the site compares with what it wrote at no cost."""
    out = {
        JSON_NAME: b"",
        CSV_NAME: b"",
        SCHEMA_NAME: SCHEMA_PATH.read_bytes(),
        PACKAGE_NAME: _json(datapackage(dataset), INDENTED),
    }
    if reuse is None:  # a whole build: one JSON text of the whole (the lots' parts kept for no one
        # would peak at 1.6 times the memory: 162 MB against 98 MB for 2,000 lots)
        out[JSON_NAME] = _json(dataset_dict(dataset))
        out[CSV_NAME] = csv_bytes(dataset)
        for lot in dataset.lots:
            out[f"lots/{lot.id}.json"] = _json(lot_document(lot))
        return out
    entries, rows = [], []
    kept = Reuse(years=dataset.years)
    for lot in dataset.lots:
        if reuse.lots.get(lot.id) == lot:
            document, entry = reuse.documents[lot.id], reuse.entries[lot.id]
            row = reuse.rows[lot.id] if reuse.years == dataset.years else None
        else:
            document = _json(lot_document(lot))
            entry = _dumps(dump(lot))
            row = None
        if row is None:
            row = _csv_line(_csv_row(lot, dataset.years))
        out[f"lots/{lot.id}.json"] = document
        entries.append(entry)
        rows.append(row)
        kept.lots[lot.id], kept.documents[lot.id], kept.entries[lot.id] = lot, document, entry
        kept.rows[lot.id] = row
    out[JSON_NAME] = _json_of_entries(dataset, entries)
    out[CSV_NAME] = csv_bytes(dataset, rows)
    reuse.lots, reuse.documents, reuse.entries = kept.lots, kept.documents, kept.entries
    reuse.rows, reuse.years = kept.rows, kept.years
    return out
