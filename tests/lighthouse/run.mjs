// Lighthouse (mobile, its default) on each URL given, in one Chromium: Debian's, named by
// CHROME_PATH, never one downloaded. Prints one JSON object: per URL the category scores
// (0-100), the audits that lost points, and every address the browser asked for (so a
// test can check that nothing but the site was reached).
//
//   CHROME_PATH=/usr/bin/chromium node run.mjs [--categories=a,b] URL...
//
// Used by tests/test_lighthouse.py; installed with `npm ci` from package-lock.json.
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const args = process.argv.slice(2);
const option = args.find((arg) => arg.startsWith("--categories="));
const categories = option
  ? option.slice("--categories=".length).split(",")
  : ["performance", "accessibility", "best-practices", "seo"];
const urls = args.filter((arg) => !arg.startsWith("--"));

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
const results = [];
try {
  for (const url of urls) {
    const run = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
    });
    const lhr = run.lhr;
    const scores = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      if (id === "performance") continue; // measured, not a target
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const items = (audit.details && audit.details.items) || [];
          failing.push({
            category: id,
            id: ref.id,
            title: audit.title,
            items: items
              .slice(0, 5)
              .map((item) => (item.node && item.node.snippet) || item.url || item.description || item.source || item),
          });
        }
      }
    }
    const requested = new Set();
    for (const entry of run.artifacts.DevtoolsLog || []) {
      if (entry.method === "Network.requestWillBeSent") requested.add(entry.params.request.url);
    }
    results.push({
      url,
      final: lhr.finalDisplayedUrl,
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
      warnings: lhr.runWarnings,
      scores,
      failing,
      requested: [...requested],
    });
  }
} finally {
  chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
