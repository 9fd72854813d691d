"""What each page template is handed: the data objects plus ready-made charts.

Charts need labels and formatted values in the page's language, so they are
prepared here, in Python, and templates only draw them.
"""

from __future__ import annotations

from grants import formatting, labels
from grants.charts import Chart, bar_chart
from grants.model import Dataset, Group


def _chart(groups: tuple[Group, ...], label, lang: str) -> Chart:
    return bar_chart([(label(g), g.total, formatting.money(g.total, lang)) for g in groups])


def totals(dataset: Dataset, lang: str) -> dict:
    return {
        "dataset": dataset,
        "chart_by_year": _chart(dataset.by_year(), lambda g: g.key, lang),
        "chart_by_sector": _chart(dataset.by_sector(), lambda g: g.item.name.get(lang), lang),
        "chart_by_type": _chart(dataset.by_grant_type(), lambda g: labels.GRANT_TYPES[g.key].get(lang), lang),
    }


def home(dataset: Dataset, lang: str) -> dict:
    return {"dataset": dataset, "chart_by_year": _chart(dataset.by_year(), lambda g: g.key, lang)}


def sector(dataset: Dataset, group: Group, lang: str) -> dict:
    return {
        "dataset": dataset,
        "group": group,
        "chart_by_year": bar_chart(
            [(str(y.year), y.amount, formatting.money(y.amount, lang)) for y in group.by_year]
        ),
    }


def _schema_fields(schema: dict) -> list[tuple[str, str, str]]:
    """(path, title, description) of every field of the JSON Schema, in order, for the Downloads page."""
    defs = schema.get("$defs", {})
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str, depth: int) -> None:
        if "$ref" in node:
            target = defs[node["$ref"].rsplit("/", 1)[-1]]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if path:
            rows.append((path, node.get("title", ""), node.get("description", "")))
        if depth > 6 or path.endswith((".kk", ".ru", ".en")):
            return
        if node.get("properties") and node.get("$id") is None and "kk" in node["properties"] and path:
            return  # a text in several languages: explained once under its own heading
        for name, sub in node.get("properties", {}).items():
            walk(sub, f"{path}.{name}" if path else name, depth + 1)
        if "items" in node:
            walk(node["items"], f"{path}[]", depth + 1)

    walk(schema, "", 0)
    return rows


def downloads(dataset: Dataset, files: dict[str, bytes]) -> dict:
    from grants.export import csv_fields
    from grants.validate import schema

    return {
        "dataset": dataset,
        "sizes": {name: len(content) for name, content in files.items()},
        "csv_fields": csv_fields(dataset),
        "schema_fields": _schema_fields(schema()),
    }
