"""Messages in the maintainer's language: gettext catalogs read with Babel.

Messages are written in English in the code, marked with :func:`N_` so that Babel's
extractor finds them, and translated when they are shown. The catalogs are the ``.po``
files under ``grants/locale/<lang>/LC_MESSAGES/<domain>.po``, one domain per part of the
core (``importer`` for ``grants/importers``; ``validator`` for what ``python -m grants
validate``, ``export``, ``diff`` and ``schema`` print; ``cli`` for ``--help`` and the command
line's own errors, see ``grants/cli_i18n.py``): Babel compiles one in memory
the first time it is needed, so a compiled ``.mo`` file can never be out of date (there
is none to commit). ``tests/test_import_i18n.py`` and ``tests/test_validator_i18n.py``
check that every message has a translation in Kazakh and Russian.

The validator finds problems before it knows who reads them: its messages are
:class:`Msg` values, English strings that keep their msgid and parameters, told in
the run's language (``--lang``, else the environment) only when printed.

After adding or changing a message in the code, bring the catalogs up to date with Babel
and translate the new entries (the tests list any that are missing): ``make messages`` for
the validator (its modules, and the schema's ``x-message`` rule texts, are listed in
``grants/locale/validator.cfg``); ``make cli-catalogs`` for ``--help`` and argparse's own
words (``grants/cli_i18n.py``: one pybabel run cannot take both the ``H_`` strings and
argparse's ``_`` with their own keywords); and for the importer::

    .venv/bin/pybabel extract -k N_ -k plural:1,2 -o /tmp/importer.pot grants/importers
    .venv/bin/pybabel update -D importer -i /tmp/importer.pot -d grants/locale --no-fuzzy-matching
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Self

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "importer"  # the default domain: the importer's messages
LANGUAGES = ("kk", "ru", "en")


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet (the language is chosen later)."""
    return message


def language(requested: str | None = None) -> str:
    """``requested`` if given, else the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that names
    Kazakh or Russian (``kk_KZ.UTF-8``, ``ru_RU``), else English."""
    if requested:
        return requested
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in os.environ.get(variable, "").split(":"):
            code = value.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    return "en"


def po_path(lang: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(lang: str, domain: str = DOMAIN) -> Catalog | None:
    """``lang``'s catalog of ``domain`` as its .po file on disk has it; None when there is none."""
    path = po_path(lang, domain)
    if not path.is_file():
        return None
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain=domain)


def po_text(catalog: Catalog) -> str:
    """``catalog`` as the project's .po files are written: no line numbers, no obsolete entries."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return out.getvalue().decode("utf-8")


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalog of ``domain`` for ``lang``; English (the messages as written) when there is none."""
    catalog = read_catalog(lang, domain) if lang != "en" else None
    if catalog is None:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Speaker:
    """Messages in one language: ``say(msgid, **params)`` translates, then fills ``{params}``."""

    def __init__(self, lang: str, domain: str = DOMAIN) -> None:
        self.lang = lang
        self._t = translations(lang, domain)

    def say(self, message: str, /, **params: object) -> str:
        return self._t.gettext(message).format(**params)

    def plural(self, singular: str, plural: str, n: int, /, **params: object) -> str:
        return self._t.ngettext(singular, plural, n).format(n=n, **params)


class Msg(str):
    """A message that is English text now and can be told in another language later.

    The validator finds problems long before it knows who will read them, and many tests and
    callers read a problem's message as a plain string: a ``Msg`` *is* that English string,
    and keeps its msgid and parameters so that :meth:`told` can translate it once the
    language of the run is known. Parameters that are themselves ``Msg`` (a phrase inside a
    sentence: "a whole number", "the text '…'") are translated too; any other value (a field
    key, a number, a data text) is put in as it is. A plain ``str`` subclass rather than a
    lazy-string library: Babel's ``LazyProxy`` is not a ``str``, so every ``in``, ``==`` and
    ``startswith`` on problem messages would change meaning."""

    msgid: str
    plural_id: str | None
    n: int | None
    params: dict[str, object]

    def __new__(cls, message: str, /, **params: object) -> Self:
        self = super().__new__(cls, message.format(**params) if params else message)
        self.msgid, self.plural_id, self.n, self.params = message, None, None, params
        return self

    @classmethod
    def plural(cls, singular: str, plural: str, n: int, /, **params: object) -> Self:
        """``singular`` or ``plural`` by ``n`` (Babel's CLDR rules pick the form in ru and kk)."""
        self = super().__new__(cls, (singular if n == 1 else plural).format(n=n, **params))
        self.msgid, self.plural_id, self.n, self.params = singular, plural, n, params
        return self

    def told(self, lang: str, domain: str = "validator") -> str:
        """The message in ``lang`` (the English as written for ``en`` or a missing entry)."""
        if lang == "en":
            return str(self)
        t = translations(lang, domain)
        params = {key: tell(value, lang, domain) for key, value in self.params.items()}
        if self.plural_id is not None and self.n is not None:
            return t.ngettext(self.msgid, self.plural_id, self.n).format(n=self.n, **params)
        text = t.gettext(self.msgid)
        return text.format(**params) if params else text


class Aside(Msg):
    """' (Title)': a name in brackets from another catalog (a schema title, in the ``schema``
    domain). In Kazakh or Russian it is left out while that catalog has no translation of it,
    rather than put English words into a Kazakh or Russian sentence."""

    aside_domain: str

    def __new__(cls, name: str, /, domain: str) -> Self:
        self = super().__new__(cls, " ({name})", name=name)
        self.aside_domain = domain
        return self

    def told(self, lang: str, domain: str = "validator") -> str:
        del domain  # the name is looked up in its own catalog
        if lang == "en":
            return str(self)
        name = str(self.params["name"])
        translated = translations(lang, self.aside_domain).gettext(name)
        return f" ({translated})" if translated != name else ""


def plural(singular: str, plural_: str, n: int, /, **params: object) -> Msg:
    """A message in the singular or plural by ``n``; marked for Babel's extractor as ``plural``."""
    return Msg.plural(singular, plural_, n, **params)


def tell(message: object, lang: str, domain: str = "validator") -> str:
    """``message`` in ``lang`` if it is a :class:`Msg`, else as it is (a data value)."""
    return message.told(lang, domain) if isinstance(message, Msg) else str(message)


def extract_schema_messages(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extraction method for the JSON Schema: its ``x-message`` rule texts, which the
    validator tells in the maintainer's language like its own messages (see the ``validator``
    domain's update command above)."""
    import json

    def walk(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            if isinstance(node.get("x-message"), str):
                yield node["x-message"]
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for message in dict.fromkeys(walk(json.load(fileobj))):
        yield 0, "N_", message, []
