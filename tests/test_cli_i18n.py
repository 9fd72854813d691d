"""`python -m grants … --help` and the command line's own errors speak the maintainer's
language, as the commands' messages do: --lang (before or after the command), else the
environment, else English. The words are the commands' help (marked H_ in grants/cli.py and
grants/importers/cli.py) and argparse's own ("usage: ", "options", "the following arguments
are required: %s"), all in the gettext domain cli (grants/locale/{kk,ru}/LC_MESSAGES/cli.po)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from conftest import catalog_problems, run_grants

from grants import cli_i18n
from grants.cli import main
from grants.i18n import po_path, translations

COMMANDS = ("validate", "export", "diff", "schema", "preview", "import", "new-lot")
#: What a Kazakh or Russian help or error may keep in Latin letters: the command line itself
#: (python -m grants and its commands, options, choices), file names and paths, the names of
#: the environment's language settings, of file formats and of git's words, and ID.
KEPT = re.compile(
    r"python -m grants|\{[^{}]*\}|(?<![\w-])--?[A-Za-z][\w-]*(=\S+)?|"
    r"[\w*.~-]*[/.][\w*.~/-]*[A-Za-z][\w*.~/-]*|"
    r"\b(validate|export|diff|schema|preview|import|new-lot|kk|ru|en|LANGUAGE|LC_ALL|LC_MESSAGES|LANG|"
    r"DOCX|XLSX|CSV|JSON|HTML|YAML|PDF|Markdown|Data\s+Package|git|commit|main|HEAD|ID|id|taraz-2026)\b"
)
#: The msgids' %-placeholders, named (%(prog)s) and positional (%s, %r).
NAMED = re.compile(r"%\((\w+)\)[sdr]")
POSITIONAL = re.compile(r"%[sdr]")


def english_words(text: str) -> list[str]:
    """Words of two Latin letters or more left once the kept tokens are set aside."""
    return re.findall(r"[A-Za-z]{2,}", KEPT.sub(" ", text))


@pytest.fixture
def grants_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``python -m grants ARGV`` in this process until argparse stops it (help or error),
    in a shell whose LANG is ``env_lang``: (exit status, standard output, standard error)."""

    def run(*argv: str, env_lang: str | None = None) -> tuple[int | str | None, str, str]:
        for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(variable, raising=False)
        if env_lang:
            monkeypatch.setenv("LANG", env_lang)
        capsys.readouterr()
        with pytest.raises(SystemExit) as stopped:
            main(list(argv))
        out, err = capsys.readouterr()
        return stopped.value.code, out, err

    return run


# --- the catalogs -------------------------------------------------------------------------


