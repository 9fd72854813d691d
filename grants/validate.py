"""Check the data: JSON Schema first, then the rules a schema cannot say.

Every problem is collected, never just the first, so a maintainer fixes the
file in one round. ``load_dataset`` is the one entry point everything uses.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import difflib
import gc
import json
import os
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

import fastjsonschema
from fastjsonschema.draft04 import CodeGeneratorDraft04
from fastjsonschema.draft07 import CodeGeneratorDraft07
from fastjsonschema.ref_resolver import RefResolver

from grants import declare, lifecycle, plausibility
from grants.bundle import Bundle, Kept, load_bundle, shift
from grants.i18n import N_, Aside, Msg, plural
from grants.lifecycle import parse_date, tenge
from grants.loader import MAX_PROBLEMS, Loaded
from grants.model import Dataset
from grants.plausibility import dicts_of, translatable
from grants.problems import DataError, Problem
from grants.reserved import RESERVED_IDS

if TYPE_CHECKING:
    import jsonschema
    from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "grants.yaml"
SCHEMA_PATH = ROOT / "data" / "grants.schema.json"

#: Calendar years a grant of each type may span. The law counts months (short:
#: up to 1 year; medium: 1 to 2 years; long: 2 to 3 years); a list counts
#: calendar years, so a long grant of exactly two years spans two of them.
SPANS = {"short": (1,), "medium": (2,), "long": (2, 3)}


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _strict_integer(_checker: Any, instance: Any) -> bool:
    # JSON Schema counts 18.0 as an integer; in this file "18.000" (a thousands dot) is read
    # as 18.0, and taking it for the whole number 18 would hide the mistake. Floats are not.
    return type(instance) is int


_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def is_date(value: Any) -> bool:
    """The one test of the schema's "date" format, for both validators: YYYY-MM-DD in ASCII
    digits, and a day that exists. (Python's own date parser also takes week dates such as
    2026-W01-1 and other ISO forms, which the schema's readers elsewhere refuse.)"""
    return not isinstance(value, str) or bool(_DATE.fullmatch(value) and parse_date(value))


@cache
def _jsonschema() -> tuple[Any, Any]:
    """(validator class, format checker) of jsonschema, which words the errors. Imported only
    when a file has errors to word: a valid file never needs it (a fresh process is 7 MB
    smaller and starts 50 ms sooner without it)."""
    import jsonschema
    from jsonschema import Draft202012Validator

    validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]  # untyped in its stubs
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
    )
    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(is_date)
    return validator, formats


@cache
def _validator(definition: str = "") -> Draft202012Validator:
    """Checks the whole file, or one of its ``$defs`` (``"lot"``: the errors' paths start inside the lot)."""
    validator, formats = _jsonschema()
    part = {"$defs": schema()["$defs"], "$ref": f"#/$defs/{definition}"} if definition else schema()
    checker: Draft202012Validator = validator(part, format_checker=formats)
    return checker


# --- a fast yes/no check before jsonschema ------------------------------------
#
# jsonschema explains every error well but walks a large file slowly: on 10,000 lots it
# takes about 18 times as long as the compiled check below (measured: 214 s against 11.8 s
# on one busy machine, where reading the file took 35 s), far over the 2 s target. Most runs
# check a valid file, so the schema is first compiled by fastjsonschema into plain Python
# code that only answers "valid or not". Only when that answer is "not" does jsonschema run,
# and then only on the parts that failed, to word the errors.
#
# The two must agree, and tests/test_schema_agreement.py proves it on generated data
# (hypothesis). What makes them agree: one date test (``is_date``) for both; integers as
# strict in both (fastjsonschema's draft-06+ rule takes 18.0 for one, so its draft-04 type
# check is used); and a schema that uses only keywords both read alike in draft-07 and
# 2020-12 (no "$ref" with validating siblings, no 2019+ keywords), which the test checks too.


_FORMATS = {"date": is_date}


class _FastCheckWriter(CodeGeneratorDraft07):
    """fastjsonschema's draft-07 code writer, with draft-04's type check: a float is never an integer."""

    generate_type = CodeGeneratorDraft04.generate_type


def _answering(check: Any) -> Any:
    """``check`` (compiled code that raises on invalid data) as a function answering True or False."""

    def valid(data: Any) -> bool:
        try:
            check(data, custom_formats=_FORMATS)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return valid


@cache
def _fast_checks() -> tuple[Any, Any]:
    """(whole file, one lot) yes/no checks compiled from the schema.

    One compilation gives both: its code has a function per definition, the lot's among them
    (compiling the lot's definition again doubled the time a fresh process spends here). The code names each
    value it checks for its error messages (``"data.lots[{i}]".format(**locals())`` for every
    item of every list); only jsonschema's errors are ever told, so those names are left
    unformatted: the check of 10,000 valid lots then takes 40% less time."""
    # Without "$id", "#/$defs/..." resolves inside this document, never over the network.
    local = {key: value for key, value in schema().items() if key != "$id"}
    local["$schema"] = "http://json-schema.org/draft-07/schema#"
    resolver = RefResolver.from_schema(local, handlers={}, store={})
    # use_default=False: by default fastjsonschema writes the schema's defaults into the data.
    writer = _FastCheckWriter(  # type: ignore[no-untyped-call]  # fastjsonschema ships no types
        local, resolver=resolver, formats=_FORMATS, use_default=False
    )
    state = writer.global_state
    # The code fastjsonschema.compile runs, with the writer above and without the names' formatting.
    exec(writer.func_code.replace(".format(**locals())", ""), state)
    whole = state[resolver.get_scope_name()]
    with resolver.in_scope("#/$defs/lot"):
        lot = state[resolver.get_scope_name()]
    return _answering(whole), _answering(lot)


# --- JSON Schema errors in plain words -------------------------------------

