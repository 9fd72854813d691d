"""Numbers, money and dates as each language writes them, with Babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, get_group_symbol

#: Where the tenge sign goes. Babel's number patterns are used as they are; the
#: symbol is placed here because CLDR gives Russian the code "KZT" where
#: Kazakhstan's Russian-language publications write "₸".
_MONEY = {"kk": "{n}\u00a0₸", "ru": "{n}\u00a0₸", "en": "KZT\u00a0{n}"}


def number(value: int | float, lang: str = "kk") -> str:
    """40000000 -> '40 000 000' (kk, ru), '40,000,000' (en)."""
    return format_decimal(value, locale=lang)


def spaced(amount: int) -> str:
    """18000000 -> '18 000 000': the thousands apart by a space, in every language, as the
    validator's and the importer's messages and the pull-request summary write amounts."""
    return f"{amount:,}".replace(",", " ")


def money(amount: int, lang: str = "kk") -> str:
    """18000000 -> '18 000 000 ₸' (kk, ru), 'KZT 18,000,000' (en)."""
    return money_pattern(lang).format(n=format_decimal(amount, locale=lang))


def money_short(amount: int, lang: str = "kk") -> str:
    """18000000 -> '18 млн ₸' (kk, ru), 'KZT 18M' (en); one decimal where needed."""
    short = format_compact_decimal(amount, format_type="short", locale=lang, fraction_digits=1)
    return money_pattern(lang).format(n=short)


def date(value: dt.date, lang: str = "kk") -> str:
    """2026-11-24 -> '2026 ж. 24 қараша' (kk), '24 ноября 2026 г.' (ru), 'November 24, 2026' (en)."""
    return format_date(value, format="long", locale=lang)


def group_symbol(lang: str = "kk") -> str:
    """The thousands separator of ``lang`` (a no-break space in kk and ru), for the browser's
    totals to write money exactly as the pages do."""
    return get_group_symbol(locale=lang)


def money_pattern(lang: str = "kk") -> str:
    """'{n} ₸' (kk, ru), 'KZT {n}' (en): where the number goes in a sum of money."""
    return _MONEY.get(lang, _MONEY["kk"])
