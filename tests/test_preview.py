"""`python -m grants preview BASE HEAD --out DIR`: the pages of the lots a pull request adds
or changes, as files its reviewer opens from a downloaded folder.

On a throwaway git repository of the fictitious fixture, its second list's lots kept in a
lot file (data/lots/<source>.yaml): a first commit, then a second that raises an amount of
one lot (with its list's declared total) and adds a lot, with hostile text, to the lot file.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import FICTITIOUS, ROOT, copy_data, edit, folded, git, parse_html, run_grants

from grants.formatting import money
from grants.i18n import LOCALE_DIR

LANGS = ("kk", "ru")
#: Text a contributor could paste: it must reach the page as text, never as markup or a request.
HOSTILE = (
    '<script>alert(1)</script><img src="https://evil.example/i.png"> '
    '<link rel="stylesheet" href="https://evil.example/s.css"> {{ 7*7 }}'
)
#: What a file may link to (and only from an <a>): a place in the page, another site, or a file of the preview.
LINK_OK = re.compile(r"^(#|https?://|mailto:)")
#: Elements that make a browser fetch something.
FETCHING = ["script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "track", "base"]


def _lots(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["lots"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("repo")
    data = copy_data(FICTITIOUS, folder / "data")
    raw = yaml.safe_load(data.read_text(encoding="utf-8"))
    # The second list's lots move to a lot file, as a maintainer keeps a new list.
    second = raw["sources"][1]["id"]
    text = data.read_text(encoding="utf-8")
    head, lots = text.split("\nlots:\n", 1)
    blocks = re.split(r"(?m)^(?=  - id: )", lots)
    moved = [b for b in blocks if re.search(rf"(?m)^    source: {re.escape(second)}$", b)]
    assert moved, "the fixture's second list has lots"
    kept = [b for b in blocks if b not in moved]
    head = head.replace(f"  - id: {second}\n", f"  - id: {second}\n    lots_file: lots/{second}.yaml\n", 1)
    data.write_text(head + "\nlots:\n" + "".join(kept), encoding="utf-8")
    lot_file = data.parent / "lots" / f"{second}.yaml"
    lot_file.parent.mkdir()
    lot_file.write_text("lots:\n" + "".join(moved), encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", ".", cwd=folder)
    git("commit", "-q", "-m", "base", cwd=folder, date="2031-03-01T10:00:00+05:00")

    # An amount raised, with its list's declared total.
    lot = _lots(data)[0]
    year, old = lot["funding"][0]["year"], lot["funding"][0]["amount"]
    new = old + 300_000
    start = data.read_text(encoding="utf-8").index(f"  - id: {lot['id']}\n")
    text = data.read_text(encoding="utf-8")
    entry = f"      - year: {year}\n        amount: {old}\n"
    at = text.index(entry, start)
    text = text[:at] + entry.replace(str(old), str(new)) + text[at + len(entry) :]
    source = next(s for s in raw["sources"] if s["id"] == lot["source"])
    total = next(t["amount"] for t in source["declared_totals"] if t["year"] == year)
    text = text.replace(
        f"      - year: {year}\n        amount: {total}\n",
        f"      - year: {year}\n        amount: {total + 300_000}\n",
        1,
    )
    data.write_text(text, encoding="utf-8")

    # A lot added to the lot file, its priority written by someone hostile.
    template = moved[0]
    old_id = re.search(r"(?m)^  - id: (\S+)$", template)[1]
    added_id = f"{second}-77"
    block = template.replace(f"  - id: {old_id}\n", f"  - id: {added_id}\n", 1)
    block = re.sub(r'(?m)^    number: "?[^"\n]*"?$', '    number: "77"', block, count=1)
    block = re.sub(
        r"(?m)^    priority:\n      kk: .*$",
        "    priority:\n      kk: "
        + yaml.safe_dump(HOSTILE, allow_unicode=True, width=10_000).splitlines()[0],
        block,
        count=1,
    )
    lot_file.write_text(lot_file.read_text(encoding="utf-8") + block, encoding="utf-8")
    added = next(x for x in _lots(lot_file) if x["id"] == added_id)
    assert added["priority"]["kk"] == HOSTILE
    second_total = sum(f["amount"] for x in _lots(lot_file) for f in x["funding"])
    second_year = raw["sources"][1]["declared_totals"][0]["year"]
    declared = raw["sources"][1]["declared_totals"][0]["amount"]
    edit(
        data,
        f"      - year: {second_year}\n        amount: {declared}\n",
        f"      - year: {second_year}\n        amount: {second_total}\n",
    )
    git("add", ".", cwd=folder)
    git("commit", "-q", "-m", "an amount raised, a lot added", cwd=folder, date="2031-03-05T10:00:00+05:00")
    return {
        "folder": folder,
        "data": data,
        "changed": lot["id"],
        "added": added_id,
        "old": old,
        "new": new,
        "year": year,
    }


def grants_in(repo: dict, *args: str) -> subprocess.CompletedProcess:
    """``python -m grants ARGS`` in the repository's folder."""
    return run_grants(*args, cwd=repo["folder"], env={"PYTHONPATH": str(ROOT)})