_TYPE_WORDS = {
    "object": N_("fields (name: value lines)"),
    "array": N_("a list"),
    "string": N_("a text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
}

#: Month names for "February 2026 has 28 days", translated like every other word.
_MONTHS = (
    "",
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def _type_word(want: str) -> Msg | str:
    return Msg(_TYPE_WORDS[want]) if want in _TYPE_WORDS else want


def _describe_value(value: Any) -> Msg | str:
    if value is None:
        return Msg(N_("nothing (the value is empty)"))
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return Msg(N_("fields (name: value lines)"))
    if isinstance(value, list):
        return Msg(N_("a list (lines starting with '- ')"))
    if isinstance(value, int | float):
        return Msg(N_("the number {value}"), value=value)
    text = str(value)
    return Msg(N_("the text '{text}'"), text=f"{text[:60]}{'…' if len(text) > 60 else ''}")


def _title(error: jsonschema.ValidationError, field: Any) -> Msg | str:
    """' (Kazakh)' when the schema's title says more than the field's own name, else ''.

    The title is looked up in the ``schema`` domain (the schema's titles in kk and ru); it is left
    out of a Kazakh or Russian message while that catalog has no translation of it."""
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    if not title or not isinstance(field, str):
        return ""
    if field.lower().replace("_", " ") in title.lower():
        return ""
    return Aside(title, domain="schema")


#: "18 000 000", "18000000 ₸", "2026 жыл": a number with spaces or a unit around it.
_NUMBER_IN_TEXT = re.compile(
    r"^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)\s*(?:₸|тг\.?|теңге|тенге|KZT|жыл|ж\.|год|%)?\s*$"
)


def _number_hint(value: str, field: Any = None) -> Msg:
    match = _NUMBER_IN_TEXT.match(value)
    if match:
        digits = re.sub(r"\D", "", match.group(1))
        if field == "amount" and 0 < int(digits) < plausibility.MIN_AMOUNT:
            return Msg(
                N_(
                    "; the document's amounts are in thousands of tenge, so write the amount in tenge, "
                    "in digits without spaces: {amount}"
                ),
                amount=int(digits) * 1000,
            )
        return Msg(N_("; write the number alone, in digits without spaces: {digits}"), digits=digits)
    return Msg(N_("; write digits only, without spaces, quotes, units or a currency sign"))


def _yes_no(written: str) -> Msg:
    """How a word YAML 1.1 takes for true or false is told: as the maintainer wrote it (not
    as the true or false YAML made of it)."""
    return Msg(
        N_(
            "{written}, which YAML takes for a yes/no answer, not a word (so it does with yes, no, on, "
            "off, y and n unless they are quoted)"
        ),
        written=written,
    )


#: One told problem: (data path, message, whether the position is the key's rather than the value's).
_Told = tuple[tuple[Any, ...], Any, bool]

#: Cyrillic letters that look like Latin ones, as a keyboard left in Kazakh or Russian types them.
_LOOK_ALIKE = str.maketrans("аеорсухкіјѕһԁпАВЕКМНОРСТХІ", "aeopcyxkijshdnABEKMHOPCTXI")


class _Wording:
    """One jsonschema error in plain words: a method per JSON Schema keyword the schema uses;
    any other keyword is told in jsonschema's own words."""

    def __init__(self, error: jsonschema.ValidationError, path: tuple[Any, ...], loaded: Bundle) -> None:
        self.error, self.path, self.loaded = error, path, loaded
        self.value: Any = error.instance  # jsonschema types these "Any | Unset"; both are set on an error
        self.expected: Any = error.validator_value
        self.node: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
        self.field = path[-1] if path else None
        self.found = _describe_value(self.value)
        self.title = _title(error, self.field)

    def say(self, template: str, /, **params: Any) -> Msg:
        """``template`` with ``params``; its ``{title}`` and ``{found}`` are this error's unless given."""
        return Msg(template, **{"title": self.title, "found": self.found, **params})

    def messages(self) -> list[_Told]:
        if "x-message" in self.node:  # a rule between fields, worded in the schema beside it
            return [(_at(self.path, self.node), _rule_message(self.node["x-message"], self.value), False)]
        if self.error.validator == "required":
            return self.missing_field()
        if self.error.validator == "additionalProperties":
            return self.unknown_fields()
        wording = {
            "type": self.wrong_type,
            "enum": self.not_a_choice,
            "const": self.not_the_constant,
            "pattern": self.wrong_form,
            "minLength": self.wrong_form,
            "minimum": self.out_of_bounds,
            "exclusiveMinimum": self.out_of_bounds,
            "maximum": self.out_of_bounds,
            "exclusiveMaximum": self.out_of_bounds,
            "minItems": self.empty_list,
            "maxLength": self.too_long,
            "uniqueItems": self.repeated_item,
            "format": self.not_a_date,
        }.get(str(self.error.validator))
        return [(self.path, wording() if wording else self.error.message, False)]

    # --- fields present or not ------------------------------------------------------------
    def missing_field(self) -> list[_Told]:
        message = self.error.message
        missing = message.split("'")[1] if "'" in message else "?"
        extras = [k for k in self.value if k not in self.node.get("properties", {})]
        if any(
            difflib.get_close_matches(k, [missing], n=1) or k.translate(_LOOK_ALIKE) == missing
            for k in extras
        ):
            return []  # the misspelt field's message says it: "did you mean ...?"
        if missing == "kk":
            told = Msg(
                N_(
                    "the Kazakh text (kk) is missing; add a 'kk:' line with the text as the source "
                    "document has it (ru and en are optional translations)"
                )
            )
            return [((*self.path, missing), told, False)]
        title = self.node.get("properties", {}).get(missing, {}).get("title", "")
        label = Aside(title, domain="schema") if title and title.lower().replace(" ", "_") != missing else ""
        told = Msg(N_("the field '{field}'{label} is missing; add it"), field=missing, label=label)
        return [((*self.path, missing), told, False)]

    def unknown_fields(self) -> list[_Told]:
        known = sorted(self.node.get("properties", {}))
        return [
            (
                (*self.path, name),
                Msg(N_("unknown field '{name}'; {hint}"), name=name, hint=_field_hint(name, known)),
                True,
            )
            for name in self.value
            if name not in known
        ]

    # --- values -----------------------------------------------------------------------------
    def wrong_type(self) -> Msg:
        want = self.expected if isinstance(self.expected, str) else self.expected[0]
        if want == "object" and set(self.node.get("properties", {})) == {"kk", "ru", "en"}:  # a text
            return self.not_a_text_block()
        if want == "object":
            return self.not_fields()
        if want == "array":
            if isinstance(self.value, dict):
                return self.say(
                    N_(
                        "expected a list{title}, each item on a line starting with '- ', found {found}; "
                        "begin each item with '- '"
                    )
                )
            return self.say(
                N_("expected a list{title}, each item on a line starting with '- ', found {found}")
            )
        if want in ("integer", "number") and isinstance(self.value, str | float):
            return self.not_a_number(want)
        if want == "string" and self.value is None:
            return self.empty_text()
        if want == "string" and isinstance(self.value, bool | int | float):
            return self.not_a_text()
        if want == "boolean":
            return self.say(N_("expected true or false{title}, found {found}; write true or false"))
        return self.say(N_("expected {what}{title}, found {found}"), what=_type_word(want))

    def not_a_text_block(self) -> Msg:
        """A translatable text (kk, ru, en) written as something else."""
        if isinstance(self.value, list):
            return self.say(
                N_(
                    "expected the text under 'kk:' (with optional 'ru:' and 'en:'), found {found}; remove the '- '"
                )
            )
        if isinstance(self.value, str):
            return Msg(
                N_(
                    "expected the text under 'kk:' (with optional 'ru:' and 'en:'), found the text written "
                    "directly after the field name; move it to the next line, indented, after 'kk: '"
                )
            )
        return self.say(N_("expected the text under 'kk:' (with optional 'ru:' and 'en:'), found {found}"))

    def not_fields(self) -> Msg:
        names = list(self.node.get("required", ()))
        words: Msg | str = _type_word("object")
        if len(names) > 1:
            words = Msg(
                N_("the fields {fields} and {last} (one 'name: value' line each)"),
                fields=", ".join(names[:-1]),
                last=names[-1],
            )
        elif names:
            words = Msg(N_("the fields {last} (one 'name: value' line each)"), last=names[-1])
        template = (
            N_("expected {words}{title} below this line, found {found}; remove the '- '")
            if isinstance(self.value, list)
            else N_("expected {words}{title} below this line, found {found}")
        )
        return self.say(template, words=words)

    def not_a_number(self, want: str) -> Msg:
        """A text or a decimal where a whole number (or a number) belongs."""
        value, field = self.value, self.field
        if isinstance(value, float):
            written = self.loaded.scalar_text(self.path) or str(value)
            if "amount" in str(field):
                return Msg(
                    N_(
                        "expected a whole number of tenge, found {written}, a number with a decimal point; "
                        "write amounts in whole tenge without dots, commas or spaces (18 000 000 is 18000000)"
                    ),
                    written=written,
                )
            return self.say(
                N_("expected a whole number{title}, found {written}; write it without a decimal point"),
                written=written,
            )
        written = self.loaded.scalar_text(self.path) or ""
        if re.fullmatch(r"[0-9]+", value) and written[:1] in ("'", '"'):
            return self.say(
                N_(
                    "expected {what}{title}, found the text {written}: the quotes make it a "
                    "text; write the number without quotes: {field}: {value}"
                ),
                what=_type_word(want),
                written=written,
                field=field,
                value=value,
            )
        return self.say(
            N_("expected {what}{title}, found {found}{hint}"),
            what=_type_word(want),
            hint=_number_hint(value, field),
        )

    def not_a_text(self) -> Msg:
        """A yes/no word or a number where a text belongs: quoting it keeps it as written."""
        if isinstance(self.value, bool):
            written = self.loaded.scalar_text(self.path) or str(self.value).lower()
            return self.say(
                N_('expected a text{title}, found {found}; put it in quotes: "{written}"'),
                found=_yes_no(written),
                written=written,
            )
        written = self.loaded.scalar_text(self.path) or str(self.value)
        return self.say(
            N_('expected a text{title}, found the number {written}; put it in quotes: "{written}"'),
            written=written,
        )

    def empty_text(self) -> Msg:
        line = self.loaded.line_text(self.loaded.where(self.path)[0])
        if re.search(r":\s+#", line):
            return self.say(
                N_(
                    "expected a text{title}, found nothing: in YAML '#' after a space starts a comment, so "
                    'the text after it was not read; put the whole text in quotes ("…")'
                )
            )
        return self.say(
            N_("expected a text{title}, found nothing (the value is empty); write the text after the ':'")
        )

    def not_a_choice(self) -> Msg:
        choices = ", ".join(str(c) for c in self.expected)
        if isinstance(self.value, bool):
            written = self.loaded.scalar_text(self.path) or str(self.value).lower()
            return Msg(N_("found {found}; write one of: {choices}"), found=_yes_no(written), choices=choices)
        close = difflib.get_close_matches(str(self.value), [str(c) for c in self.expected], n=1)
        if close:
            return self.say(
                N_("{found} is not allowed; expected one of: {choices}; did you mean '{close}'?"),
                choices=choices,
                close=close[0],
            )
        return self.say(N_("{found} is not allowed; expected one of: {choices}"), choices=choices)

    def not_the_constant(self) -> Msg:
        return self.say(N_("must be {expected}, found {found}"), expected=self.expected)

    def wrong_form(self) -> Msg:
        """A text that does not match its pattern: each kind of text says what it should look like."""
        expected, field, value = self.expected, self.field, self.value
        if self.error.validator == "minLength" or expected == "\\S":
            return _empty_text_message(field)
        if expected == schema()["$defs"]["id"]["pattern"]:
            return _id_message(value)
        if "http" in expected:
            told = _url_problem(value) or _url_problem("")
            assert told is not None  # an empty address always has a message
            return told
        if field == "number":
            return self.say(
                N_(
                    "{found} is not a lot number; write it as the document prints it, with Latin "
                    "letters, digits, '.', '/' or '-' only (like \"12\" or \"3.1\"), without '№' or spaces"
                )
            )
        if field == "bin":
            return self.say(
                N_(
                    "{found} is not a BIN: a business identification number is exactly 12 digits, "
                    "with no spaces or letters (this has {length} characters, {digits} of them "
                    'digits); put it in quotes, like "310340000017"'
                ),
                length=len(str(value)),
                digits=sum(ch.isdigit() for ch in str(value)),
            )
        return self.say(N_("{found} has characters that are not allowed here"))

    def out_of_bounds(self) -> Msg:
        keyword, value = self.error.validator, self.value
        if self.node is schema()["$defs"]["year"] and keyword in ("minimum", "maximum"):
            return Msg(N_("{value} is not a valid year; write all four digits, like 2026"), value=value)
        if (
            keyword in ("minimum", "exclusiveMinimum")
            and "amount" in str(self.field)
            and isinstance(value, int | float)
        ):
            if value == 0:
                return Msg(
                    N_("the amount is 0; amounts must be greater than 0: leave out a year that has no money")
                )
            return Msg(
                N_("the amount {value} is negative; amounts must be greater than 0: remove the '-'"),
                value=value,
            )
        template = {
            "minimum": N_("found {value}; it must be at least {expected}{title}"),
            "exclusiveMinimum": N_("found {value}; it must be greater than {expected}{title}"),
            "maximum": N_("found {value}; it must be at most {expected}{title}"),
            "exclusiveMaximum": N_("found {value}; it must be less than {expected}{title}"),
        }[str(keyword)]
        return self.say(template, value=value, expected=self.expected)

    def not_a_date(self) -> Msg:
        return _date_problem(self.value)

    def empty_list(self) -> Msg:
        return plural(
            "the list is empty; it needs at least {n} item",
            "the list is empty; it needs at least {n} items",
            self.expected,
        )

    def too_long(self) -> Msg:
        return Msg(N_("the text is too long; at most {most} characters"), most=self.expected)

    def repeated_item(self) -> Msg:
        seen: set[Any] = set()
        for item in self.value:
            if item in seen:
                return Msg(N_("{item} appears twice in the list; each item must appear once"), item=item)
            seen.add(item)
        return Msg(N_("the list repeats an item; each item must appear once"))


def _field_hint(name: str, known: list[str]) -> Msg:
    """What an unknown field name was probably meant to be."""
    close = difflib.get_close_matches(name, known, n=1)
    latin = name.translate(_LOOK_ALIKE)
    if latin != name and latin in known:
        return Msg(
            N_(
                "it is typed in Cyrillic letters that look like Latin ones; did you mean '{latin}'? "
                "Type it again with the keyboard switched to English"
            ),
            latin=latin,
        )
    if close:
        return Msg(N_("did you mean '{close}'?"), close=close[0])
    if len(known) <= 8:
        return Msg(N_("the fields allowed here are: {fields}"), fields=", ".join(known))
    return Msg(
        N_("remove it ({schema} lists every field there is)"),
        schema=f"{SCHEMA_PATH.parent.name}/{SCHEMA_PATH.name}",
    )


def _empty_text_message(field: Any) -> Msg:
    if field == "kk":
        return Msg(N_("the Kazakh text (kk) is empty; write the text as the source document has it"))
    if field in ("ru", "en"):
        return Msg(N_("the translation is empty; write it or remove the '{field}:' line"), field=field)
    return Msg(N_("the text is empty; write the text or remove the field"))


def _at(path: tuple[Any, ...], node: dict[str, Any]) -> tuple[Any, ...]:
    return (*path, node["x-at"]) if "x-at" in node else path


def _rule_message(template: str, value: Any) -> Msg:
    """A schema rule's x-message, its {names} filled from the object the rule is about
    ({status} is 'planned' when left out, as the schema's default says). The x-messages are
    in the ``validator`` catalog too: ``grants.i18n.extract_schema_messages`` finds them."""
    fields: dict[str, Any] = {"status": "planned"}
    if isinstance(value, dict):
        fields.update(
            {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str | int | float)}
        )
    else:
        fields["value"] = value
    names = set(re.findall(r"\{(\w+)\}", template))
    return Msg(template, **{name: fields.get(name, "") for name in names})


def _url_problem(value: Any) -> Msg | None:
    """What is wrong with a web address, read as a browser reads it (urllib.parse); None if nothing.

    Only http and https addresses with a site name become links on the site."""
    found = _describe_value(value)
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        return Msg(N_("{found} is not a web address; it must start with https:// (or http://)"), found=found)
    if any(ch.isspace() for ch in value):
        return Msg(
            N_(
                "{found} has a space or a line break inside, which a web address cannot have; "
                "copy the address again from the browser's address bar (a space is written %20)"
            ),
            found=found,
        )
    try:
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018 - reading it checks the port
    except ValueError:
        return Msg(
            N_(
                "{found} is not a web address a browser can open; copy it again from the browser's address bar"
            ),
            found=found,
        )
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        return Msg(
            N_(
                "{found} has no site name after {scheme}://; write the whole address, like https://example.kz/page"
            ),
            found=found,
            scheme=parts.scheme,
        )
    return None


def _urls(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """(path, value) of every web address in the data."""
    for i, source in dicts_of(data, "sources"):
        if "url" in source:
            yield ("sources", i, "url"), source["url"]
    for i, lot in dicts_of(data, "lots"):
        if "apply_url" in lot:
            yield ("lots", i, "apply_url"), lot["apply_url"]
        reports = lot.get("reports")
        for j, report in enumerate(reports if isinstance(reports, list) else []):
            if isinstance(report, dict) and "document" in report:
                yield ("lots", i, "reports", j, "document"), report["document"]


def _date_problem(value: Any) -> Msg:
    """Why a text in a date's place is not a date, and what to write."""
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match:
        year, month, day = (int(g) for g in match.groups())
        if not 1 <= month <= 12:
            return Msg(
                N_(
                    "the date {value} does not exist: there is no month {month}; the month comes second, YYYY-MM-DD"
                ),
                value=value,
                month=f"{month:02d}",
            )
        if day == 0:
            return Msg(
                N_(
                    "the date {value} does not exist: days are counted from 01; check the day in the document"
                ),
                value=value,
            )
        return Msg(
            N_(
                "the date {value} does not exist: {name} {year} has {days} days; check the day in the document"
            ),
            value=value,
            name=Msg(_MONTHS[month]),
            year=year,
            days=calendar.monthrange(year, month)[1],
        )
    week = re.fullmatch(r"([0-9]{4})-?W([0-9]{2})-?([1-7])", value) if isinstance(value, str) else None
    if week:
        with contextlib.suppress(ValueError):
            iso_day = dt.date.fromisocalendar(*(int(g) for g in week.groups()))
            return Msg(
                N_(
                    "{value} is a week date (year, week, day of the week); write the day as YYYY-MM-DD: {day}"
                ),
                value=value,
                day=iso_day,
            )
    return Msg(
        N_("{found} is not a date; write it as YYYY-MM-DD, like 2026-03-01"), found=_describe_value(value)
    )


def _id_message(value: Any) -> Msg:
    found = _describe_value(value)
    if isinstance(value, str):
        fixed = re.sub(r"[\s_]+", "-", value.strip().lower())
        if fixed != value and re.fullmatch(schema()["$defs"]["id"]["pattern"], fixed):
            return Msg(
                N_(
                    "{found} is not a valid identifier; use lowercase Latin letters, digits and single "
                    "hyphens, starting with a letter: write '{fixed}'"
                ),
                found=found,
                fixed=fixed,
            )
    return Msg(
        N_(
            "{found} is not a valid identifier; use lowercase Latin letters, digits and single hyphens, "
            "starting with a letter (like taraz-2026-01)"
        ),
        found=found,
    )


def _schema_errors(loaded: Bundle | Loaded) -> Iterator[tuple[tuple[Any, ...], jsonschema.ValidationError]]:
    """(path prefix, error) for every schema error; lazily, so that a caller taking the first
    few does not pay for a million. The fast yes/no checks run first, on the data without its
    lots and on each lot (the schema says of the lots only that they are a list of lots:
    tests/test_validate_errors.py), and jsonschema, which words the errors, only on what they
    failed. Read through a ``Kept``, the lots of the files found valid before, unchanged since,
    are not checked again; when all passes, every file's lots are noted as valid."""
    data = loaded.data
    whole, lot_ok = _fast_checks()
    if not (isinstance(data, dict) and isinstance(data.get("lots"), list)):
        yield from (((), error) for error in ([] if whole(data) else _validator().iter_errors(data)))
        return
    kept = loaded.kept if isinstance(loaded, Bundle) else None  # a single file's reading has none
    parts = loaded.parts() if isinstance(loaded, Bundle) else []
    known = _checked_before(kept, parts) if kept is not None else set()
    shell = {key: ([] if key == "lots" else value) for key, value in data.items()}
    failed = [i for i, lot in enumerate(data["lots"]) if i not in known and not lot_ok(lot)]
    if whole(shell) and not failed:
        if kept is not None:
            kept.lots_valid(part for part, _ in parts)
        return
    yield from (((), error) for error in _validator().iter_errors(shell))
    for i in failed:
        yield from ((("lots", i), error) for error in _validator("lot").iter_errors(data["lots"][i]))


def _checked_before(kept: Kept, parts: list[tuple[Loaded, int]]) -> set[int]:
    """The indices in the whole of the lots of the files (each with the index of its first lot)
    that ``kept`` found valid before, unchanged since."""
    known: set[int] = set()
    for part, start in parts:
        lots = part.data.get("lots") if isinstance(part.data, dict) else None
        if isinstance(lots, list) and kept.lots_checked(part):
            known.update(range(start, start + len(lots)))
    return known


def _schema_problems(loaded: Bundle) -> list[Problem]:
    errors = []
    for prefix, error in islice(_schema_errors(loaded), MAX_PROBLEMS):
        # For a value that fails several alternatives, report the deepest reason.
        if error.context:
            error = max(error.context, key=lambda e: len(e.absolute_path))
        errors.append(((*prefix, *error.absolute_path), error))
    loaded.locate(path for path, _ in errors)  # one pass over the text for every position
    return _located(loaded, [m for path, error in errors for m in _Wording(error, path, loaded).messages()])


def _located(loaded: Bundle, found: list[_Told], severity: str = "error") -> list[Problem]:
    """Problems at the places of ``found``'s paths (their keys' where told so), found in one
    pass over the text."""
    loaded.locate(path for path, _, _ in found)
    return [Problem(loaded.path, *loaded.where(path, key=key), path, m, severity) for path, m, key in found]


# --- rules beyond the schema -------------------------------------------------


def _year_amounts(value: Any) -> tuple[list[tuple[int, int, int]], bool]:
    """(index, year, amount) of each well-formed entry of a funding-like list, and whether all were.

    An entry the schema rejects (a year written as text, an amount of 0 or "6 000 000") is left
    out, and the second value tells the caller that the sums cannot be trusted.
    """
    if not isinstance(value, list):
        return [], False
    out = []
    for i, entry in enumerate(value):
        if isinstance(entry, dict):
            year, amount = entry.get("year"), entry.get("amount")
            if _is_year(year) and type(amount) is int and amount > 0:
                out.append((i, year, amount))
    return out, len(out) == len(value)


def _is_year(value: Any) -> TypeGuard[int]:
    """A year the schema accepts; the rules leave the others to the schema's message."""
    bounds = schema()["$defs"]["year"]
    return type(value) is int and bounds["minimum"] <= value <= bounds["maximum"]


#: Repeated keys that leave a lot's money or its source out of the data (see loader.py).
_MONEY_KEYS = frozenset({"lots", "sources", "funding", "source", "declared_totals", "year", "amount", "id"})


def _rule_problems(loaded: Bundle) -> list[Problem]:
    return _Rules(loaded).problems()


class _Rules:
    """The rules a schema cannot say, over the raw data, a method per kind; what one finds
    (ids, the documents' years, the sums of the lots' funding) is kept for those after it.

    Problems are noted with ``add`` and their positions found at the end, all in one pass
    over the text."""

    def __init__(self, loaded: Bundle) -> None:
        self.loaded, self.data = loaded, loaded.data
        self.pending: list[tuple[tuple[Any, ...], str, dict[str, Any], bool, tuple[Any, ...]]] = []
        # A reference can be checked only against a list that was read.
        self.listed = {
            name: isinstance(self.data, dict) and isinstance(self.data.get(name), list)
            for name in ("sources", "sectors")
        }
        self.ids: dict[str, dict[str, tuple[Any, ...]]] = {}
        self.source_years: dict[str, set[int]] = {}
        self.numbers: dict[tuple[str, str], tuple[Any, ...]] = {}
        #: What the lots' funding adds up to, per source and year.
        self.sums: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        #: Sources with an amount that was not read or not counted: their totals are not compared.
        self.untrusted: set[str] = set()
        # The totals are compared only when every amount that goes into them was read correctly:
        # otherwise the one mistake, already told, would be told again as a wrong total.
        self.totals_trusted = self.listed["sources"] and not any(
            path[-1] in _MONEY_KEYS for path in loaded.repeated
        )

    def add(
        self,
        path: tuple[Any, ...],
        message: str,
        *,
        key: bool = False,
        ref: tuple[Any, ...] | None = None,
        **fields: Any,
    ) -> None:
        """Note a problem: ``message`` (a ``Msg``, or a template for ``fields``), told at the
        key of ``path`` if ``key``; ``{place}`` in it is the line of ``ref``, found at the end."""
        if len(self.pending) < MAX_PROBLEMS:
            self.pending.append((path, message, fields, key, (ref,) if ref else ()))

    def problems(self) -> list[Problem]:
        for list_name in ("sources", "sectors", "lots"):
            self.ids[list_name] = self.unique_ids(list_name)
        self.web_addresses()
        sources = dicts_of(self.data, "sources")
        for i, source in sources:
            self.declared_years(i, source)
        for i, lot in dicts_of(self.data, "lots"):
            self.lot(("lots", i), lot)
        plausibility.amount_problems(self.data, self.add)  # 18000 for 18 000 000: typed in thousands
        for i, source in sources if self.totals_trusted else []:
            self.declared_totals(i, source)

        self.loaded.locate([p for path, _, _, _, refs in self.pending for p in (path, *refs)])
        found: list[_Told] = []
        for path, message, fields, key, refs in self.pending:
            if refs:
                fields["place"] = _place(self.loaded, path, refs[0])
            found.append((path, message if isinstance(message, Msg) else Msg(message, **fields), key))
        return _located(self.loaded, found)

    def unique_ids(self, list_name: str) -> dict[str, tuple[Any, ...]]:
        """Ids unique within their list, and none the site's own pages use: {id: where it is}."""
        seen: dict[str, tuple[Any, ...]] = {}
        for i, item in dicts_of(self.data, list_name):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            where = (list_name, i, "id")
            if item_id in seen:
                message = N_("the id '{id}' is already used on {place}; every id must be unique")
                self.add(where, message, ref=seen[item_id], id=item_id)
            else:
                seen[item_id] = where
            if item_id in RESERVED_IDS:
                names = ", ".join(sorted(RESERVED_IDS))
                self.add(where, _RESERVED_MESSAGES[list_name], id=item_id, names=names)
        return seen

    def web_addresses(self) -> None:
        """Web addresses the schema's pattern lets through, read as a browser reads them."""
        url_pattern = re.compile(schema()["$defs"]["lot"]["properties"]["apply_url"]["pattern"])
        for path, value in _urls(self.data):
            if isinstance(value, str) and url_pattern.search(value) and (problem := _url_problem(value)):
                self.add(path, problem)

    def declared_years(self, i: int, source: dict[str, Any]) -> None:
        """A source's declared totals inside the document's years, each year declared once."""
        listed_years = source.get("years")
        # Only a list the schema accepts says which years are the document's.
        years: set[int] = (
            set(listed_years)
            if isinstance(listed_years, list)
            and all(_is_year(y) for y in listed_years)
            and len(set(listed_years)) == len(listed_years)
            else set()
        )
        if isinstance(source.get("id"), str):
            self.source_years[source["id"]] = years
        seen_years: set[int] = set()
        for j, year, _ in _year_amounts(source.get("declared_totals"))[0]:
            where = ("sources", i, "declared_totals", j, "year")
            if year in seen_years:
                self.add(where, N_("the year {year} is declared twice"), year=year)
            seen_years.add(year)
            if years and year not in years:
                message = N_("{year} is not one of the document's years ({years})")
                self.add(where, message, year=year, years=_years_text(years))

    def lot(self, base: tuple[Any, ...], lot: dict[str, Any]) -> None:
        """One lot: its source and sector exist, its number is unique, its years agree."""
        source_id, sector_id = lot.get("source"), lot.get("sector")
        sources, sectors = self.ids["sources"], self.ids["sectors"]
        if not isinstance(source_id, str) or source_id not in sources:
            self.totals_trusted = False  # whose totals this lot's money belongs to is unknown
        if isinstance(source_id, str) and self.listed["sources"] and source_id not in sources:
            self.add((*base, "source"), _unknown("source", source_id, sources))
        if isinstance(sector_id, str) and self.listed["sectors"] and sector_id not in sectors:
            self.add((*base, "sector"), _unknown("sector", sector_id, sectors))
        number = lot.get("number")
        if isinstance(source_id, str) and isinstance(number, str):
            if (source_id, number) in self.numbers:
                message = N_(
                    "lot number {number} of source '{source}' is already used on {place}; "
                    "numbers are unique within a source"
                )
                ref = self.numbers[(source_id, number)]
                self.add((*base, "number"), message, ref=ref, number=number, source=source_id)
            else:
                self.numbers[(source_id, number)] = (*base, "number")

        period = lot.get("period")
        start: Any = period.get("start") if isinstance(period, dict) else None
        end: Any = period.get("end") if isinstance(period, dict) else None
        period_ok = _is_year(start) and _is_year(end)
        if period_ok and start > end:
            message = N_("the period ends ({end}) before it starts ({start})")
            self.add((*base, "period", "end"), message, end=end, start=start)
            period_ok = False
        self.funding(base, lot, (start, end) if period_ok else None)
        grant_type = lot.get("grant_type")
        if period_ok and grant_type in SPANS and end - start + 1 not in SPANS[grant_type]:
            message = _SPAN_MESSAGES[grant_type]
            self.add((*base, "grant_type"), message, start=start, end=end, span=end - start + 1)
        # Status and what it needs, material requirements only for long grants, shares at most
        # 100%: rules in the schema (allOf, if/then), worded by its x-message.
        lifecycle.problems(lot, base, self.add)  # dates in order, award within the funding

    def funding(self, base: tuple[Any, ...], lot: dict[str, Any], period: tuple[int, int] | None) -> None:
        """One amount per year, inside the lot's period and the document's years; added to the sums."""
        source_id = lot.get("source")
        source = source_id if isinstance(source_id, str) else None
        document_years = self.source_years.get(source) if source is not None else None
        funded: set[int] = set()
        entries, all_read = _year_amounts(lot.get("funding"))
        if not (all_read and entries) and source is not None:
            self.untrusted.add(source)
        for j, year, amount in entries:
            where = (*base, "funding", j, "year")
            if year in funded:
                self.add(
                    where, N_("the year {year} appears twice in funding; give one amount per year"), year=year
                )
            elif period and not period[0] <= year <= period[1]:
                message = N_("funding for {year} lies outside the lot's period {start}–{end}")
                self.add(where, message, year=year, start=period[0], end=period[1])
            elif document_years and year not in document_years:
                message = N_("{year} is not one of the source document's years ({years})")
                self.add(where, message, year=year, years=_years_text(document_years))
            else:
                funded.add(year)
                if source is not None:
                    self.sums[source][year] += amount
                continue
            if source is not None:
                self.untrusted.add(source)

    def declared_totals(self, i: int, source: dict[str, Any]) -> None:
        """A source's lots add up to the totals it declares."""
        source_id = source.get("id")
        if not isinstance(source_id, str) or source_id in self.untrusted:
            return
        sums = self.sums.get(source_id, {})
        entries, all_read = _year_amounts(source.get("declared_totals"))
        declared = {year: (j, amount) for j, year, amount in entries}
        for year, (j, amount) in sorted(declared.items()):
            got = sums.get(year, 0)
            if got == amount:
                continue
            message = (
                N_(
                    "the document declares {declared} for {year}, but its lots add up to "
                    "{got} ({gap} more); correct a lot's funding or the declared total"
                )
                if got > amount
                else N_(
                    "the document declares {declared} for {year}, but its lots add up to "
                    "{got} ({gap} less); correct a lot's funding or the declared total"
                )
            )
            where = ("sources", i, "declared_totals", j, "amount")
            gap = tenge(abs(got - amount))
            self.add(where, message, declared=tenge(amount), year=year, got=tenge(got), gap=gap)
        for year in sorted(set(sums) - set(declared)) if all_read else []:
            message = N_(
                "the lots have funding for {year} ({amount}), but the document declares "
                "no total for {year}; add it to declared_totals"
            )
            self.add(
                ("sources", i, "declared_totals"), message, key=True, year=year, amount=tenge(sums[year])
            )


#: One whole sentence per list, so that "the lot's page" is translated with the rest of it.
_RESERVED_MESSAGES = {
    "sources": N_(
        "the id '{id}' is a name the site uses for its own pages or folders, so the "
        "source's page would replace one; choose another id, like '{id}-source' "
        "(names taken: {names})"
    ),
    "sectors": N_(
        "the id '{id}' is a name the site uses for its own pages or folders, so the "
        "sector's page would replace one; choose another id, like '{id}-sector' "
        "(names taken: {names})"
    ),
    "lots": N_(
        "the id '{id}' is a name the site uses for its own pages or folders, so the "
        "lot's page would replace one; choose another id, like '{id}-lot' "
        "(names taken: {names})"
    ),
}


def _place(loaded: Bundle, path: tuple[Any, ...], ref: tuple[Any, ...]) -> str:
    """'line 29' for a place in the file that ``path`` is told in, 'line 29 of data/lots/x.yaml'
    for one in another file (a lot id repeated across two lot files names both)."""
    line = loaded.where(ref)[0]
    if loaded.file_of(ref) == loaded.file_of(path):
        return Msg(N_("line {line}"), line=line)
    return Msg(N_("line {line} of {file}"), line=line, file=loaded.file_of(ref))


#: A reference to a source or sector that does not exist: (kind, whether a close id was found).
_UNKNOWN = {
    ("source", True): N_("there is no source with the id '{value}'; did you mean '{close}'?"),
    ("sector", True): N_("there is no sector with the id '{value}'; did you mean '{close}'?"),
    ("source", False): N_("there is no source with the id '{value}'; known sources: {known}"),
    ("sector", False): N_("there is no sector with the id '{value}'; known sectors: {known}"),
}


def _unknown(kind: str, value: str, known: dict[str, Any]) -> Msg:
    close = difflib.get_close_matches(value, list(known), n=1)
    if close:
        return Msg(_UNKNOWN[kind, True], value=value, close=close[0])
    return Msg(_UNKNOWN[kind, False], value=value, known=", ".join(known) or Msg(N_("none")))


#: "a short-term grant spans 1 calendar year": one whole sentence per grant type (the
#: words for a type and its years agree in Kazakh and Russian); they follow SPANS.
_SPAN_MESSAGES = {
    "short": N_(
        "a short-term grant spans 1 calendar year, but the period {start}–{end} spans {span}; "
        "correct grant_type or period"
    ),
    "medium": N_(
        "a medium-term grant spans 2 calendar years, but the period {start}–{end} spans {span}; "
        "correct grant_type or period"
    ),
    "long": N_(
        "a long-term grant spans 2 or 3 calendar years, but the period {start}–{end} spans {span}; "
        "correct grant_type or period"
    ),
}


def _years_text(years: set[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


# --- plausibility warnings ---------------------------------------------------------


def _plausibility_warnings(loaded: Bundle) -> list[Problem]:
    """Look-alike characters pasted into texts, and notes quoting sums the data no longer has."""
    documents = plausibility.Documents(loaded.data, Path(loaded.path).parent)
    found = [  # in each file's own text: grants.yaml and the lot files it lists
        Problem(
            part.path,
            line,
            col,
            shift(path, start),
            plausibility.lookalike_message(char, new),
            severity="warning",
        )
        for part, start in loaded.parts()
        for path, line, col, char, new in plausibility.lookalikes(part, MAX_PROBLEMS, documents)
    ]
    notes: list[_Told] = []
    plausibility.note_sum_problems(loaded.data, lambda path, message: notes.append((path, message, False)))
    return found + _located(loaded, notes, "warning")


def fix(path: str | Path) -> dict[Path, int]:
    """Rewrite the look-alike characters in the file at ``path`` and in the lot files it
    names (``validate --fix``), except the quotation marks a lot's archived document prints
    so; how many in each file changed."""
    bundle = load_bundle(path)
    if bundle.data is None:
        return {}
    documents = plausibility.Documents(bundle.data, Path(bundle.path).parent)
    changed = {
        part.path: plausibility.fix(part, MAX_PROBLEMS * 50, documents)
        for part, _ in bundle.parts()
        if part.data is not None
    }
    return {file: count for file, count in changed.items() if count}


# --- translations --------------------------------------------------------------


#: Missing translations listed one by one before the rest are summed up (``--all-warnings``
#: lists every one). Untranslated data has tens of thousands of them at national scale; a
#: maintainer needs the first few with their lines, and the counts, not 178,000 lines.
I18N_LISTED = 20


def _field_of(path: tuple[Any, ...]) -> str:
    """The field a text sits in: 'problem' for ('lots', 3, 'problem'), 'expected_results' for
    ('lots', 3, 'expected_results', 2)."""
    return next((str(key) for key in reversed(path) if isinstance(key, str)), "")


def _i18n_problems(loaded: Bundle, listed: int | None, severity: str) -> list[Problem]:
    """A problem for each of the first ``listed`` texts that lack a translation (every one when
    ``listed`` is None), then one that counts them all, by language and by field."""
    langs = ("ru", "en")
    found = [
        (path, missing)
        for path, text in translatable(loaded.data)
        if (missing := [lang for lang in langs if not text.get(lang)])
    ]
    shown = found if listed is None else found[:listed]
    told: list[_Told] = [
        (
            path,
            Msg(N_("no {a} translation of this text"), a=missing[0])
            if len(missing) == 1
            else Msg(N_("no {a} and no {b} translation of this text"), a=missing[0], b=missing[1]),
            False,
        )
        for path, missing in shown
    ]
    problems = _located(loaded, told, severity)
    if len(shown) < len(found):
        by_lang = ", ".join(f"{lang} {sum(lang in missing for _, missing in found)}" for lang in langs)
        fields = Counter(_field_of(path) for path, _ in found).most_common(5)
        by_field = ", ".join(f"{field} {count}" for field, count in fields)
        problems.append(
            Problem(
                loaded.path,
                *loaded.where(shown[-1][0]),
                (),
                plural(
                    "{n} text has no translation in all (missing: {by_lang}; most in: {by_field}); "
                    "only the first {shown} are listed: python -m grants validate --all-warnings lists every one",
                    "{n} texts have no translation in all (missing: {by_lang}; most in: {by_field}); "
                    "only the first {shown} are listed: python -m grants validate --all-warnings lists every one",
                    len(found),
                    by_lang=by_lang,
                    by_field=by_field,
                    shown=len(shown),
                ),
                severity,
            )
        )
    return problems


# --- building the model --------------------------------------------------------


def build(data: dict[str, Any], path: Path | None = None, *, release: bool = False) -> Dataset:
    """Turn valid data into the frozen model, as the model declares it (grants/declare.py). With
    ``release``, each lot's raw data is dropped from ``data["lots"]`` once its ``Lot`` is made, so
    that the raw data and the model are never held whole at once (``load_dataset``, whose raw data
    nobody else sees: 10,000 lots peaked at 334 MB with both, over the 300 MB target)."""
    dataset: Dataset = declare.build(Dataset, data, release, path=path)
    return dataset


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the data is read: reading a large file makes
    hundreds of thousands of dicts and lists, none in a cycle, and the collector would walk
    them all again and again (a third of the time for 10,000 lots)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_no_cycle_collection()
def check(
    path: str | Path,
    *,
    strict_i18n: bool = False,
    all_warnings: bool = False,
    warnings: bool = True,
    kept: Kept | None = None,
) -> tuple[Bundle, list[Problem]]:
    """Every problem in the file at ``path``, errors and warnings (only errors without
    ``warnings``), in file order. ``kept``: the files read before in this process, which are
    read again only when their bytes changed (``grants.bundle.Kept``); the problems are the same."""
    # Compiled before the data is read: compiling takes ~20 MB for a moment, which the data
    # then reuses; compiled after, it came on top of the data (10,000 lots: 15 MB more at peak).
    _fast_checks()
    loaded = load_bundle(path, kept)  # grants.yaml and the lot files it lists
    problems = list(loaded.problems)
    if loaded.data is not None:
        problems += _schema_problems(loaded)
        problems += _rule_problems(loaded)
        if warnings:
            problems += _plausibility_warnings(loaded)
        if warnings or strict_i18n:
            # As errors they are listed up to the reader's limit, like every other error.
            listed = None if all_warnings else MAX_PROBLEMS if strict_i18n else I18N_LISTED
            problems += _i18n_problems(loaded, listed, "error" if strict_i18n else "warning")
    # A value the reader already found wrong (.nan, a control character) is told once, by it.
    told = {p.path for p in loaded.problems if p.path}
    problems = loaded.problems + [p for p in problems[len(loaded.problems) :] if p.path not in told]
    # Two schema keywords can find the same fault ("" is both too short and blank): tell it once.
    problems = list(dict.fromkeys(problems))
    problems = [loaded.relocate(p) for p in problems]  # each told in the file that holds it
    problems.sort(key=loaded.rank)
    return loaded, problems


def load_dataset(
    path: str | Path | None = None, *, strict_i18n: bool = False, kept: Kept | None = None
) -> Dataset:
    """Load, validate and build the dataset; raise ``DataError`` listing every problem.
    ``kept``: as for ``check`` (``mkdocs serve``); its raw data is then kept as it is."""
    path = Path(path or os.environ.get("GRANTS_DATA") or DEFAULT_DATA)
    with _no_cycle_collection():
        # Translation warnings never stop a build, so they are looked for only when they are errors.
        loaded, problems = check(path, strict_i18n=strict_i18n, warnings=False, kept=kept)
        if any(p.severity == "error" for p in problems):
            raise DataError(problems, loaded.data)
        dataset = build(loaded.data, path, release=kept is None)
        # Free the plain data now: the collector, back on, then has only the dataset to look at.
        del loaded, problems
    return dataset
