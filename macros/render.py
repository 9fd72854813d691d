"""Render the site's data fragments with Jinja, HTML-escaped by default.

MkDocs' own template environment does not autoescape, and data text must never
run as HTML or script: so every fragment that shows data is rendered here, with
``autoescape=True`` and ``StrictUndefined``, from ``overrides/grants/``. Data
never becomes template source, so ``{{ }}`` in a text stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from pathlib import Path

import jinja2
import markupsafe

from grants import formatting, labels
from grants.diff import describe_all
from grants.model import DEFAULT_LANGUAGE, Text
from macros.strings import UI, plural

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "grants"

#: What every template gets, besides what its own header comment documents
#: under "Context:". tests/test_templates.py fails when a template uses a name
#: documented in neither place.
COMMON_CONTEXT = {
    "lang": "language code of the page: kk, ru or en",
    "base": "relative path from the page to its language's root, such as '../../'",
    "root": "relative path from the page to the whole site's root (downloads, feed), such as '../../../'",
    "build_date": "datetime.date the site was built",
    "t": "t(key): an interface string from macros/strings.py in the page's language",
    "tr": "tr(text): a grants.model.Text in the page's language (Kazakh where untranslated)",
    "text": "text(text): a grants.model.Text as HTML in the page's language; the Kazakh original, where a ru or en page shows it, marked lang=\"kk\" and 'not yet translated'",
    "paras": "paras(text): the text's paragraphs as <p> elements, marked as text() marks it",
    "is_original": "is_original(text): true when tr(text) shows the Kazakh original",
    "untranslated": "untranslated(text): the visible 'not yet translated' mark where a ru or en page shows the Kazakh original, else ''",
    "paragraphs": "paragraphs(text): the text's paragraphs in the page's language",
    "money": "money(amount): '18 000 000 ₸' in the page's language",
    "money_short": "money_short(amount): '18 млн ₸' in the page's language",
    "number": "number(value): a number in the page's language",
    "date": "date(value): a date in the page's language",
    "grant_type": "grant_type(key): the grant type's name",
    "status": "status(key): the lot status's name",
    "comparison": "comparison(key): 'кемінде' for at_least, and so on",
    "said": "said(fields): grants.diff.FieldChange items told in the page's language (grants.diff.Described: label, before, after, note, lang)",
    "change_word": "change_word(key): a word of grants.labels.CHANGES, such as 'source.added', in the page's language",
    "plural": "plural(key, n): '5 лотов', '1 lot': n with a word of macros/strings.py PLURALS in its CLDR form",
}


#: Control characters other than tab and newline (C0, DEL and C1). The validator
#: rejects them in data; the renderer replaces any that still arrive with U+FFFD,
#: so a text that bypassed the validator still shows as text and cannot hide
#: anything from the reader.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character but tab and newline shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def _finalize(value: object) -> object:
    # Every {{ }} output passes here; template markup (Markup objects, already
    # escaped) is left as it is. A text's newlines are written as &#10; (the same
    # whitespace to a browser), so that no data text ever begins a line of the
    # output: a line that begins with '## ' is always the template's heading
    # (macros.plugin keeps only those lines for Markdown).
    if type(value) is str:  # not Markup, a str subclass
        value = visible(value)
        if "\n" in value:
            return markupsafe.Markup(str(markupsafe.escape(value)).replace("\n", "&#10;"))
    return value  # autoescaping escapes a plain str


def base_for(url: str) -> str:
    """The relative way back to a language's root from a page at ``url`` ('lots/x/' -> '../../')."""
    depth = len([part for part in url.split("/") if part])
    if url and not url.endswith("/"):
        depth -= 1  # 'lots/x.html' sits in 'lots/'
    return "../" * depth


# Babel's formatting is the renderer's slowest call, and the same few amounts,
# numbers and dates come back on thousands of pages: each is formatted once.
_money = lru_cache(maxsize=65_536)(formatting.money)
_money_short = lru_cache(maxsize=65_536)(formatting.money_short)
_number = lru_cache(maxsize=65_536)(formatting.number)
_date = lru_cache(maxsize=65_536)(formatting.date)


