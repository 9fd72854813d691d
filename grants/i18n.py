"""Messages in the maintainer's language: gettext catalogs read with Babel.

Messages are written in English in the code, marked with :func:`N_` so that Babel's
extractor finds them, and translated when they are shown. The catalogs are the ``.po``
files under ``grants/locale/<lang>/LC_MESSAGES/<domain>.po``, one domain per part of the
core (``importer`` for ``grants/importers``): Babel compiles one in memory
the first time it is needed, so a compiled ``.mo`` file can never be out of date (there
is none to commit). ``tests/test_import_i18n.py`` checks that every message has a
translation in Kazakh and Russian.

After adding or changing a message in the code, bring the catalogs up to date with Babel
and translate the new entries (the test lists any that are missing)::

    .venv/bin/pybabel extract -k N_ -k plural:1,2 -o /tmp/importer.pot grants/importers
    .venv/bin/pybabel update -D importer -i /tmp/importer.pot -d grants/locale --no-fuzzy-matching
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

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


@cache
def translations(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The catalog of ``domain`` for ``lang``; English (the messages as written) when there is none."""
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as stream:
        catalog = read_po(stream, locale=lang, domain=domain)
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
