"""The validator speaks the maintainer's language: every message `python -m grants validate`
(and export, diff) prints exists in Kazakh and Russian (grants/locale/{kk,ru}/LC_MESSAGES/
validator.po), chosen by --lang or the environment; English stays the default (the
tests/broken/*.expect files are the English corpus)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from conftest import BROKEN, FICTITIOUS, ROOT, catalog_problems, run_grants

from grants.i18n import LOCALE_DIR, Msg, plural
from grants.validate import SPANS

CASES = sorted(path for path in BROKEN.glob("*.yaml") if not path.name.startswith("_"))
#: The modules whose messages the validator, export and diff commands print (as in
#: grants/locale/validator.cfg, which `pybabel extract` reads).
MODULES = (
    "bundle",
    "cli",
    "clean",
    "diff",
    "lifecycle",
    "loader",
    "plausibility",
    "problems",
    "schema_i18n",
    "validate",
)
#: file:line:col: at the start of a problem line ("file: N problems" for the summary line).
WHERE = re.compile(r"^(tests/broken/[^:]+\.yaml(?::\d+:\d+)?):")


@cache
def marked() -> tuple[str | tuple[str, str], ...]:
    """Every message marked in those modules, and the schema's x-message rule texts, as
    Babel's extractor finds them (with the same configuration file as `pybabel extract`)."""
    found = extract_from_dir(
        str(ROOT),
        method_map=[(f"grants/{name}.py", "python") for name in MODULES]
        + [("data/grants.schema.json", "grants.i18n.extract_schema_messages")],
        keywords={"N_": None, "plural": (1, 2)},
    )
    return tuple(dict.fromkeys(message for _, _, message, _, _ in found))


def test_the_config_file_lists_the_same_modules() -> None:
    config = (LOCALE_DIR / "validator.cfg").read_text(encoding="utf-8")
    assert sorted(re.findall(r"\[python: grants/(\w+)\.py\]", config)) == sorted(MODULES)
    assert "data/grants.schema.json" in config


def test_the_code_marks_messages() -> None:
    messages = marked()
    assert len(messages) > 150
    assert "lot" in messages and "warning: " in messages
    assert any(
        "x-message" not in m and "a completed lot needs" in str(m) for m in messages
    )  # from the schema


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    problems = catalog_problems(LOCALE_DIR / lang / "LC_MESSAGES" / "validator.po", lang, marked())
    assert not problems, "\n".join(problems)


def test_the_grant_span_sentences_follow_spans() -> None:
    """The three 'a short-term grant spans 1 calendar year' sentences name SPANS' years."""
    from grants.validate import _SPAN_MESSAGES

    for grant_type, years in SPANS.items():
        assert " or ".join(map(str, years)) + " calendar year" in _SPAN_MESSAGES[grant_type]


def test_russian_plurals_follow_cldr() -> None:
    def ru(n: int) -> str:
        return plural("{n} lot", "{n} lots", n).told("ru")

    assert [ru(1), ru(3), ru(5), ru(11), ru(21), ru(22)] == [
        "1 лот",
        "3 лота",
        "5 лотов",
        "11 лотов",
        "21 лот",
        "22 лота",
    ]
    assert plural("{n} lot", "{n} lots", 2).told("kk") == "2 лот"
    assert plural("{n} lot", "{n} lots", 2) == "2 lots"  # the English, as a plain string


def test_a_message_inside_a_message_is_translated_too() -> None:
    inner = Msg("the number {value}", value=5)
    outer = Msg("{found} is not a date; write it as YYYY-MM-DD, like 2026-03-01", found=inner)
    assert outer == "the number 5 is not a date; write it as YYYY-MM-DD, like 2026-03-01"
    assert outer.told("ru") == "число 5 — не дата; запишите её в виде YYYY-MM-DD, например 2026-03-01"
    assert outer.told("kk").startswith("5 саны — күн емес")


def run(case: Path, *options: str, env: dict[str, str] | None = None) -> list[str]:
    result = run_grants("validate", *options, str(case.relative_to(ROOT)), lang="", env=env)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    return result.stdout.splitlines() + result.stderr.splitlines()


def message_part(line: str) -> str:
    """What a line says after its file:line:col."""
    return WHERE.sub("", line, count=1)


#: "ескерту: лот trial-2026-01: funding[1].amount: ", the level and the subject before the words.
SUBJECT = re.compile(
    r"^ (?:(?:ескерту|предупреждение): )?(?:(?:лот|дереккөз|сала|источник|сфера) [^:]+: )?"
    r"(?:[A-Za-z_][\w\[\].]*: )?"
)