def forget_formatted() -> None:
    """Empty those caches (a finished ``mkdocs build``: up to 65,536 strings each, which
    would stay in memory beside the search indexing, macros/plugin.py ``_let_go``)."""
    for formatted in (_money, _money_short, _number, _date):
        formatted.cache_clear()


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        finalize=_finalize,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def shown(value: str) -> markupsafe.Markup:
    """A data text as HTML, as ``_finalize`` and autoescaping write a ``{{ }}`` output."""
    return markupsafe.Markup(str(markupsafe.escape(visible(value))).replace("\n", "&#10;"))


@cache
def _helpers(lang: str) -> dict[str, object]:
    """The functions of COMMON_CONTEXT for ``lang``: made once per language, not once per page."""
    ui = {key: text.get(lang) for key, text in UI.items()}
    mark = markupsafe.Markup('<span class="grant-untranslated" lang="{}">{}</span>').format(
        lang, ui["translation.missing"]
    )
    original = markupsafe.Markup(f' lang="{DEFAULT_LANGUAGE}"')

    def t(key: str) -> str:
        return ui[key]

    def tr(text: Text) -> str:
        """The text in the page's language, or its Kazakh original where it has no translation yet:
        ``text`` and ``paras`` then add the ``untranslated`` mark beside it."""
        return text.get(lang)

    def untranslated(text: Text) -> markupsafe.Markup | str:
        """A translation is optional: where there is none, the reader is told, in the page's language."""
        if lang == DEFAULT_LANGUAGE or text.has(lang):
            return ""
        return mark

    # ``text`` and ``paras`` are called for every data text of every page: written here rather
    # than as Jinja macros, whose calls took a third of a lot page's rendering time.
    def text_html(text: Text) -> markupsafe.Markup:
        """The text in the page's language; where a ru or en page shows the Kazakh original,
        marked lang="kk" and followed by the "not yet translated" mark."""
        if lang != DEFAULT_LANGUAGE and not text.has(lang):
            return markupsafe.Markup(f'<span lang="{DEFAULT_LANGUAGE}">{shown(text.kk)}</span> {mark}')
        return shown(text.get(lang))

    def paras(text: Text) -> markupsafe.Markup:
        """The text's paragraphs, each a <p>; the Kazakh original marked as ``text`` marks it."""
        attr, last = (original, f" {mark}") if lang != DEFAULT_LANGUAGE and not text.has(lang) else ("", "")
        parts = text.paragraphs(lang)
        return markupsafe.Markup(
            "".join(
                f"<p{attr}>{shown(p)}{last if i == len(parts) - 1 else ''}</p>" for i, p in enumerate(parts)
            )
        )

    return {
        "t": t,
        "tr": tr,
        "text": text_html,
        "paras": paras,
        "is_original": lambda text: text.is_original(lang),
        "untranslated": untranslated,
        "paragraphs": lambda text: text.paragraphs(lang),
        "money": lambda amount: _money(amount, lang),
        "money_short": lambda amount: _money_short(amount, lang),
        "number": lambda value: _number(value, lang),
        "date": lambda value: _date(value, lang),
        "grant_type": lambda key: labels.GRANT_TYPES[key].get(lang),
        "status": lambda key: labels.STATUSES[key].get(lang),
        "comparison": lambda key: labels.COMPARISONS[key].get(lang),
        "said": lambda fields: describe_all(fields, lang),
        "change_word": lambda key: labels.CHANGES[key].get(lang),
        "plural": lambda key, n: plural(key, n, lang),
    }


def render(template: str, *, lang: str, base: str, root: str, build_date: dt.date, **context: object) -> str:
    """Render ``template`` for a page ``base`` away from its language's root (``'../../'``)
    and ``root`` away from the whole site's root, where the downloads and the feed are."""
    context.update(_helpers(lang))
    context.update(lang=lang, base=base, root=root, build_date=build_date)
    return environment().get_template(template).render(context)
