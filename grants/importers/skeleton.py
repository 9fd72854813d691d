"""``python -m grants new-lot --source ID``: a complete, commented lot block to paste.

The block is made from the lot's declaration (grants/model.py, as JSON Schema), so it names
every field the data can hold, in the declared order: the required ones written out, the
optional ones commented out, each with a hint in the maintainer's language (below, or the
field's title from the schema catalog). Each value is a placeholder the validator refuses ("" for a text, 0 for an
amount), so a block pasted and not filled in cannot be published by mistake; the id,
source, number, years and period are filled in from the data.
"""

from __future__ import annotations

from typing import Any

from grants.i18n import N_, Speaker, translations
from grants.importers.yamlout import comment, one_line, resolve
from grants.schema_i18n import DOMAIN, declared

#: What a field is, in the maintainer's words, where its title (in the schema catalog) says too little.
HINTS = {
    "id": N_("the lot's address on the site; never change it once published"),
    "source": N_("the source document's id"),
    "number": N_("the lot's number as the document prints it (column 1)"),
    "source_lines": N_("lines of the archived document that hold this lot's row"),
    "sector": N_("the sector's id (column 2), one of: {sectors}"),
    "priority": N_("priority direction (column 3)"),
    "problem": N_("short description of the problem (column 4); paragraphs separated by a blank line"),
    "funding": N_("money per year (column 5), in whole tenge: thousands × 1000"),
    "grant_type": N_("short (қысқа мерзімді), medium (орта мерзімді) or long (ұзақ мерзімді): column 6"),
    "grant_count": N_("how many grants («1 орта мерзімді грант» is 1)"),
    "period": N_("first and last year of the grant (column 6)"),
    "territory": N_("where the grant is carried out (column 7)"),
    "targets_per_year": N_("true where the document says «жыл сайын» (each year)"),
    "indicators": N_("target indicators (column 8), in the document's order, without their numbers"),
    "target": N_("the number an indicator sets, if its text states one"),
    "comparison": N_("at_least (кемінде), at_most or exactly"),
    "results": N_("expected results (column 8), one item each, in order"),
    "material_requirements": N_("column 9: only for long-term grants"),
    "notes": N_("defects of the source for this lot, shown to readers"),
    "corrections": N_(
        "letters and typos of the document corrected in the Kazakh text, shown on the lot page"
    ),
    "corrections.source": N_("the words as the document prints them"),
    "corrections.corrected": N_("the same words as the lot's Kazakh text writes them"),
    "status": N_("one of: {values}"),
    "indicators.text": N_("the indicator as the document words it, without its number"),
    "reports.text": N_("a short summary of the report"),
    "achievements.value": N_("the number reached"),
    "start": N_("first year"),
    "end": N_("last year (the same as the first for a one-year grant)"),
    "year": N_("year"),
    "amount": N_("whole tenge"),
    "value": N_("the number to reach"),
    "unit": N_("what is counted: адам, %, қаралым"),
    "application_window": N_("when applications are accepted (needed when status is open or evaluation)"),
    "opens": N_("first day, YYYY-MM-DD"),
    "closes": N_("last day, YYYY-MM-DD"),
    "apply_url": N_("web address where NGOs apply"),
    "award": N_("the grant agreement (needed when status is awarded, in_progress or completed)"),
    "recipient": N_("the NGO that received the grant"),
    "bin": N_("its BIN: 12 digits"),
    "amounts": N_("money in the agreement per year, whole tenge"),
    "agreement_date": N_("the day the agreement was signed, YYYY-MM-DD"),
    "reports": N_("reports on the lot's work, oldest first"),
    "date": N_("the day of the report, YYYY-MM-DD"),
    "document": N_("web address of the report"),
    "achievements": N_("what each target indicator reached"),
    "indicator": N_("the indicator's number on the lot, from 1"),
    "kk": N_("Kazakh, as the document has it"),
    "ru": N_("Russian translation (unofficial)"),
    "en": N_("English translation (unofficial)"),
}