#: English words of the messages that never appear in a Kazakh or Russian one; a line that
#: still holds one after translation holds an untranslated message.
ENGLISH = re.compile(
    r"\b(the|is|are|expected|found|write|remove|missing|warning|problems?|lots?|source|sector|"
    r"not|must|should|here|this|with|line|text|field|add|check|put|quotes)\b"
)
#: Tokens a message keeps as they are: quoted keys and values, words YAML or a shell reads.
KEPT = re.compile(
    r"'[^']*'|\"[^\"]*\"|«[^»]*»|\([^()]*U\+[0-9A-F]{4}[^()]*\)|U\+[0-9A-F]{4}( [A-Z-]+)+|python -m grants [^:;)]+|"
    r"[A-Za-z_]+(\[\d+\])?(\.[A-Za-z_]+(\[\d+\])?)+|YYYY-MM-DD|https?://\S*|\S+\.ya?ml\S*|"
    r"\b(true|false|yes|no|on|off|y|n|kk|ru|en|lots|sources|sectors|currency|schema_version|"
    r"application_window|award|reports|declared_totals|funding|grant_type|period|status|lots_file|"
    r"opens|closes|recipient|bin|amounts|agreement_date|awarded|in_progress|completed|planned|"
    r"\w+-term|Unicode|Word|YAML|JSON|UTF-8|UTF-16|cp1251|git|emoji)\b"
)


@cache
def field_keys() -> re.Pattern:
    """Every field key of the schema ('source', 'text', 'problem'): typed by the maintainer,
    kept as it is in every language."""
    keys: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            keys.update(node.get("properties", {}) if isinstance(node.get("properties"), dict) else ())
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "data" / "grants.schema.json").read_text(encoding="utf-8")))
    return re.compile(r"\b(" + "|".join(sorted(keys, key=len, reverse=True)) + r")\b")


def untranslated(line: str) -> list[str]:
    """English message words left in a Kazakh or Russian line (its keys and values set aside)."""
    words = KEPT.sub(" ", SUBJECT.sub("", message_part(line)))
    return ENGLISH.findall(field_keys().sub(" ", words))


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_every_broken_file_is_told_in_kazakh_and_russian(case: Path) -> None:
    english = run(case, "--lang", "en")
    for lang in ("kk", "ru"):
        told = run(case, "--lang", lang)
        assert len(told) == len(english), f"{lang}: {len(told)} lines, English has {len(english)}"
        for en_line, line in zip(english, told, strict=True):
            where = WHERE.match(en_line)
            assert where, en_line
            assert line.startswith(where.group(1) + ":"), (line, en_line)
            assert message_part(line) != message_part(en_line), f"{lang}: left in English: {line}"
            leftover = untranslated(line)
            assert not leftover, f"{lang}: English words {leftover} in: {line}"


def lines_of(case: str, lang: str, **env: str) -> list[str]:
    options = ("--lang", lang) if lang else ()
    return run(BROKEN / f"{case}.yaml", *options, env=env)


def test_kazakh_and_russian_say_what_the_english_says() -> None:
    """Read fully: the word for lot, the field path as typed, and the ×1000 advice."""
    thousands = "tests/broken/amount-in-thousands.yaml:42:17: "
    (en,) = [line for line in lines_of("amount-in-thousands", "en") if line.startswith(thousands)]
    (kk,) = [line for line in lines_of("amount-in-thousands", "kk") if line.startswith(thousands)]
    (ru,) = [line for line in lines_of("amount-in-thousands", "ru") if line.startswith(thousands)]
    assert en.startswith(thousands + "lot trial-2026-01: funding[1].amount: the amount 18000 is under")
    assert kk == (
        thousands + "лот trial-2026-01: funding[1].amount: 18000 сомасы 100 000 теңгеден аз, грант үшін "
        "тым аз; құжаттағы сомалар мың теңгемен берілген: 18 000 000 деп жазғыңыз келді ме? "
        "Онда 18000000 деп жазыңыз"
    )
    assert ru == (
        thousands + "лот trial-2026-01: funding[1].amount: сумма 18000 меньше 100 000 тенге — слишком "
        "мало для гранта; в документе суммы указаны в тысячах тенге: может быть, имелось в виду "
        "18 000 000? Тогда напишите 18000000"
    )
    assert lines_of("amount-in-thousands", "kk")[-1].endswith(
        ": 5 қате; ештеңе жарияланған жоқ. Жоғарыдағы жолдарды түзетіп, тексеруді қайта іске қосыңыз."
    )
    assert lines_of("amount-in-thousands", "ru")[-1].endswith(
        ": 5 ошибок; ничего не опубликовано. Исправьте строки выше и запустите проверку снова."
    )


def test_a_missing_field_and_a_warning_in_kazakh_and_russian() -> None:
    kk = "\n".join(lines_of("amount-in-thousands", "kk"))
    ru = "\n".join(lines_of("amount-in-thousands", "ru"))
    assert ": ескерту: сала civil-society: name: бұл мәтіннің ru аудармасы да, en аудармасы да жоқ" in kk
    assert ": предупреждение: сфера civil-society: name: у этого текста нет перевода ни на ru, ни на en" in ru
    assert ": ескерту: дереккөз trial-2026: issuer: бұл мәтіннің en аудармасы жоқ" in kk
    assert ": предупреждение: источник trial-2026: issuer: у этого текста нет перевода на en" in ru


