"""Render the site's data fragments with Jinja, HTML-escaped by default.

MkDocs' own template environment does not autoescape, and data text must never
run as HTML or script: so every fragment that shows data is rendered here, with
``autoescape=True`` and ``StrictUndefined``, from ``overrides/grants/``. Data
never becomes template source, so ``{{ }}`` in a text stays text.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import jinja2

from grants import charts, formatting, labels
from grants.model import Text
from macros.strings import UI

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "grants"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(labels=labels, bar_chart=charts.bar_chart)
    return env


def render(template: str, *, lang: str, base: str, build_date: dt.date, **context: object) -> str:
    """Render ``template`` for a page ``base`` away from the site root (``'../../'``)."""

    def t(key: str) -> str:
        return UI[key].get(lang)

    def tr(text: Text) -> str:
        return text.get(lang)

    context.update(
        lang=lang,
        base=base,
        build_date=build_date,
        t=t,
        tr=tr,
        is_original=lambda text: text.is_original(lang),
        paragraphs=lambda text: text.paragraphs(lang),
        money=lambda amount: formatting.money(amount, lang),
        money_short=lambda amount: formatting.money_short(amount, lang),
        number=lambda value: formatting.number(value, lang),
        date=lambda value: formatting.date(value, lang),
        grant_type=lambda key: labels.GRANT_TYPES[key].get(lang),
        status=lambda key: labels.STATUSES[key].get(lang),
        comparison=lambda key: labels.COMPARISONS[key].get(lang),
    )
    return environment().get_template(template).render(context)
