// Recall of the search index, in Node, through Pagefind's own JavaScript API (as a browser uses it):
//   node bench/search_recall.mjs SITE_DIR QUERIES.json
// QUERIES.json: [{"lang": "zh-hans" | "en", "q": "words", "want": "/activities/slug/", "kind": "title"}, ...]
// Prints JSON: per kind and language, how many queries found the page they want among all results, the
// misses (up to 50), the median and 95th percentile of a query's time (with the data of the 10 results a page
// shows), and the bytes a browser fetches for its first query in each language (pagefind.js included).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [site, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(await readFile(queriesFile, "utf-8"));

let fetched = 0;  // bytes the index has fetched so far
globalThis.fetch = async (url) => {  // the index's files read from the built folder, as the server would send them
  const relative = decodeURIComponent(String(url).split("?")[0]).replace(/^\/+/, "");
  const data = await readFile(path.join(site, relative));
  fetched += data.length;
  return new Response(data, { status: 200 });
};
const instances = {};
async function instance(lang) {  // one module per language: Pagefind takes the language from <html lang>
  if (!instances[lang]) {
    globalThis.document = { querySelector: () => ({ getAttribute: () => lang }), currentScript: null };
    const url = pathToFileURL(path.join(site, "pagefind", "pagefind.js")).href + `?lang=${lang}`;
    const pagefind = await import(url);
    await pagefind.options({ basePath: "/pagefind/", baseUrl: "/" });
    await pagefind.init();
    instances[lang] = pagefind;
  }
  return instances[lang];
}

const known = new Map();  // page id -> URL: common words find thousands of pages, each looked up once
async function urlOf(result) {
  if (!known.has(result.id)) known.set(result.id, (await result.data()).url);
  return known.get(result.id);
}

const tally = {}, misses = [], times = [], firstQuery = {};
const script = (await readFile(path.join(site, "pagefind", "pagefind.js"))).length;
for (const query of queries) {
  const before = fetched;
  const search = await instance(query.lang);
  const started = performance.now();
  const found = await search.search(query.q, query.filters ? { filters: query.filters } : {});
  await Promise.all(found.results.slice(0, 10).map((result) => result.data()));  // what the page shows
  times.push(performance.now() - started);
  // a browser's first query: pagefind.js, then what loading the index and answering fetched
  firstQuery[query.lang] ??= { query: query.q, bytes: script + fetched - before };
  const urls = await Promise.all(found.results.map(urlOf));
  const key = `${query.kind}/${query.lang}`;
  tally[key] ??= { asked: 0, found: 0 };
  tally[key].asked += 1;
  if (urls.includes(query.want)) tally[key].found += 1;
  else if (misses.length < 50) misses.push({ ...query, got: urls.slice(0, 3), count: urls.length });
}
times.sort((a, b) => a - b);
const at = (share) => times[Math.min(times.length - 1, Math.floor(share * times.length))];
for (const value of Object.values(tally)) value.recall = value.found / value.asked;
console.log(JSON.stringify({ tally, median_ms: at(0.5), p95_ms: at(0.95), first_query: firstQuery, misses }, null, 1));
process.exit(0);
