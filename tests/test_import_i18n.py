"""The importer's messages exist in Kazakh and Russian: every message the code marks has a
translation in grants/locale/{kk,ru}/LC_MESSAGES/importer.po, with the same {placeholders}."""

from __future__ import annotations

from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from conftest import ROOT, catalog_problems

from grants.i18n import LOCALE_DIR, Speaker, language


@cache
def marked() -> tuple[str | tuple[str, str], ...]:
    """Every message marked in grants/importers, as Babel's extractor finds it."""
    found = extract_from_dir(str(ROOT / "grants" / "importers"), keywords={"N_": None, "plural": (1, 2)})
    return tuple(dict.fromkeys(message for _, _, message, _, _ in found))


def test_the_code_marks_messages() -> None:
    assert len(marked()) > 50


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    problems = catalog_problems(LOCALE_DIR / lang / "LC_MESSAGES" / "importer.po", lang, marked())
    assert not problems, "\n".join(problems)


def test_russian_plurals() -> None:
    say = Speaker("ru")
    assert say.plural("{n} thing to check", "{n} things to check", 1) == "1 место для проверки"
    assert say.plural("{n} thing to check", "{n} things to check", 3) == "3 места для проверки"
    assert say.plural("{n} thing to check", "{n} things to check", 11) == "11 мест для проверки"


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "kk_KZ.UTF-8"}, "kk"),
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANGUAGE": "ru:en", "LANG": "kk_KZ.UTF-8"}, "ru"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch, env: dict, lang: str) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert language() == lang
    assert language("kk") == "kk"