def test_the_domain_holds_the_commands_words_and_argparses() -> None:
    messages = cli_i18n.marked()
    assert "check the data file and list every problem" in messages
    assert "FILE" in messages
    assert "usage: " in messages and "the following arguments are required: %s" in messages
    assert ("expected %s argument", "expected %s arguments") in messages


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    # With argparse's words of the other supported Pythons, which the catalog keeps.
    messages = tuple(dict.fromkeys(cli_i18n.marked() + tuple(cli_i18n.kept_argparse(lang))))
    problems = catalog_problems(po_path(lang, cli_i18n.DOMAIN), lang, messages)
    assert not problems, "\n".join(problems) + f"\n(run {cli_i18n.COMMAND}, then translate)"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_argparses_placeholders_and_line_ends_are_kept(lang: str) -> None:
    """A translation of argparse's words keeps its positional %s and %r (argparse fills them
    from a tuple or one value: one missing or extra raises), uses no named one the English
    lacks (it may leave one out: "invalid %(type)s value" needs no Python type name), and
    keeps the English's leading and trailing spaces and line ends ("usage: "). This Python's
    argparse words and the other supported Pythons' the catalog keeps."""
    catalog = translations(lang, cli_i18n.DOMAIN)
    problems = []
    for message in dict.fromkeys(cli_i18n.argparse_messages() + cli_i18n.kept_argparse(lang)):
        words = re.sub(r"[^A-Za-z]", "", POSITIONAL.sub("", NAMED.sub("", str(message))))
        forms = message if isinstance(message, tuple) else (message,)
        told = (
            [catalog.ngettext(forms[0], forms[1], n) for n in (1, 2, 5)]
            if isinstance(message, tuple)
            else [catalog.gettext(forms[0])]
        )
        for text in told:
            if text in forms and words:  # "%(heading)s:" has no words to translate
                problems.append(f"untranslated: {text!r}")
            if len(POSITIONAL.findall(text)) != len(POSITIONAL.findall(forms[0])):
                problems.append(f"%s or %r differ: {forms[0]!r} -> {text!r}")
            if not set(NAMED.findall(text)) <= set(NAMED.findall(forms[0])):
                problems.append(f"a placeholder the English lacks: {forms[0]!r} -> {text!r}")
            ends = (forms[0][: len(forms[0]) - len(forms[0].lstrip())], forms[0][len(forms[0].rstrip()) :])
            if (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]) != ends:
                problems.append(f"spaces or line ends differ: {forms[0]!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_catalogs_are_as_the_update_command_writes_them(lang: str) -> None:
    assert po_path(lang, cli_i18n.DOMAIN).read_text(encoding="utf-8") == cli_i18n.updated_catalog(lang), (
        f"run {cli_i18n.COMMAND}"
    )


# --- what a maintainer sees ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_in_the_maintainers_language(grants_cli, lang: str, command: str) -> None:
    status, out, err = grants_cli(*filter(None, [command]), "--help", "--lang", lang)
    english_status, english, _ = grants_cli(*filter(None, [command]), "--help", "--lang", "en")
    assert status == 0 and english_status == 0 and not err
    assert english.startswith("usage: python -m grants") and english_words(english)  # the check can fail
    heading = translations(lang, "cli").gettext("usage: ")
    assert out.startswith(f"{heading}python -m grants {command}".rstrip()), out
    assert not english_words(out), f"{lang} {command} --help keeps English: {english_words(out)}\n{out}"
    assert len(out.splitlines()) >= 5


#: Each command with its required arguments left out, and what it then lacks in English.
MISSING = [
    ((), "command"),
    (("import",), "TABLE"),
    (("import", "table.docx"), "--source"),
    (("new-lot",), "--source"),
    (("diff",), "BEFORE"),
    (("preview", "main", "HEAD"), "--out"),
    (("export",), "FOLDER"),
]


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(("argv", "lacking"), MISSING, ids=[" ".join(a) or "nothing" for a, _ in MISSING])
def test_a_missing_argument_is_told_in_the_maintainers_language(
    grants_cli, lang: str, argv: tuple[str, ...], lacking: str
) -> None:
    status, out, err = grants_cli(*argv, "--lang", lang)
    assert status == 2 and not out
    gettext = translations(lang, "cli").gettext
    usage, error = err.splitlines()[0], err.splitlines()[-1]
    assert usage.startswith(gettext("usage: "))
    required = gettext("the following arguments are required: %s") % ""
    assert required in error and required != "the following arguments are required: "
    named = lacking if lacking.startswith("--") else gettext(lacking)
    if lacking == "command":
        named = gettext("COMMAND")
    assert named in error.removeprefix(error.split(required)[0]), error
    assert not english_words(err), err


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_wrong_value_is_told_in_the_maintainers_language(grants_cli, lang: str) -> None:
    for argv in (("frob",), ("import", "table.docx", "--source", "x", "--year", "twenty")):
        status, _, err = grants_cli(*argv, "--lang", lang)
        assert status == 2
        assert "'frob'" in err or "'twenty'" in err
        assert not english_words(err.replace("'frob'", "").replace("'twenty'", "")), err


def test_lang_before_or_after_the_command_and_the_environment(grants_cli) -> None:
    kk = grants_cli("validate", "--help", "--lang", "kk")[1]
    assert kk.startswith("қолданылуы: ")
    assert grants_cli("--lang", "kk", "validate", "--help")[1] == kk
    assert grants_cli("validate", "--lang=kk", "--help")[1] == kk
    assert grants_cli("validate", "--help", env_lang="kk_KZ.UTF-8")[1] == kk
    ru = grants_cli("validate", "--help", env_lang="ru_RU.UTF-8")[1]
    assert ru.startswith("использование: ") and ru != kk
    assert grants_cli("validate", "--help", "--lang", "en", env_lang="ru_RU.UTF-8")[1].startswith("usage: ")
    assert grants_cli("validate", "--help")[1].startswith("usage: ")  # English when nothing says otherwise
    # The command's --lang wins over the one before it, as it does for the messages.
    assert grants_cli("--lang", "ru", "validate", "--lang", "kk", "--help")[1] == kk


def test_a_wrong_language_is_refused_in_the_environments_language(grants_cli) -> None:
    status, _, err = grants_cli("validate", "--lang", "de", env_lang="ru_RU.UTF-8")
    assert status == 2 and "'de'" in err and "ошибка" in err


def test_requested_reads_lang_and_leaves_the_rest() -> None:
    assert cli_i18n.requested(["validate", "--lang", "kk"]) == "kk"
    assert cli_i18n.requested(["--lang=ru", "import", "x.docx"]) == "ru"
    assert cli_i18n.requested(["--lang", "ru", "validate", "--lang", "kk"]) == "kk"
    assert cli_i18n.requested(["validate", "--", "--lang", "kk"]) is None
    assert cli_i18n.requested(["validate", "--lang"]) is None
    assert cli_i18n.requested(["validate", "--lang", "de"]) is None
    assert cli_i18n.requested(["preview", "a", "b", "--languages", "kk"]) is None


def test_argparse_speaks_english_again_afterwards(grants_cli) -> None:
    grants_cli("--lang", "kk", "validate", "--help")
    grants_cli("--lang", "ru", "import")
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x")
    assert cli_i18n.H_("FILE") == "FILE"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_help_fits_a_narrow_terminal(grants_cli, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """argparse wraps a long usage line by its parts; a translated name must not break that."""
    monkeypatch.setenv("COLUMNS", "40")
    for command in ("", *COMMANDS):
        status, out, _ = grants_cli(*filter(None, [command]), "--help", "--lang", lang)
        assert status == 0 and out


def test_a_maintainers_shell(tmp_path: Path) -> None:
    """As typed in a Kazakh or Russian shell: the help, and a command missing its source."""
    helped = run_grants("import", "--help", lang="kk_KZ.UTF-8")
    assert helped.returncode == 0 and helped.stdout.startswith("қолданылуы: python -m grants import")
    assert not english_words(helped.stdout)
    refused = run_grants("new-lot", lang="ru_RU.UTF-8")
    assert refused.returncode == 2 and not refused.stdout
    assert refused.stderr.splitlines()[-1].startswith("python -m grants new-lot: ошибка: ")
    assert "--source" in refused.stderr and not english_words(refused.stderr)
