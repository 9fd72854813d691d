"""The search dialog shows a long list of results a few at a time, as a reader on a phone
needs it: the first 5, then 10 more at each "Show more" ("Тағы көрсету"), until all are
shown and the button goes. Every result is a request for its page's fragment, so fewer at
first is a quicker first screen (overrides/assets/javascripts/grant-search.js).

On the synthetic site of ``paged`` (conftest.py): a year finds every lot funded that year,
far more lots than 5 + 10 + 10.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from conftest import Visits

pytestmark = pytest.mark.browser

FIRST, MORE = 5, 10
#: What the Kazakh dialog's button and count say.
SHOW_MORE = "Тағы көрсету"
COUNT = re.compile(r"^(\d[\d\s]*) нәтиже$")
WAIT_MS = 15_000


def test_search_shows_five_results_then_ten_more_at_each_show_more(paged, browser) -> None:
    from playwright.sync_api import expect  # installed where the browser fixture did not skip

    url, dataset = paged
    year, _ = Counter(funding.year for lot in dataset.lots for funding in lot.funding).most_common(1)[0]
    funded = {lot.id for lot in dataset.lots if any(funding.year == year for funding in lot.funding)}
    assert len(funded) > FIRST + 2 * MORE, "too few lots for the search to need two 'Show more's"

    visits = Visits(browser, url)
    try:
        page = visits.open("/")
        page.locator("header .grant-search__open").click()
        dialog = page.locator("dialog.grant-search")
        dialog.locator("input[type=search]").fill(str(year))
        status = dialog.locator(".grant-search__status")
        # The first query loads Pagefind's worker and index: slow on a busy machine.
        expect(status).to_have_text(COUNT, timeout=30_000)
        total = int(re.sub(r"\s", "", COUNT.match(status.inner_text().strip())[1]))
        assert total >= len(funded)

        results = dialog.locator(".grant-search__result")
        more = dialog.get_by_role("button", name=SHOW_MORE)
        expect(more).to_be_visible()
        assert results.count() == FIRST  # the count is told once the first results are in
        shown = FIRST
        while shown < total:
            more.click()  # hides the button until the next results are in
            shown = min(shown + MORE, total)
            if shown < total:
                expect(more).to_be_visible(timeout=WAIT_MS)
                assert results.count() == shown
            else:
                expect(results).to_have_count(total, timeout=WAIT_MS)
        expect(more).to_be_hidden()

        paths = [urlsplit(href).path for href in results.locator("a.grant-search__link").evaluate_all(
            "links => links.map(a => a.href)"
        )]  # fmt: skip
        assert len(set(paths)) == total, "a result is shown twice"
        found = {path.split("/")[2] for path in paths if path.startswith("/lots/")}
        assert funded <= found, f"{year}: {sorted(funded - found)[:5]} not found"
        visits.assert_clean()
    finally:
        visits.close()