def preview(repo: dict, out: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as the pull-request workflow runs it, in the repository's folder."""
    return grants_in(repo, "preview", "HEAD~1", "HEAD", "--out", str(out), *args)


@pytest.fixture(scope="module")
def out(repo, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("preview")
    check = grants_in(repo, "validate", "data/grants.yaml")
    assert check.returncode == 0, check.stderr  # the fixture's change is one a maintainer could make
    result = preview(repo, folder, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "2 lots previewed" in result.stdout and str(folder / "index.html") in result.stdout
    return folder


def page(out: Path, name: str) -> BeautifulSoup:
    return parse_html(out / name)


def test_one_file_per_added_or_changed_lot_and_language_and_an_index(repo, out):
    expected = {f"{lot}.{lang}.html" for lot in (repo["changed"], repo["added"]) for lang in LANGS}
    assert {p.name for p in out.iterdir()} == expected | {"index.html"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_changed_amount_shows_as_the_page_shows_money(repo, out, lang):
    doc = page(out, f"{repo['changed']}.{lang}.html")
    assert doc.html["lang"] == lang
    (line,) = [
        li
        for li in doc.select(".grant-funding li")
        if folded(li.select_one(".grant-funding__year")) == str(repo["year"])
    ]
    assert folded(line.select_one("strong")) == money(repo["new"], lang).replace("\u00a0", " ")
    # The note above the page tells the change itself: before → after.
    note = folded(doc.select_one(".grant-preview-bar"))
    said = f"{money(repo['old'], lang)} → {money(repo['new'], lang)}".replace("\u00a0", " ")
    assert f"{repo['year']}: {said}" in note


def test_the_index_lists_each_lot_with_what_changed_in_both_languages(repo, out):
    doc = page(out, "index.html")
    for lang in LANGS:
        section = doc.select_one(f"section#{lang}[lang={lang}]")
        links = {a["href"] for a in section.select("a[href]")}
        assert {f"{repo['changed']}.{lang}.html", f"{repo['added']}.{lang}.html"} <= links
        told = folded(section)
        assert f"{money(repo['old'], lang)} → {money(repo['new'], lang)}".replace("\u00a0", " ") in told


@pytest.mark.parametrize("name", ["index.html", *(f"{{added}}.{lang}.html" for lang in LANGS)])
def test_hostile_text_stays_text(repo, out, name):
    html = (out / name.format(added=repo["added"])).read_text(encoding="utf-8")
    doc = parse_html(html)
    assert HOSTILE in doc.get_text()  # shown, as written
    assert "<script" not in html and 'evil.example/s.css">' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_file_fetches_anything_or_links_where_a_folder_has_nothing(repo, out):
    names = {p.name for p in out.iterdir()}
    for path in out.iterdir():
        doc = page(out, path.name)
        assert doc.find_all(FETCHING) == [], path.name
        assert doc.find_all(attrs={"src": True}) == [] and doc.find_all(attrs={"srcset": True}) == []
        css = "".join(style.get_text() for style in doc.find_all("style"))
        assert css and "url(" not in css and "@import" not in css, path.name
        assert not doc.find_all(style=re.compile("url", re.I))
        policy = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "default-src 'none'" in policy
        for a in doc.find_all(href=True):
            assert a.name == "a", path.name
            href = a["href"]
            assert LINK_OK.match(href) or href in names, f"{path.name}: {href}"


def test_messages_are_translated_and_told_in_the_maintainers_language(repo, tmp_path):
    for lang in LANGS:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "preview.po").open("rb") as stream:
            catalog = read_po(stream, locale=lang)
        for message in catalog:
            if message.id:
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                assert all(strings), (lang, message.id)
                names = set(
                    re.findall(r"\{\w+\}", message.id if isinstance(message.id, str) else message.id[0])
                )
                assert all(set(re.findall(r"\{\w+\}", s)) == names for s in strings), (lang, message.id)
    result = preview(repo, tmp_path / "kk", "--lang", "kk")
    assert result.returncode == 0 and "previewed" not in result.stdout and "index.html" in result.stdout
    missing = grants_in(
        repo, "preview", "HEAD~1", "no-such-branch", "--out", str(tmp_path / "x"), "--lang", "ru"
    )
    assert missing.returncode == 1
    assert "no-such-branch" in missing.stderr and "python -m grants validate" in missing.stderr
    assert "предпросмотр" in missing.stderr
    # Data the validator would refuse (a lot's sector that does not exist): told, nothing written.
    bad = tmp_path / "bad.yaml"
    text = FICTITIOUS.read_text(encoding="utf-8")
    sector = re.search(r"(?m)^    sector: (\S+)$", text)[1]
    bad.write_text(
        text.replace(f"    sector: {sector}\n", "    sector: no-such-sector\n", 1), encoding="utf-8"
    )
    refused = grants_in(
        repo, "preview", str(FICTITIOUS), str(bad), "--out", str(tmp_path / "y"), "--lang", "kk"
    )
    assert refused.returncode == 1 and not (tmp_path / "y").exists()
    assert "no-such-sector" in refused.stderr and "тексеруден өтпейді" in refused.stderr


# --- in a browser, from file:// -----------------------------------------------------------------


@pytest.mark.browser
def test_a_preview_page_opened_from_a_folder_fits_a_phone(repo, out, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        for name in (f"{repo['changed']}.ru.html", f"{repo['added']}.kk.html", "index.html"):
            url = (out / name).as_uri()
            tab.goto(url)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 390, name
            wide = tab.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390.5)"
                ".map(e => e.tagName + '.' + e.className)"
            )
            assert wide == [], name
            smallest = tab.evaluate(
                "Math.min(...[...document.querySelectorAll('body *')]"
                ".filter(e => e.offsetWidth && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"
                ".map(e => parseFloat(getComputedStyle(e).fontSize)))"
            )
            assert smallest >= 12, (name, smallest)
            assert tab.locator("h1").first.is_visible()
        assert [u for u in requests if not u.startswith("file://")] == []
    finally:
        context.close()


def test_the_pull_request_workflow_runs_this_command_and_uploads_what_it_writes(repo, tmp_path):
    """The workflow's own `grants preview` line, run here on the fixture's two commits."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["diff"]["steps"]
    (script,) = [s["run"] for s in steps if "grants preview" in s.get("run", "")]
    words = shlex.split(script.replace("\\\n", " "))
    assert words[:4] == [".venv/bin/python", "-m", "grants", "preview"]
    out = words[words.index("--out") + 1]
    assert out == "$RUNNER_TEMP/preview"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "${{ runner.temp }}/preview"
    assert upload["with"]["if-no-files-found"] == "error"
    options = [w for w in words[6:] if w not in ("--out", out)]
    args = [w.replace("origin/${BASE_REF}", "HEAD~1") for w in words[4:6]]
    result = grants_in(repo, "preview", *args, "--out", str(tmp_path / "p"), *options)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "index.html").is_file()
    assert {p.name for p in (tmp_path / "p").iterdir()} >= {f"{repo['added']}.{lang}.html" for lang in LANGS}
