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


def sector(dataset: Dataset, sector_id: str, lang: str) -> dict:
    group = next(g for g in dataset.by_sector() if g.key == sector_id)
    return {
        "dataset": dataset,
        "group": group,
        "chart_by_year": bar_chart(
            [(str(y.year), y.amount, formatting.money(y.amount, lang)) for y in group.by_year]
        ),
    }
