"""Open data: the same objects the pages show, as JSON, CSV and a Data Package.

``files(dataset)`` returns every download as (path, bytes); the site adds them
to its build, and ``python -m grants export DIR`` writes them to a folder.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grants import labels
from grants.i18n import translations
from grants.model import Dataset, Group, Lot, Report, Source, Text, YearAmount
from grants.validate import SCHEMA_PATH

CSV_NAME = "grants.csv"
JSON_NAME = "grants.json"
SCHEMA_NAME = "grants.schema.json"
PACKAGE_NAME = "datapackage.json"
#: Where the downloads live in the site, relative to its root.
FOLDER = "data"


def _text(text: Text) -> dict[str, str]:
    return text.as_dict()


def _years(items: tuple[YearAmount, ...]) -> list[dict[str, int]]:
    return [{"year": y.year, "amount": y.amount} for y in items]


def source_dict(source: Source) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": source.id,
        "issuer": _text(source.issuer),
        "title": _text(source.title),
    }
    if source.document:
        out["document"] = source.document
    if source.document_sha256:
        out["document_sha256"] = source.document_sha256
    if source.url:
        out["url"] = source.url
    if source.published:
        out["published"] = source.published.isoformat()
    out["years"] = list(source.years)
    out["declared_totals"] = _years(source.declared_totals)
    if source.notes:
        out["notes"] = [_text(n) for n in source.notes]
    return out


def lot_dict(lot: Lot) -> dict[str, Any]:
    """The lot in the shape of the schema's ``lot``: it validates against the published schema."""
    out: dict[str, Any] = {
        "id": lot.id,
        "source": lot.source.id,
        "number": lot.number,
    }
    if lot.source_lines:
        out["source_lines"] = list(lot.source_lines)
    out.update(
        sector=lot.sector.id,
        priority=_text(lot.priority),
        problem=_text(lot.problem),
        funding=_years(lot.funding),
        grant_type=lot.grant_type,
        grant_count=lot.grant_count,
        period={"start": lot.period.start, "end": lot.period.end},
        territory=_text(lot.territory),
        targets_per_year=lot.targets_per_year,
        indicators=[
            {"text": _text(i.text)}
            | (
                {
                    "target": {
                        "comparison": i.target.comparison,
                        "value": i.target.value,
                        "unit": _text(i.target.unit),
                    }
                }
                if i.target
                else {}
            )
            for i in lot.indicators
        ],
        results=[_text(r) for r in lot.results],
        material_requirements=[_text(r) for r in lot.material_requirements],
        notes=[_text(n) for n in lot.notes],
    )
    if lot.corrections:
        out["corrections"] = [{"source": c.source, "corrected": c.corrected} for c in lot.corrections]
    out["status"] = lot.status
    if lot.application_window:
        out["application_window"] = {
            "opens": lot.application_window.opens.isoformat(),
            "closes": lot.application_window.closes.isoformat(),
        }
    if lot.apply_url:
        out["apply_url"] = lot.apply_url
    if lot.award:
        out["award"] = {
            "recipient": _text(lot.award.recipient),
            "bin": lot.award.bin,
            "amounts": _years(lot.award.amounts),
            "agreement_date": lot.award.agreement_date.isoformat(),
        }
    if lot.reports:
        out["reports"] = [_report(r) for r in lot.reports]
    return out


