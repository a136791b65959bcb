// Reads the site's catalogs as two real OPDS clients do and prints what each understood, as JSON:
// Thorium's parser (r2-opds-js, OPDS 1 converted to OPDS 2 as Thorium does, and OPDS 2) and NYPL's
// (opds-feed-parser, OPDS 1). Run by tests/site/test_opds_clients.py: node opds_clients.js FILE…
"use strict";
const fs = require("fs");
const path = require("path");
const modules = process.env.NODE_PATH_TOOLS;
const need = (name) => require(path.join(modules, name));
const { DOMParser } = need("@xmldom/xmldom");
const { XML } = need("r2-utils-js/dist/es8-es2017/src/_utils/xml-js-mapper");
const { TaJsonDeserialize } = need("r2-lcp-js/dist/es8-es2017/src/serializable");
const { OPDS } = need("r2-opds-js/dist/es8-es2017/src/opds/opds1/opds");
const { OPDSFeed } = need("r2-opds-js/dist/es8-es2017/src/opds/opds2/opds2");
const { convertOpds1ToOpds2 } = need("r2-opds-js/dist/es8-es2017/src/opds/converter");
need("r2-opds-js/dist/es8-es2017/src/opds/init-globals").initGlobalConverters_OPDS();
need("r2-shared-js/dist/es8-es2017/src/init-globals").initGlobalConverters_GENERIC();
const NyplParser = need("opds-feed-parser").default;

function thorium(feed) {
  return (feed.Publications || []).map((p) => ({
    title: p.Metadata.Title,
    published: p.Metadata.PublicationDate ? new Date(p.Metadata.PublicationDate).toISOString() : null,
    authors: (p.Metadata.Author || []).map((a) => a.Name),
    series: ((p.Metadata.BelongsTo && p.Metadata.BelongsTo.Series) || []).map((s) => [s.Name, s.Position]),
    acquisitions: (p.Links || []).filter((l) => (l.Rel || []).some((r) => r.startsWith("http://opds-spec.org/acquisition"))).length,
  }));
}

async function main() {
  const out = {};
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf8");
    const result = {};
    if (file.endsWith(".xml")) {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const opds1 = XML.deserialize(doc, OPDS);
      const converted = convertOpds1ToOpds2(opds1);
      result.thorium = { title: converted.Metadata.Title, next: (converted.Links || []).filter((l) => (l.Rel || []).includes("next")).map((l) => l.Href),
                         publications: thorium(converted), navigation: (converted.Navigation || []).length };
      const nypl = await new NyplParser().parse(text);
      result.nypl = { title: nypl.title, publications: (nypl.entries || []).filter((e) => e.issued !== undefined || e.links).map((e) => ({
        title: e.title, published: e.published || null, issued: e.issued || null,
        authors: (e.authors || []).map((a) => a.name), series: e.series ? [[e.series.name, e.series.position]] : [],
        acquisitions: (e.links || []).filter((l) => (l.rel || "").startsWith("http://opds-spec.org/acquisition")).length,
      })) };
    } else {
      const feed = TaJsonDeserialize(JSON.parse(text), OPDSFeed);
      result.thorium = { title: feed.Metadata.Title, next: (feed.Links || []).filter((l) => (l.Rel || []).includes("next")).map((l) => l.Href),
                         publications: thorium(feed), navigation: (feed.Navigation || []).length };
    }
    out[path.basename(file)] = result;
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((err) => { console.error(String(err && err.stack || err)); process.exit(1); });
