"""The ``grants`` plugin's settings in mkdocs.yml, checked by MkDocs (``plugins: - grants: …``)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class Language(base.Config):
    """One language of the site: ``{lang: ru, name: Русский, config_file: mkdocs.ru.yml}``."""

    lang = c.Type(str)
    name = c.Type(str)
    config_file = c.Type(str)  # its MkDocs config file, beside mkdocs.yml


class GrantsConfig(base.Config):
    #: The data file, relative to mkdocs.yml (``!ENV [GRANTS_DATA, data/grants.yaml]``).
    data_ = c.Type(str, default="data/grants.yaml")  # `data`: the trailing _ keeps UserDict.data free
    #: The site's languages; the first is the default, built at the root, each
    #: other one into a folder of its code by the default language's build.
    languages = c.ListOfItems(c.SubConfig(Language))
