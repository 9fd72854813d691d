"""The schema's titles and descriptions in Kazakh and Russian: one source (the English
schema plus the ``schema`` catalogs), files for editors that are never out of date, and
the editors pointed at the Kazakh one."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, ROOT
from referencing import Registry, Resource

from grants import schema_i18n
from grants.cli import main
from grants.i18n import po_path, translations

CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)


def test_the_generated_schema_files_are_up_to_date():
    stale = [str(path.relative_to(ROOT)) for path in schema_i18n.outdated()]
    assert stale == [], f"out of date: {stale}; run: {schema_i18n.COMMAND} (or make schema)"


@pytest.mark.parametrize("lang", schema_i18n.LANGUAGES)
def test_every_title_and_description_is_translated(lang):
    problems = schema_i18n.untranslated(lang)
    assert problems == [], (
        f"translate these in {po_path(lang, schema_i18n.DOMAIN).relative_to(ROOT)}, "
        f"then run {schema_i18n.COMMAND}: {problems}"
    )
    gettext = translations(lang, "schema").gettext
    english = [text for message in schema_i18n.template() if (text := message.id) and not message.context]
    assert len(english) > 150
    not_in_language = [text for text in english if not CYRILLIC.search(gettext(text))]
    assert not_in_language == []


def _words_removed(node):
    """The schema without its human words and its own file names: what validates."""
    if isinstance(node, dict):
        return {
            k: ("<file>" if k in ("$id", "$ref") and not v.startswith("#") else _words_removed(v))
            for k, v in node.items()
            if not (k in ("title", "description", "$comment") and isinstance(v, str))
        }
    if isinstance(node, list):
        return [_words_removed(v) for v in node]
    return node


@pytest.mark.parametrize("lang", schema_i18n.LANGUAGES)
@pytest.mark.parametrize("name", schema_i18n.SCHEMAS)
def test_a_language_schema_differs_from_the_published_one_only_in_words(lang, name):
    published = json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))
    generated = json.loads(
        (ROOT / "data" / schema_i18n.generated_name(name, lang)).read_text(encoding="utf-8")
    )
    assert _words_removed(generated) == _words_removed(published)
    lot = generated.get("$defs", {}).get("lot")
    if lot:
        assert lot["properties"]["funding"]["title"] == translations(lang, "schema").gettext(
            "Funding per year"
        )
        assert lot["properties"]["funding"]["title"] != "Funding per year"


def test_editors_show_the_kazakh_schema_and_resolve_a_lot_file_with_it(tmp_path):
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./data/grants.schema.kk.json": ["data/grants.yaml"],
        "./data/lots.schema.kk.json": ["data/lots/*.yaml"],
    }
    first_line = (ROOT / "data" / "grants.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=grants.schema.kk.json"
    # An editor resolves lots.schema.kk.json's reference by file name, beside it.
    main_schema = json.loads((ROOT / "data" / "grants.schema.kk.json").read_text(encoding="utf-8"))
    lots_schema = json.loads((ROOT / "data" / "lots.schema.kk.json").read_text(encoding="utf-8"))
    resource = Resource.from_contents(main_schema)
    registry = Registry().with_resources(
        [("grants.schema.kk.json", resource), (main_schema["$id"], resource)]
    )
    validator = jsonschema.Draft202012Validator(lots_schema, registry=registry)
    fixture = yaml.safe_load((FIXTURES / "fictitious" / "grants.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors({"lots": fixture["lots"]})) == []
    fixture["lots"][0]["grant_type"] = "very-long"
    assert list(validator.iter_errors({"lots": fixture["lots"]}))


@pytest.fixture
def edited_schema(tmp_path, monkeypatch) -> Path:
    """A copy of data/'s schema files, and the declaration with one description changed, as a
    developer would change it in grants/model.py."""
    for path in (ROOT / "data").glob("*.schema*.json"):
        shutil.copy(path, tmp_path / path.name)
    declared = schema_i18n.declared()
    territory = declared["$defs"]["lot"]["properties"]["territory"]
    assert territory["description"] == "Where the grant is carried out: column 7."
    territory["description"] = "Where the work is done: column 7."
    monkeypatch.setattr(schema_i18n, "declared", lambda: declared)
    monkeypatch.setattr(schema_i18n, "DATA_DIR", tmp_path)
    return tmp_path


def test_a_changed_description_fails_the_check_and_names_the_command(edited_schema, capsys):
    stale = schema_i18n.outdated()
    assert edited_schema / "grants.schema.json" in stale
    assert edited_schema / "grants.schema.kk.json" in stale
    assert edited_schema / "grants.schema.ru.json" in stale
    assert po_path("kk", schema_i18n.DOMAIN) in stale  # the catalog lacks the new text
    assert any("Where the work is done: column 7." in p for p in schema_i18n.untranslated("kk"))
    assert main(["schema", "--check", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "grants.schema.json: out of date; run: python -m grants schema" in err
    assert "grants.schema.kk.json: out of date; run: python -m grants schema" in err
    # Until it is translated, the hover shows the English words, never an empty one.
    generated = json.loads(
        schema_i18n.generated(schema_i18n.LANGUAGES[0])[edited_schema / "grants.schema.kk.json"]
    )
    assert (
        generated["$defs"]["lot"]["properties"]["territory"]["description"]
        == "Where the work is done: column 7."
    )


@pytest.mark.parametrize(
    ("lang", "stale", "untranslated", "summary"),
    [
        ("kk", "ескірген; мына команданы орындаңыз: ", "аударма жоқ: ", "мәтініне аударма керек"),
        ("ru", "устарел; выполните: ", "нет перевода: ", "нужен перевод"),
    ],
)
def test_the_schema_command_speaks_the_maintainers_language(
    edited_schema, capsys, lang: str, stale: str, untranslated: str, summary: str
) -> None:
    assert main(["schema", "--check", "--lang", lang]) == 1
    err = capsys.readouterr().err
    assert f"grants.schema.json: {stale}python -m grants schema" in err
    assert f"{untranslated}'Where the work is done: column 7.'" in err
    assert summary in err.splitlines()[-1] and "python -m grants schema" in err.splitlines()[-1]
    assert not re.search(r"\b(out of date|no translation|needs?|write|run|again)\b", err), err
