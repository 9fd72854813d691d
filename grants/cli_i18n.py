"""``python -m grants … --help`` and the command line's errors in the maintainer's language.

Two kinds of words make up what argparse prints:

- the commands' own words (each command's and option's help, the names standing for
  values such as FILE): marked with :func:`H_` in ``grants/cli.py`` and
  ``grants/importers/cli.py``;
- argparse's own words ("usage: ", "options", "show this help message and exit", "the
  following arguments are required: %s", "invalid choice: …"), which argparse looks up at
  the moment it uses them through the names ``_`` and ``ngettext`` of its module.

Both are in one gettext domain, ``cli`` (``grants/locale/<lang>/LC_MESSAGES/cli.po``), read
with Babel like the others (:func:`grants.i18n.translations`). The catalog holds argparse's
msgids as the supported Pythons' ``argparse.py`` have them (3.11 to 3.13; 3.13 added eight):
``python -m grants.cli_i18n`` extracts them with Babel from the running Python's file, with
the commands' ``H_`` strings, keeps those of other Pythons already in the catalog, and brings
the kk and ru catalogs up to date (``make cli-catalogs``); ``tests/test_cli_i18n.py`` fails on
any entry left untranslated, so a new Python whose argparse says something new is noticed.

Why a scoped patch of ``argparse._`` and ``argparse.ngettext`` (:func:`speaking`) rather
than a subclass of ArgumentParser and HelpFormatter: argparse calls ``_()`` in some twenty
places (the parser's constructor names its groups and the help option, the formatter writes
"usage: ", actions, ``ArgumentError`` and ``parse_known_args`` word the errors), most of
them private methods a subclass would have to copy whole. Those two module names are the
one hook argparse has for translation; the stock way to use it, ``gettext.textdomain()``,
changes the whole process's default domain and needs compiled ``.mo`` files, where Babel
reads our ``.po`` in memory. The patch lasts only while the parser is built and used (one
``with`` block in :func:`grants.cli.main`, single-threaded) and is undone however that
block ends, ``--help``'s and an error's ``SystemExit`` included.

The language is chosen before the parser exists, since the parser's own words (its groups,
the help option) are made when it is: :func:`requested` looks for ``--lang`` in the
arguments, else the environment decides (:func:`grants.i18n.language`), as for every other
message.
"""

from __future__ import annotations

import argparse
import gettext
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file

from grants.i18n import LANGUAGES, po_path, po_text, read_catalog, translations

DOMAIN = "cli"
ROOT = Path(__file__).resolve().parent.parent
#: The files whose ``H_`` strings are in the domain (with argparse's own words).
SOURCES = ("grants/cli.py", "grants/importers/cli.py")
#: What argparse wraps its words in (Python 3.11 to 3.13 alike).
ARGPARSE_KEYWORDS = {"_": None, "ngettext": (1, 2)}
#: The command that brings the catalogs up to date.
COMMAND = "python -m grants.cli_i18n"

#: The catalog of the parser being built (None: English, the strings as written).
_catalog: ContextVar[gettext.NullTranslations | None] = ContextVar("cli_catalog", default=None)


def H_(text: str) -> str:
    """``text`` (a help text or a value's name) in the language of the parser being built
    (:func:`speaking`); English outside it. The marker ``python -m grants.cli_i18n`` extracts."""
    catalog = _catalog.get()
    return text if catalog is None else catalog.gettext(text)


def requested(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for in ``argv`` (``--lang kk`` or ``--lang=kk``, before or
    after the command; the last one wins, as the command's own ``--lang`` does), or None.
    A value that is not a language is left for the parser to refuse, in the environment's
    language; an abbreviation argparse would take (``--la kk``) is not read here, so
    such a run's help and errors follow the environment. Read here, not by a first parser: such a parser would need to know every
    other option's values to skip them, and would print its own English errors."""
    found = None
    words = list(argv)
    for k, word in enumerate(words):
        if word == "--":
            break
        value = words[k + 1] if word == "--lang" and k + 1 < len(words) else None
        if word.startswith("--lang="):
            value = word.removeprefix("--lang=")
        if value in LANGUAGES:
            found = value
    return found


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """While inside: :func:`H_` and argparse's own words in ``lang`` (see the module's text for why
    argparse's ``_`` and ``ngettext`` are replaced, and only for this long)."""
    catalog = translations(lang, DOMAIN)
    token = _catalog.set(catalog)
    saved = {name: getattr(argparse, name) for name in ("_", "ngettext")}
    replacements = {"_": catalog.gettext, "ngettext": catalog.ngettext}
    try:
        for name, function in replacements.items():
            setattr(argparse, name, function)
        yield
    finally:
        for name, function in saved.items():
            setattr(argparse, name, function)
        _catalog.reset(token)


# --- the catalogs -------------------------------------------------------------------------


def own_messages() -> list[tuple[str, str]]:
    """The commands' ``H_`` strings, each with its file, in the order of the files."""
    found = extract_from_dir(
        str(ROOT),
        method_map=[(source, "python") for source in SOURCES],
        keywords={"H_": None},
    )
    return [(str(message), file) for file, _, message, _, _ in found]


def argparse_messages() -> list[str | tuple[str, str]]:
    """argparse's own words as this Python's ``argparse.py`` wraps them in ``_`` and ``ngettext``."""
    found = extract_from_file("python", str(argparse.__file__), keywords=ARGPARSE_KEYWORDS)
    return [message if isinstance(message, str) else (message[0], message[1]) for _, message, _, _ in found]


def marked() -> tuple[str | tuple[str, str], ...]:
    """Every message of the domain, each once: the commands' own, then argparse's."""
    return tuple(dict.fromkeys([message for message, _ in own_messages()] + argparse_messages()))


def kept_argparse(lang: str) -> list[str | tuple[str, str]]:
    """argparse's words that ``lang``'s catalog holds. They differ between the Pythons the
    project runs on (3.13 added eight) and a run reads only its own Python's, so the catalog
    keeps the words the others added: brought up to date under each supported Python once,
    it serves them all."""
    return [
        entry.id if isinstance(entry.id, str) else (entry.id[0], entry.id[1])
        for entry in read_catalog(lang, DOMAIN) or ()
        if entry.id and any(file == "argparse.py" for file, _ in entry.locations)
    ]


def updated_catalog(lang: str) -> str:
    """``lang``'s catalog with every message of :func:`marked` (new ones untranslated), the
    words of other Pythons' argparse it already holds, and none that the code no longer has."""
    template = Catalog(domain=DOMAIN)
    for message, file in own_messages():
        template.add(message, locations=[(file, 0)])
    existing = read_catalog(lang, DOMAIN)
    # Sorted, so that the catalog reads the same whichever Python brought it up to date last.
    for theirs in sorted(set(argparse_messages()) | set(kept_argparse(lang)), key=str):
        if theirs not in template:
            template.add(theirs, locations=[("argparse.py", 0)])
    catalog = existing or Catalog(
        locale=lang,
        domain=DOMAIN,
        project="grants-site",
        version="1",
        copyright_holder="grants-site contributors",
        fuzzy=False,
    )
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
    return po_text(catalog)


def main() -> int:
    """Bring the kk and ru catalogs up to date; say which changed and what needs a translation."""
    missing = 0
    for lang in LANGUAGES:
        if lang == "en":
            continue
        path = po_path(lang, DOMAIN)
        text = updated_catalog(lang)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
        for entry in read_catalog(lang, DOMAIN) or ():
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if entry.id and not all(strings):
                print(f"{path.relative_to(ROOT)}: no translation: {entry.id!r}", file=sys.stderr)
                missing += 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
