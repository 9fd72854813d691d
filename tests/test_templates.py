"""Templates document their context; interface strings exist in every language."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import material
import pytest
from jinja2 import meta

from macros.render import COMMON_CONTEXT, TEMPLATES, environment, render
from macros.strings import UI

MATERIAL_EN = Path(material.__path__[0]) / "templates" / "partials" / "languages" / "en.html"
KK_PARTIAL = TEMPLATES.parent / "partials" / "languages" / "kk.html"


def documented_context(source: str) -> set[str]:
    header = re.match(r"\{#-?(.*?)-?#\}", source, re.S)
    assert header, "the template starts with a comment documenting its context"
    block = header.group(1).split("Context:", 1)
    if len(block) == 1:
        return set()
    return set(re.findall(r"^\s+([a-z_]+):", block[1], re.M))


@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_template_documents_its_context(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    used = meta.find_undeclared_variables(environment().parse(source))
    missing = used - documented_context(source) - set(COMMON_CONTEXT)
    assert not missing, f"{name} uses {sorted(missing)} without documenting them under 'Context:'"


def test_common_context_documentation_matches_what_render_passes(monkeypatch):
    seen = {}

    class Spy:
        def render(self, context):
            seen.update(context)
            return ""

    monkeypatch.setattr(jinja2.Environment, "get_template", lambda self, name: Spy())
    import datetime as dt

    render("any.html", lang="kk", base="", root="", build_date=dt.date(2026, 1, 1))
    passed = set(seen) | set(environment().globals) - set(jinja2.Environment().globals)
    assert passed == set(COMMON_CONTEXT)


def test_every_interface_string_has_three_languages():
    for key, text in UI.items():
        assert text.kk and text.ru and text.en is not None, key


def _keys(path: Path) -> dict[str, str]:
    content = path.read_text(encoding="utf-8")
    return dict(re.findall(r'^\s+"([^"]+)": "((?:[^"\\]|\\.)*)"', content, re.M))


def test_kazakh_partial_translates_every_material_key():
    english, kazakh = _keys(MATERIAL_EN), _keys(KK_PARTIAL)
    assert set(kazakh) == set(english)
    untranslated = [
        key
        for key in english
        if kazakh[key] == english[key] and not key.startswith("search.config") and key != "direction"
    ]
    assert not untranslated, untranslated
    assert kazakh["language"] == "kk"


def test_every_interface_string_is_used():
    """A string no template or page uses is a translation nobody reads."""
    files = [
        *TEMPLATES.parent.rglob("*.html"),
        *(p for p in (TEMPLATES.parent.parent / "macros").glob("*.py") if p.name != "strings.py"),
    ]
    used = "".join(p.read_text(encoding="utf-8") for p in files)
    assert [key for key in UI if f'"{key}"' not in used and f"'{key}'" not in used] == []


@pytest.mark.parametrize(
    ("lang", "n", "expected"),
    [
        ("ru", 1, "1 лот"),
        ("ru", 2, "2 лота"),
        ("ru", 5, "5 лотов"),
        ("ru", 11, "11 лотов"),
        ("ru", 21, "21 лот"),
        ("ru", 1_004, "1\u00a0004 лота"),
        ("en", 1, "1 lot"),
        ("en", 2, "2 lots"),
        ("kk", 1, "1 лот"),
        ("kk", 5, "5 лот"),
    ],
)
def test_counted_words_take_the_cldr_plural_form(lang, n, expected):
    from macros.strings import plural

    assert plural("lots", n, lang) == expected


def test_every_counted_word_has_every_plural_form_of_its_language():
    from babel import Locale

    from macros.strings import PLURALS

    for key, forms in PLURALS.items():
        for lang, words in forms.items():
            needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
            assert needed <= set(words), (key, lang)