class Skeleton:
    def __init__(self, schema: dict[str, Any], speaker: Speaker, values: dict[str, Any]) -> None:
        self.schema = schema
        self.say = speaker.say
        self.title = translations(speaker.lang, DOMAIN).gettext
        self.values = values
        self.lines: list[str] = []

    def hint(self, key: str, node: dict[str, Any], parent: str) -> str:
        message = HINTS.get(f"{parent}.{key}") or HINTS.get(key)
        if message:
            values = ", ".join(str(v) for v in node.get("enum", []))
            return self.say(message, sectors=self.values.get("sectors", ""), values=values)
        return self.title(str(node.get("title", "")))

    def placeholder(self, key: str, node: dict[str, Any], parent: str = "") -> Any:
        # The lot's own fields take the values worked out from the data; a nested field of
        # the same name (a correction's "source": the words as printed) is left to fill in.
        if key in self.values and key != "sectors" and parent != "corrections":
            return self.values[key]
        if key == "year":
            return self.values.get("start", 0)
        if "enum" in node:
            return ""
        if "default" in node:
            return node["default"]
        kind = node.get("type")
        if kind == "integer" or kind == "number":
            return node.get("minimum", 0) if key != "amount" else 0
        if kind == "boolean":
            return True
        if node.get("format") == "date":
            return "YYYY-MM-DD"
        return ""

    def line(self, indent: int, text: str, off: int | None) -> None:
        """A line at ``indent``; commented out at column ``off`` (the optional field's own
        column), so that removing that one "# " from each line leaves valid YAML."""
        if off is None:
            self.lines.append(" " * indent + text)
        else:
            self.lines.append(" " * off + "# " + " " * (indent - off) + text)

    def emit(
        self,
        key: str,
        node: dict[str, Any],
        indent: int,
        *,
        dash: bool = False,
        off: int | None = None,
        parent: str = "",
    ) -> None:
        """Write ``key`` (after "- " when ``dash``) at ``indent``, with its placeholder value."""
        node = resolve(self.schema, node)
        lead = "- " if dash else ""
        column = indent + len(lead)  # where the key itself stands
        hint = self.hint(key, node, parent)
        tail = f"  # {comment(hint)}" if hint else ""
        kind = node.get("type")
        if key == "funding" and "funding" in self.values:
            self.line(indent, f"{lead}{key}:{tail}", off)
            for year in self.values["funding"]:
                self.line(column + 2, f"- year: {year}", off)
                self.line(column + 4, "amount: 0", off)
            return
        if kind == "object" or "properties" in node:
            self.line(indent, f"{lead}{key}:{tail}", off)
            self.object(node, column + 2, off=off, parent=key)
        elif kind == "array":
            items = resolve(self.schema, node.get("items", {}))
            if items.get("type") == "object" or "properties" in items:
                self.line(indent, f"{lead}{key}:{tail}", off)
                self.object(items, column + 2, off=off, dash=True, parent=key)
            else:
                value = self.values.get(key, [])
                self.line(indent, f"{lead}{key}: [{', '.join(str(v) for v in value)}]{tail}", off)
        else:
            value = self.placeholder(key, node, parent)
            if value == "":
                text = '""'
            elif isinstance(value, str):
                text = one_line(value)
            else:
                text = "true" if value is True else str(value)
            self.line(indent, f"{lead}{key}: {text}{tail}", off)

    def object(
        self,
        node: dict[str, Any],
        indent: int,
        *,
        off: int | None = None,
        dash: bool = False,
        parent: str = "",
    ) -> None:
        """The fields of ``node`` at ``indent`` (the first after "- " when ``dash``)."""
        node = resolve(self.schema, node)
        required = set(node.get("required", []))
        for n, (key, child) in enumerate(node.get("properties", {}).items()):
            first = dash and n == 0
            at = indent if first or not dash else indent + 2
            field_off = off if off is not None else (None if key in required else at)
            self.emit(key, child, at, dash=first, off=field_off, parent=parent)


def new_lot(data: dict[str, Any], source_id: str, lang: str) -> str:
    """The lot block for ``source_id`` of ``data``, as text to paste under ``lots:``."""
    speaker = Speaker(lang)
    schema = declared()
    source = next(
        (s for s in data.get("sources") or [] if isinstance(s, dict) and s.get("id") == source_id), None
    )
    if source is None:
        raise LookupError(source_id)
    lots = [lot for lot in data.get("lots") or [] if isinstance(lot, dict) and lot.get("source") == source_id]
    numbers = [int(lot["number"]) for lot in lots if str(lot.get("number", "")).isdigit()]
    number = max(numbers, default=0) + 1
    ids = {lot.get("id") for lot in data.get("lots") or [] if isinstance(lot, dict)}
    lot_id = f"{source_id}-{number:02d}"
    while lot_id in ids:  # pragma: no cover - only if ids were not made from numbers
        number += 1
        lot_id = f"{source_id}-{number:02d}"
    years = [y for y in source.get("years") or [] if isinstance(y, int)]
    values = {
        "id": lot_id,
        "source": source_id,
        "number": str(number),
        "sectors": ", ".join(str(s.get("id")) for s in data.get("sectors") or [] if isinstance(s, dict)),
        "funding": years[:1] or [0],
        "start": years[0] if years else 0,
        "end": years[0] if years else 0,
    }
    skeleton = Skeleton(schema, speaker, values)
    header = [
        speaker.say(
            N_('A new lot of {source}: paste it at the end of the lots list, fill in every "" and 0,'),
            source=source_id,
        ),
        speaker.say(
            N_("remove the # before an optional field you fill in, and run: python -m grants validate")
        ),
        speaker.say(
            N_(
                "Add the lot's money to the source's declared_totals only if the document's totals include it."
            )
        ),
    ]
    skeleton.lines.extend(f"  # {comment(line)}" for line in header)
    skeleton.object(schema["$defs"]["lot"], 2, dash=True)
    return "\n".join(skeleton.lines) + "\n"
