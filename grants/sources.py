"""The archived source documents, published with the site.

Each source's ``document`` (a path relative to the data file's folder, such as
``sources/taraz-2026/000_a649211321f9a7a4.txt``) is published at the same path
from the site's root, as it was archived, so anyone can download what the data
was transcribed from. A text document also gets a page of its numbered lines
(``sources/<id>/``, each line at ``#L<number>``): each lot page links to the
lines its row was read from. That page draws the lines in the browser from the
archived file, so the document's text is published once.

A document that is missing, or no longer has the checksum the data records,
stops the build: the site never links to evidence it does not carry.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

from grants.model import Dataset, Source


class SourceFileError(Exception):
    """An archived document is missing or is not the file the data records."""


def document_file(dataset: Dataset, source: Source) -> Path:
    if source.document is None:
        raise SourceFileError(f"{dataset.path}: source {source.id}: no document is recorded")
    folder = dataset.path.parent if dataset.path else Path.cwd()
    return folder / source.document


def _check(dataset: Dataset, source: Source) -> bytes:
    path = document_file(dataset, source)
    where = f"{dataset.path}: source {source.id}: document"
    if not path.is_file():
        raise SourceFileError(
            f"{where}: there is no file {source.document} beside the data file; archive the document "
            f"there (data/sources/{source.id}/) or correct the path"
        )
    content = path.read_bytes()
    if source.document_sha256 and hashlib.sha256(content).hexdigest() != source.document_sha256:
        raise SourceFileError(
            f"{where}: {source.document} is not the file the data records (its SHA-256 differs from "
            "document_sha256); an archived document is never edited: archive a new version beside it"
        )
    return content


_PAGE = """<!doctype html>
<html lang="kk">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; }}
header {{ padding: 1rem; border-bottom: 1px solid #ccc; }}
header p {{ margin: .25rem 0; }}
h1 {{ font-size: 1.2rem; margin: 0 0 .5rem; }}
a {{ color: #0b57d0; }}
code {{ overflow-wrap: anywhere; }}
main > p {{ padding: 0 1rem; }}
ol {{ margin: 0; padding: .5rem 1rem .5rem 4.5rem; font: 14px/1.5 ui-monospace, monospace; }}
li {{ white-space: pre-wrap; overflow-wrap: anywhere; padding: 0 .25rem; }}
li::marker {{ color: #555; }}
li:target, li.grant-target {{ background: #fff3b0; outline: 2px solid #c9a400; }}
@media (prefers-color-scheme: dark) {{
  body {{ color: #e8e8e8; background: #121212; }} a {{ color: #8ab4f8; }} li::marker {{ color: #aaa; }}
  li:target, li.grant-target {{ background: #4a3f00; }}
}}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{issuer}</p>
<p><a href="{file}" download>{name}</a> · SHA-256 <code>{sha256}</code></p>
<p><a href="../../">{home}</a></p>
</header>
<main>
<p id="grant-lines-wait">{wait}</p>
<ol id="grant-lines" data-src="{file}"></ol>
</main>
<script>
(function () {{
  // The document's lines, each at #L<number>, from the archived file itself: written
  // once, not a second time as a page (the lines pages were 86 MB of a 10,000-lot site).
  var list = document.getElementById("grant-lines"), wait = document.getElementById("grant-lines-wait");
  function mark() {{
    var old = list.querySelector(".grant-target"), line = document.getElementById(location.hash.slice(1));
    if (old) old.classList.remove("grant-target");
    if (line && line.parentNode === list) {{ line.classList.add("grant-target"); line.scrollIntoView(); }}
  }}
  fetch(list.getAttribute("data-src")).then(function (response) {{
    if (!response.ok) throw new Error(response.status);
    return response.text();
  }}).then(function (text) {{
    var lines = text.split("\\n"), all = document.createDocumentFragment();
    for (var i = 0; i < lines.length; i++) {{
      var item = document.createElement("li");
      item.id = "L" + (i + 1);
      item.textContent = lines[i].replace(/\\r$/, "") || " ";
      all.appendChild(item);
    }}
    list.appendChild(all);
    wait.hidden = true;
    mark();
    window.addEventListener("hashchange", mark);
  }}).catch(function () {{ wait.textContent = {failed}; }});
}})();
</script>
</body>
</html>
"""

#: Shown until the lines are drawn, and without JavaScript, which draws them: the file is linked above.
_WAIT = (
    "Құжат жолдары осында көрсетіледі. Көрінбесе, жоғарыдағы құжат файлын ашыңыз. / "
    "Строки документа показываются здесь. Если их не видно, откройте файл документа выше. / "
    "The document's lines appear here. If you do not see them, open the document file above."
)
_FAILED = (
    "Құжат жүктелмеді: жоғарыдағы файлды ашыңыз. / "
    "Документ не загрузился: откройте файл выше. / "
    "The document did not load: open the file above."
)


def lines_page(source: Source, content: bytes) -> bytes:
    """A page of the document's numbered lines, each at #L<number>. The lines are drawn in
    the browser from the archived file (every character as text, never markup), so the
    document's bytes are published once; without JavaScript the page says to open the file."""
    name = (source.document or "").rsplit("/", 1)[-1]
    page = _PAGE.format(
        title=html.escape(source.title.kk),
        issuer=html.escape(source.issuer.kk),
        file=html.escape(f"../../{source.document}", quote=True),
        name=html.escape(name),
        sha256=html.escape(source.document_sha256 or hashlib.sha256(content).hexdigest()),
        home="Басты бет / Главная / Home",
        wait=html.escape(_WAIT),
        failed=json.dumps(_FAILED, ensure_ascii=False),
    )
    return page.encode("utf-8")


def files(dataset: Dataset) -> dict[str, bytes]:
    """Every file to publish for the archived documents, by its path from the site's root."""
    out: dict[str, bytes] = {}
    for source in dataset.sources:
        if not source.document:
            continue
        content = _check(dataset, source)
        out[source.document] = content
        if source.document.endswith(".txt"):
            out[f"sources/{source.id}/index.html"] = lines_page(source, content)
    return out