def _report(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {"date": report.date.isoformat()}
    if report.document:
        out["document"] = report.document
    if report.text:
        out["text"] = _text(report.text)
    if report.achievements:
        out["achievements"] = [{"indicator": a.indicator, "value": a.value} for a in report.achievements]
    return out


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


def dataset_dict(dataset: Dataset) -> dict[str, Any]:
    """grants.json: the validated data in the schema's shape, plus computed ``totals``."""
    return _dataset_dict(dataset, [lot_dict(lot) for lot in dataset.lots])


def _dataset_dict(dataset: Dataset, lots: Any) -> dict[str, Any]:
    return {
        "schema_version": dataset.schema_version,
        "currency": dataset.currency,
        "sources": [source_dict(s) for s in dataset.sources],
        "sectors": [{"id": s.id, "name": _text(s.name)} for s in dataset.sectors],
        "lots": lots,
        "totals": totals_dict(dataset),
    }


def lot_document(lot: Lot) -> dict[str, Any]:
    """lots/<id>.json: one lot, with its source and sector spelled out and its total."""
    return {
        "lot": lot_dict(lot),
        "total": lot.total,
        "source": source_dict(lot.source),
        "sector": {"id": lot.sector.id, "name": _text(lot.sector.name)},
    }


def _json(value: Any) -> bytes:
    # allow_nan=False: a NaN or an infinity would make the file invalid JSON; the loader refuses
    # them, and should one ever get this far, writing stops here instead of publishing it.
    return (json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


# --- CSV -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of grants.csv as a Table Schema field. ``title`` and ``description`` are
    English and are the msgids of the ``schema`` catalog (grants/schema_i18n.py), which
    gives the Downloads page its Kazakh and Russian words; ``{year}`` is filled in for
    the one column per year."""

    name: str
    type: str
    title: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)


#: A column repeated for each year of the data, as funding_2026, funding_2027, …
PER_YEAR = "funding_{year}"

#: The CSV's columns: the one description of the CSV (Data Package and Downloads page).
CSV_COLUMNS = (
    Column(
        "id",
        "string",
        "Lot id",
        "Stable lot identifier; the lot page is /lots/<id>/.",
        {"required": True, "unique": True},
    ),
    Column(
        "source", "string", "Source document id", "Id of the official document the lot is transcribed from."
    ),
    Column("number", "string", "Lot number", "The lot's number as printed in the source document."),
    Column("sector", "string", "Sector id", "Id of the grant sector (Art. 5 §1 of the law)."),
    Column("sector_name", "string", "Sector (kk)", "The grant sector's name in Kazakh."),
    Column(
        "priority",
        "string",
        "Priority direction (kk)",
        "The grant's priority direction, in Kazakh as in the source.",
    ),
    Column(
        "problem",
        "string",
        "Problem (kk)",
        "Short description of the problem, in Kazakh; paragraphs separated by a blank line.",
    ),
    Column(
        "grant_type",
        "string",
        "Grant type",
        "short, medium or long (the law's categories by length).",
        {"enum": list(labels.GRANT_TYPES)},
    ),
    Column("grant_type_name", "string", "Grant type (kk)", "The grant type in Kazakh."),
    Column("grant_count", "integer", "Number of grants", "How many grants the lot is awarded as."),
    Column("period_start", "integer", "First year", "First calendar year of the grant."),
    Column("period_end", "integer", "Last year", "Last calendar year of the grant."),
    Column("territory", "string", "Territory (kk)", "Where the grant is carried out, in Kazakh."),
    Column(
        PER_YEAR,
        "integer",
        "Funding {year}, KZT",
        "Funding in {year}, whole tenge; empty when the lot has none that year.",
    ),
    Column(
        "funding_total",
        "integer",
        "Funding, all years, KZT",
        "The lot's funding over all years, whole tenge.",
    ),
    Column(
        "indicators",
        "string",
        "Target indicators (kk)",
        "The target indicators, one per line, numbered as in the source.",
    ),
    Column(
        "results",
        "string",
        "Expected results (kk)",
        "The expected results, one per line, numbered as in the source.",
    ),
    Column(
        "material_requirements",
        "string",
        "Material requirements (kk)",
        "Material and technical requirements, one per line, numbered as in the source; empty unless long-term.",
    ),
    Column(
        "notes",
        "string",
        "Notes on the source (kk)",
        "Defects of the source document for this lot, one per line.",
    ),
    Column(
        "status",
        "string",
        "Status",
        "Where the lot stands: planned, open, evaluation, awarded, in_progress, completed or cancelled.",
        {"enum": list(labels.STATUSES)},
    ),
    Column(
        "applications_open",
        "date",
        "Applications open",
        "First day applications are accepted; empty when not announced.",
    ),
    Column(
        "applications_close",
        "date",
        "Applications close",
        "Last day applications are accepted; empty when not announced.",
    ),
    Column(
        "apply_url",
        "string",
        "Where to apply",
        "The web address where NGOs apply; empty when not announced.",
    ),
    Column("recipient", "string", "Recipient (kk)", "The NGO awarded the grant; empty until awarded."),
    Column(
        "recipient_bin",
        "string",
        "Recipient BIN",
        "The recipient's 12-digit business identification number; empty until awarded.",
    ),
    Column(
        "awarded_total",
        "integer",
        "Awarded, all years, KZT",
        "The money in the grant agreement over all years, whole tenge; empty until awarded.",
    ),
    Column(
        "agreement_date",
        "date",
        "Agreement date",
        "The day the grant agreement was signed; empty until awarded.",
    ),
    Column(
        "last_report",
        "date",
        "Last report",
        "The date of the latest report on the lot's work; empty when none.",
    ),
)
#: The Table Schema types the columns use (their names are in the ``schema`` catalog too).
CSV_TYPES = tuple(dict.fromkeys(column.type for column in CSV_COLUMNS))


def _field(column: Column, say: Callable[[str], str], **values: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": column.name.format(**values),
        "type": column.type,
        "title": say(column.title).format(**values),
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
    for column in CSV_COLUMNS:
        if column.name == PER_YEAR:
            fields += [_field(column, say, year=year) for year in dataset.years]
        else:
            fields.append(_field(column, say))
    return fields


def _numbered(texts: tuple[Text, ...] | list[Text]) -> str:
    return "\n".join(f"{i}. {t.kk}" for i, t in enumerate(texts, 1))


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection rule).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one that would start a formula (=, +, -, @, a tab
    or a carriage return) gets a leading apostrophe, which Excel, LibreOffice and Google Sheets
    take as "this is text" and do not show. Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(dataset: Dataset) -> bytes:
    """grants.csv: one row per lot; UTF-8 with a byte-order mark, which Excel needs to read UTF-8.
    No cell can run as a formula (see ``cell``)."""
    names = [f["name"] for f in csv_fields(dataset)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n")
    writer.writeheader()
    for lot in dataset.lots:
        row: dict[str, Any] = {
            "id": lot.id,
            "source": lot.source.id,
            "number": lot.number,
            "sector": lot.sector.id,
            "sector_name": lot.sector.name.kk,
            "priority": lot.priority.kk,
            "problem": lot.problem.kk,
            "grant_type": lot.grant_type,
            "grant_type_name": labels.GRANT_TYPES[lot.grant_type].kk,
            "grant_count": lot.grant_count,
            "period_start": lot.period.start,
            "period_end": lot.period.end,
            "territory": lot.territory.kk,
            "funding_total": lot.total,
            "indicators": _numbered([i.text for i in lot.indicators]),
            "results": _numbered(lot.results),
            "material_requirements": _numbered(lot.material_requirements),
            "notes": "\n".join(n.kk for n in lot.notes),
            "status": lot.status,
            "applications_open": lot.application_window.opens.isoformat() if lot.application_window else "",
            "applications_close": lot.application_window.closes.isoformat() if lot.application_window else "",
            "apply_url": lot.apply_url or "",
            "recipient": lot.award.recipient.kk if lot.award else "",
            "recipient_bin": lot.award.bin if lot.award else "",
            "awarded_total": lot.award.amount if lot.award else "",
            "agreement_date": lot.award.agreement_date.isoformat() if lot.award else "",
            "last_report": lot.reports[-1].date.isoformat() if lot.reports else "",
        }
        for year in dataset.years:
            row[f"funding_{year}"] = lot.amount_for(year) or ""
        writer.writerow({name: cell(value) for name, value in row.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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


#: Where the lots go in grants.json's text when it is put together from each lot's entry.
_LOTS = "lots entries"


def _json_of_entries(dataset: Dataset, entries: list[str]) -> bytes:
    """The same bytes as ``_json(dataset_dict(dataset))``, with each lot's entry given as
    its own JSON text (``json.dumps`` of ``lot_dict`` with indent=2).

    The entries go where the encoder would put them: indented by two levels,
    between the brackets of the top-level key "lots". That key's line is found
    by the raw newline and two spaces before it, which only the encoder writes
    (data text has its newlines escaped). tests/test_serve.py compares the two.
    """
    skeleton = json.dumps(_dataset_dict(dataset, _LOTS), ensure_ascii=False, indent=2, allow_nan=False)
    marker = f'\n  "lots": "{_LOTS}"'
    assert skeleton.count(marker) == 1
    lots = "[\n" + ",\n".join(textwrap.indent(e, "    ") for e in entries) + "\n  ]" if entries else "[]"
    return (skeleton.replace(marker, f'\n  "lots": {lots}') + "\n").encode("utf-8")


def files(dataset: Dataset, *, reuse: Reuse | None = None) -> dict[str, bytes]:
    """Every download, by its path inside the downloads folder. With ``reuse``, the lots
    that did not change since the previous call are not encoded again (same bytes)."""
    out = {
        JSON_NAME: b"",
        CSV_NAME: csv_bytes(dataset),
        SCHEMA_NAME: SCHEMA_PATH.read_bytes(),
        PACKAGE_NAME: _json(datapackage(dataset)),
    }
    if reuse is None:
        out[JSON_NAME] = _json(dataset_dict(dataset))
        for lot in dataset.lots:
            out[f"lots/{lot.id}.json"] = _json(lot_document(lot))
        return out
    entries = []
    kept = Reuse()
    for lot in dataset.lots:
        if reuse.lots.get(lot.id) == lot:
            document, entry = reuse.documents[lot.id], reuse.entries[lot.id]
        else:
            document = _json(lot_document(lot))
            entry = json.dumps(lot_dict(lot), ensure_ascii=False, indent=2, allow_nan=False)
        out[f"lots/{lot.id}.json"] = document
        entries.append(entry)
        kept.lots[lot.id], kept.documents[lot.id], kept.entries[lot.id] = lot, document, entry
    out[JSON_NAME] = _json_of_entries(dataset, entries)
    reuse.lots, reuse.documents, reuse.entries = kept.lots, kept.documents, kept.entries
    return out