@pytest.mark.parametrize(
    ("env", "word"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "лот trial-2026-01"),
        ({"LANG": "kk_KZ.UTF-8"}, "лот trial-2026-01"),
        ({}, "lot trial-2026-01"),
    ],
)
def test_the_environment_chooses_the_language(env: dict[str, str], word: str) -> None:
    lines = lines_of("amount-in-thousands", "", **env)
    assert any(f": {word}: funding[1].amount: " in line for line in lines)
    summary = lines[-1]
    expected = {"ru": "5 ошибок", "kk": "5 қате"}.get(env.get("LANG", "")[:2], "5 problems")
    assert f": {expected};" in summary


def test_lang_wins_over_the_environment() -> None:
    lines = lines_of("amount-in-thousands", "en", LANG="ru_RU.UTF-8")
    assert lines[-1].endswith(
        ": 5 problems; nothing was published. Fix the lines above and run the check again."
    )


def test_the_untranslated_word_check_can_fail() -> None:
    """The check above finds an English message left in a Kazakh line (not only keys)."""
    line = (
        "tests/broken/x.yaml:3:4: лот a-1: funding[1].amount: the amount is 0; amounts must be greater than 0"
    )
    assert untranslated(line) == ["the", "is", "must"]
    assert untranslated("tests/broken/x.yaml:3:4: лот a-1: source: 'x' дереккөзі жоқ; source, text") == []


# --- the pull-request comment and the other commands --------------------------------------


def test_the_pull_request_comment_says_each_change_in_kazakh_with_the_russian_beside_it() -> None:
    from grants.diff import compare, parse, to_markdown

    before, after = (
        parse(FICTITIOUS.read_text(encoding="utf-8")),
        parse(FICTITIOUS.read_text(encoding="utf-8")),
    )
    lot, source = after["lots"][0], after["sources"][0]
    year = lot["funding"][0]["year"]
    lot["funding"][0]["amount"] += 1000
    lot["status"] = "open" if lot.get("status") != "open" else "planned"
    source["document"] = "sources/other/swapped.txt"
    out = to_markdown(compare(before, after), "a", "b")
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(items) == 3, out
    assert f"- Қаржыландыру көлемі, {year} / Объём финансирования, {year}: " in out
    assert "- Мәртебесі: " in out and " / Статус: " in out
    assert f"- Тізбе өзгертілді / Перечень изменён: `{source['id']}` " in out
    assert "Құжат файлы / Файл документа: " in out and " → sources/other/swapped.txt" in out
    assert "| | Бұрын / Было | Кейін / Стало | Айырма / Разница |" in out
    for line in out.splitlines():  # every heading and item: the Kazakh, then the Russian
        if re.search("[а-яё]", line, re.IGNORECASE) and not line.startswith("#### "):  # (a lot's title)
            assert " / " in line, line


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "cannot compare: 'no-such-revision' is neither a file nor a git revision"),
        ("kk", "салыстыру мүмкін емес: 'no-such-revision' — файл да, git нұсқасы да емес"),
        ("ru", "сравнить нельзя: 'no-such-revision' — не файл и не git-ревизия"),
    ],
)
def test_diff_says_why_it_cannot_compare_in_the_chosen_language(lang: str, said: str) -> None:
    result = run_grants("diff", "--lang", lang, "no-such-revision", "HEAD", lang="")
    assert result.returncode == 1
    assert result.stderr.strip() == said


def test_export_and_a_valid_file_in_russian_and_kazakh(tmp_path: Path) -> None:
    result = run_grants("--lang", "ru", "export", str(tmp_path / "out"), "--data", str(FICTITIOUS), lang="")
    assert result.returncode == 0, result.stderr
    written = sum(1 for path in (tmp_path / "out").rglob("*") if path.is_file())
    assert re.fullmatch(rf"в \S+ записан[оы]? {written} файл(а|ов)?", result.stdout.strip()), result.stdout
    valid = run_grants("validate", "--lang", "kk", str(FICTITIOUS), lang="")
    assert valid.returncode == 0, valid.stderr
    assert re.search(r": қате жоқ: \d+ лот, \d+ дереккөз; жиынтығы \d{4}: ", valid.stdout.splitlines()[-1])


def test_a_schema_title_comes_from_the_schema_catalog_or_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """'expected a whole number (Year)': the title in Kazakh from the schema's own catalog;
    left out, not English, while that catalog lacks it."""
    from grants import i18n

    message = Msg(
        "expected {what}{title}, found {found}",
        what=Msg("a whole number"),
        title=i18n.Aside("Year", domain="schema"),
        found="x",
    )
    assert message == "expected a whole number (Year), found x"
    real = i18n.translations

    class SchemaCatalog:
        @staticmethod
        def gettext(text: str) -> str:
            return {"Year": "Жыл"}.get(text, text)

    monkeypatch.setattr(
        i18n,
        "translations",
        lambda lang, domain="validator": SchemaCatalog() if domain == "schema" else real(lang, domain),
    )
    assert message.told("kk") == "мұнда бүтін сан (Жыл) күтіледі, ал жазылғаны: x"
    assert i18n.Aside("Grant type", domain="schema").told("ru") == ""
