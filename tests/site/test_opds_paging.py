"""The catalogs at the paper's scale: 350 issues per edition come in pages of PAGE_SIZE (OPDS 1.2
`rel="next"`/`previous`/`first`/`last`, OPDS 2 `currentPage`/`itemsPerPage`), with facets by edition and
by year; no feed ever holds an unlinked page. Entries made up here, in the shape `site-issue` writes."""

from __future__ import annotations

import json

from lxml import etree

from pipeline.site.archive import PAGE_SIZE, editions
from pipeline.site.opds import atom_catalogs, opds2_catalogs

ATOM = "{http://www.w3.org/2005/Atom}"
OPDS = "{http://opds-spec.org/2010/catalog}"


def entry(lang: str, n: int) -> dict:
    year = 2000 + n // 24
    return {"stem": f"{lang}-{n:03d}", "address": f"{lang}/v{n // 24}/n{n % 24:02d}/", "identifier": f"urn:uuid:{lang}-{n}",
            "title": f"Paper {lang} {n}", "publication": "Red Flag" if lang == "en" else "Bandera Roja",
            "language": lang, "volume": str(n // 24), "number": str(n % 24 + 1),
            "date_start": f"{year}-{1 + n % 12:02d}-01", "date_end": "", "date_text": "", "issue_line": f"No. {n}",
            "publisher": "The party", "rights": "", "downloads": "https://example.org/paper/", "description": "",
            "stories": [{"headline": f"Story {n}", "page": "s.html"}], "modified": "2000-01-01T00:00:00Z",
            "files": [{"href": "x.epub", "kind": "epub", "type": "application/epub+zip", "size": 1}],
            "cover": {"href": "cover.jpg", "width": 1600, "height": 2560},
            "thumbnails": [{"href": "thumbnail-200.jpg", "width": 200, "height": 320}]}


ENTRIES = [entry(lang, n) for lang in ("en", "es") for n in range(350)]


def walk_atom(feeds: dict, name: str) -> list[str]:
    """Every entry id of a feed, following rel="next" from its first page."""
    ids, seen = [], set()
    while name:
        assert name not in seen
        seen.add(name)
        root = etree.fromstring(feeds[name].encode())
        ids += [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]
        assert len(root.findall(f"{ATOM}entry")) <= PAGE_SIZE
        following = root.find(f"{ATOM}link[@rel='next']")
        name = following.get("href") if following is not None else None
    return ids


def test_atom_feeds_are_paged_and_every_issue_is_on_one_page():
    feeds = atom_catalogs(editions(ENTRIES), "Red Flag")
    en = walk_atom(feeds, "en.xml")
    assert len(en) == len(set(en)) == 350
    assert len(walk_atom(feeds, "all.xml")) == 700
    first = etree.fromstring(feeds["en.xml"].encode())
    assert first.find(f"{ATOM}link[@rel='last']").get("href") == f"en-p{-(-350 // PAGE_SIZE)}.xml"
    assert first.findtext("{http://a9.com/-/spec/opensearch/1.1/}totalResults") == "350"
    assert first.find(f"{ATOM}link[@rel='self']").get("href") == "https://example.org/paper/opds/en.xml"


def test_atom_facets_by_edition_and_year():
    feeds = atom_catalogs(editions(ENTRIES), "Red Flag")
    root = etree.fromstring(feeds["en.xml"].encode())
    facets = root.findall(f"{ATOM}link[@rel='http://opds-spec.org/facet']")
    groups = {f.get(f"{OPDS}facetGroup") for f in facets}
    assert groups == {"Edition", "Year"}
    years = [f for f in facets if f.get(f"{OPDS}facetGroup") == "Year"]
    assert [f.get("title") for f in years][:2] == ["2014", "2013"] and len(years) == 15
    active = [f.get("href") for f in facets if f.get(f"{OPDS}activeFacet") == "true"]
    assert active == ["en.xml"]
    year = walk_atom(feeds, "en-2013.xml")
    assert len(year) == 24 and all(y in walk_atom(feeds, "en.xml") for y in year)


def test_opds2_feeds_are_paged_with_facets():
    feeds = {name: json.loads(text) for name, text in opds2_catalogs(editions(ENTRIES)).items()}
    name, seen = "es.json", 0
    while name:
        page = feeds[name]
        assert page["metadata"]["numberOfItems"] == 350 and page["metadata"]["itemsPerPage"] == PAGE_SIZE
        seen += len(page["publications"])
        name = next((link["href"] for link in page["links"] if link["rel"] == "next"), None)
    assert seen == 350
    facets = {group["metadata"]["title"]: group["links"] for group in feeds["es.json"]["facets"]}
    assert set(facets) == {"Edición", "Año"} and facets["Año"][1]["properties"]["numberOfItems"] == 24
    assert feeds["es-p2.json"]["metadata"]["currentPage"] == 2
