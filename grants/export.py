"""Open data: the same objects the pages show, as JSON, CSV and a Data Package.

``files(dataset)`` returns every download as (path, bytes); the site adds them
to its build, and ``python -m grants export DIR`` writes them to a folder.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from grants import labels
from grants.model import Dataset, Group, Lot, Source, Text, YearAmount
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
        status=lot.status,
    )
    if lot.application_window:
        out["application_window"] = {
            "opens": lot.application_window.opens.isoformat(),
            "closes": lot.application_window.closes.isoformat(),
        }
    if lot.apply_url:
        out["apply_url"] = lot.apply_url
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
        "counts": dataset.counts(),
    }


def dataset_dict(dataset: Dataset) -> dict[str, Any]:
    """grants.json: the validated data in the schema's shape, plus computed ``totals``."""
    return {
        "schema_version": dataset.schema_version,
        "currency": dataset.currency,
        "sources": [source_dict(s) for s in dataset.sources],
        "sectors": [{"id": s.id, "name": _text(s.name)} for s in dataset.sectors],
        "lots": [lot_dict(lot) for lot in dataset.lots],
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
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- CSV -------------------------------------------------------------------------


def csv_fields(dataset: Dataset) -> list[dict[str, Any]]:
    """The CSV's columns as Table Schema fields: the one description of the CSV."""
    fields: list[dict[str, Any]] = [
        {
            "name": "id",
            "type": "string",
            "title": "Lot id",
            "description": "Stable lot identifier; the lot page is /lots/<id>/.",
            "constraints": {"required": True, "unique": True},
        },
        {
            "name": "source",
            "type": "string",
            "title": "Source document id",
            "description": "Id of the official document the lot is transcribed from.",
        },
        {
            "name": "number",
            "type": "string",
            "title": "Lot number",
            "description": "The lot's number as printed in the source document.",
        },
        {
            "name": "sector",
            "type": "string",
            "title": "Sector id",
            "description": "Id of the grant sector (Art. 5 §1 of the law).",
        },
        {
            "name": "sector_name",
            "type": "string",
            "title": "Sector (kk)",
            "description": "The grant sector's name in Kazakh.",
        },
        {
            "name": "priority",
            "type": "string",
            "title": "Priority direction (kk)",
            "description": "The grant's priority direction, in Kazakh as in the source.",
        },
        {
            "name": "problem",
            "type": "string",
            "title": "Problem (kk)",
            "description": "Short description of the problem, in Kazakh; paragraphs separated by a blank line.",
        },
        {
            "name": "grant_type",
            "type": "string",
            "title": "Grant type",
            "description": "short, medium or long (the law's categories by length).",
            "constraints": {"enum": list(labels.GRANT_TYPES)},
        },
        {
            "name": "grant_type_name",
            "type": "string",
            "title": "Grant type (kk)",
            "description": "The grant type in Kazakh.",
        },
        {
            "name": "grant_count",
            "type": "integer",
            "title": "Number of grants",
            "description": "How many grants the lot is awarded as.",
        },
        {
            "name": "period_start",
            "type": "integer",
            "title": "First year",
            "description": "First calendar year of the grant.",
        },
        {
            "name": "period_end",
            "type": "integer",
            "title": "Last year",
            "description": "Last calendar year of the grant.",
        },
        {
            "name": "territory",
            "type": "string",
            "title": "Territory (kk)",
            "description": "Where the grant is carried out, in Kazakh.",
        },
    ]
    for year in dataset.years:
        fields.append(
            {
                "name": f"funding_{year}",
                "type": "integer",
                "title": f"Funding {year}, KZT",
                "description": f"Funding in {year}, whole tenge; empty when the lot has none that year.",
            }
        )
    fields += [
        {
            "name": "funding_total",
            "type": "integer",
            "title": "Funding, all years, KZT",
            "description": "The lot's funding over all years, whole tenge.",
        },
        {
            "name": "indicators",
            "type": "string",
            "title": "Target indicators (kk)",
            "description": "The target indicators, one per line, numbered as in the source.",
        },
        {
            "name": "results",
            "type": "string",
            "title": "Expected results (kk)",
            "description": "The expected results, one per line, numbered as in the source.",
        },
        {
            "name": "material_requirements",
            "type": "string",
            "title": "Material requirements (kk)",
            "description": "Material and technical requirements, one per line; empty unless long-term.",
        },
        {
            "name": "notes",
            "type": "string",
            "title": "Notes on the source (kk)",
            "description": "Defects of the source document for this lot, one per line.",
        },
        {
            "name": "status",
            "type": "string",
            "title": "Status",
            "description": "Where the lot stands: planned, open, evaluation, awarded, in_progress, completed or cancelled.",
        },
    ]
    return fields


def _numbered(texts: tuple[Text, ...] | list[Text]) -> str:
    return "\n".join(f"{i}. {t.kk}" for i, t in enumerate(texts, 1))


def csv_bytes(dataset: Dataset) -> bytes:
    """grants.csv: one row per lot; UTF-8 with a byte-order mark, which Excel needs to read UTF-8."""
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
        }
        for year in dataset.years:
            row[f"funding_{year}"] = lot.amount_for(year) or ""
        writer.writerow(row)
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


def files(dataset: Dataset) -> dict[str, bytes]:
    """Every download, by its path inside the downloads folder."""
    out = {
        JSON_NAME: _json(dataset_dict(dataset)),
        CSV_NAME: csv_bytes(dataset),
        SCHEMA_NAME: SCHEMA_PATH.read_bytes(),
        PACKAGE_NAME: _json(datapackage(dataset)),
    }
    for lot in dataset.lots:
        out[f"lots/{lot.id}.json"] = _json(lot_document(lot))
    return out
