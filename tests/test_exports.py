"""The downloads carry the same numbers the pages show, and describe themselves
(on the fictitious fixture's site: tests of the code, not of the real data)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import FICTITIOUS, parse_html
from frictionless import validate
from jsonschema import Draft202012Validator

from grants import load_dataset
from grants.export import csv_fields
from grants.i18n import translations

pytestmark = pytest.mark.site

DATASET = load_dataset(FICTITIOUS)


def _amount(cell: str) -> int | None:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else None


def _lot_index_amounts(site) -> dict[str, dict[str, int]]:
    """Each lot card's money per year, from every page of the lot index."""
    out = {}
    pages = [site / "lots" / "index.html", *sorted((site / "lots" / "page").glob("*/index.html"))]
    for page in pages:
        soup = parse_html(page)
        for card in soup.select("li.grant-lot-card"):
            out[card["id"].removeprefix("lot-")] = {
                li["data-year"]: _amount(li.select_one(".grant-num").get_text())
                for li in card.select("[data-year]")
            }
    return out


def test_data_package_is_valid(fixture_site):
    report = validate(fixture_site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_csv_opens_in_excel_and_holds_the_pages_numbers(fixture_site):
    raw = (fixture_site / "data" / "grants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs to read UTF-8
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    pages = _lot_index_amounts(fixture_site)
    assert [r["id"] for r in rows] == list(pages)
    years = [name.removeprefix("funding_") for name in rows[0] if name[len("funding_") :].isdigit()]
    for row in rows:
        for year in years:
            assert _amount(row[f"funding_{year}"]) == pages[row["id"]].get(year), (row["id"], year)
    for row, lot in zip(rows, DATASET.lots, strict=True):
        assert row["priority"] == lot.priority.kk
        assert row["funding_total"] == str(lot.total)
        assert row["results"].splitlines() == [f"{i}. {r.kk}" for i, r in enumerate(lot.results, start=1)]


def test_json_totals_match_the_totals_page(fixture_site):
    data = json.loads((fixture_site / "data" / "grants.json").read_text(encoding="utf-8"))
    soup = parse_html(fixture_site / "totals" / "index.html")
    page = {
        tr.th.get_text(strip=True): _amount(tr.td.get_text().split("(")[0])
        for tr in soup.select("#table-by-year tbody tr")
    }
    assert {str(y["year"]): y["amount"] for y in data["totals"]["by_year"]} == page
    assert page == {str(y.year): y.amount for y in DATASET.total_by_year()}
    assert data["totals"]["total"] == sum(lot.total for lot in DATASET.lots)


def test_json_validates_against_the_published_schema(fixture_site):
    schema = json.loads((fixture_site / "data" / "grants.schema.json").read_text(encoding="utf-8"))
    data = json.loads((fixture_site / "data" / "grants.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []
    lot_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/lot"}
    for lot in data["lots"]:
        single = json.loads(
            (fixture_site / "data" / "lots" / f"{lot['id']}.json").read_text(encoding="utf-8")
        )
        assert single["lot"] == lot
        assert single["total"] == sum(f["amount"] for f in lot["funding"])
        assert list(Draft202012Validator(lot_schema).iter_errors(single["lot"])) == []


def test_json_downloads_are_written_without_spaces_and_hold_the_data(fixture_site):
    """grants.json and lots/<id>.json are the data as JSON on one line each (no indentation: a
    tenth of their bytes), the same objects the export makes; the small Data Package stays
    laid out for reading."""
    from grants import export

    folder = fixture_site / "data"
    raw = (folder / "grants.json").read_text(encoding="utf-8")
    assert raw.count("\n") == 1 and raw.endswith("}\n") and '": ' not in raw
    assert json.loads(raw) == json.loads(json.dumps(export.dataset_dict(DATASET), ensure_ascii=False))
    for lot in DATASET.lots:
        single = (folder / "lots" / f"{lot.id}.json").read_text(encoding="utf-8")
        assert single.count("\n") == 1
        assert json.loads(single) == json.loads(json.dumps(export.lot_document(lot), ensure_ascii=False))
    assert (folder / "datapackage.json").read_text(encoding="utf-8").startswith('{\n  "name": ')


def test_every_data_page_links_to_the_downloads(fixture_site):
    for url in ("", "lots/", "totals/", f"lots/{DATASET.lots[-1].id}/", f"sectors/{DATASET.sectors[-1].id}/"):
        html = (fixture_site / url / "index.html").read_text(encoding="utf-8")
        soup = parse_html(html)
        links = [a["href"] for a in soup.select("a.grant-download")]
        assert links, url
        for href in links:
            target = (fixture_site / url / href).resolve()
            assert target.is_file(), (url, href)


def test_downloads_page_explains_every_csv_column(fixture_site):
    soup = parse_html(fixture_site / "downloads" / "index.html")
    explained = [td.get_text(strip=True) for td in soup.select("#table-csv-fields tbody td:first-child")]
    header = (fixture_site / "data" / "grants.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert explained == header
    json_fields = [td.get_text(strip=True) for td in soup.select("#table-json-fields tbody td:first-child")]
    assert "lots[].funding[].amount" in json_fields
    assert "lots[].indicators[].target.comparison" in json_fields


def _meaning_rows(site, prefix: str, lang: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each field table's rows on the Downloads page at ``prefix``: (field, title, description),
    each read as being in ``lang`` (its nearest lang attribute, no other inside it)."""
    soup = parse_html(site / prefix / "downloads" / "index.html")
    out = {}
    for table in ("table-csv-fields", "table-json-fields"):
        rows = []
        for tr in soup.select(f"#{table} tbody tr"):
            meaning = tr.select("td")[-1]
            assert meaning.find_parent(lang=True)["lang"] == lang and not meaning.find_all(lang=True)
            title = meaning.strong.get_text(" ", strip=True).removesuffix(".")
            description = meaning.get_text(" ", strip=True).removeprefix(
                meaning.strong.get_text(" ", strip=True)
            )
            rows.append((tr.td.get_text(strip=True), title, description.strip()))
        out[table] = rows
    return out


#: Three Latin words in a row: an English phrase (field codes such as in_progress stand alone).
ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]+ [A-Za-z]+ [A-Za-z]+\b")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_downloads_page_explains_every_field_in_the_pages_language(fixture_site, lang):
    """The kk and ru Downloads pages: every column's and field's title and description in the
    page's language, from the schema catalog; the English page keeps the published words."""
    english = _meaning_rows(fixture_site, "en/", "en")
    page = _meaning_rows(fixture_site, "" if lang == "kk" else f"{lang}/", lang)
    gettext = translations(lang, "schema").gettext
    assert [title for _, title, _ in english["table-csv-fields"]] == [f["title"] for f in csv_fields(DATASET)]
    columns = {f["name"]: f["title"] for f in csv_fields(DATASET, lang)}
    assert columns["territory"] == gettext("{title} (kk)").format(title=gettext("Territory"))
    assert columns["funding_total"] == gettext("Funding, all years, KZT")
    for table in ("table-csv-fields", "table-json-fields"):
        assert [field for field, _, _ in page[table]] == [field for field, _, _ in english[table]]
        assert len(page[table]) > 25
        for (field, title, description), (_, en_title, en_description) in zip(
            page[table], english[table], strict=True
        ):
            if table == "table-csv-fields":  # a text's column: its title and "(kk)" in the language
                assert title == columns[field], field
            else:
                assert title == gettext(en_title), field
            assert title != en_title, field
            assert description != en_description, field
            assert not ENGLISH_PHRASE.search(description), (field, description)
    page_file = fixture_site / ("" if lang == "kk" else f"{lang}/") / "downloads" / "index.html"
    soup = parse_html(page_file)
    types = [td.get_text(strip=True) for td in soup.select("#table-csv-fields tbody td:nth-of-type(2)")]
    assert "string" not in types and "integer" not in types


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_downloads_page_gives_each_files_size_as_published(fixture_site, lang):
    """The Downloads page of every language says how big grants.csv and grants.json are, and
    says it of the files the site publishes (the build lets go of their bytes once written,
    before the other languages' pages: the sizes must still be theirs)."""
    root = fixture_site if lang == "kk" else fixture_site / lang
    soup = parse_html(root / "downloads" / "index.html")
    for name in ("grants.csv", "grants.json"):
        link = soup.select_one(f'a[href$="data/{name}"]')
        assert link is not None, (lang, name)
        said = re.search(r"\(([\d\s\u00a0\u202f,.]+) B\)", link.parent.get_text())
        assert said, (lang, name, link.parent.get_text())
        assert int(re.sub(r"\D", "", said[1])) == (fixture_site / "data" / name).stat().st_size, (lang, name)
