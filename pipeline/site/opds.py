"""The OPDS catalogs e-reader apps browse, from the entries: OPDS 1.2 (Atom) `opds/root.xml` (navigation)
→ `<lang>.xml` per edition and `all.xml` (complete, crawlable), and the same in OPDS 2.0 (JSON). Every
acquisition feed comes in pages of PAGE_SIZE issues (`<lang>-p2.xml`, rel="next"/"previous"/"first"/
"last"; OPDS 2 `currentPage`, `itemsPerPage`), with facets by edition and by year (`<lang>-2025.xml`).

Each entry carries what the clients read: its dates (Atom `published`, which Thorium shows, and
`dc:issued`), its author, and its series (`schema:Series` in Atom, `belongsTo.series` in OPDS 2). Where
the publication gives its `downloads` address, `self` links are absolute (Palace's reader needs them)."""

from __future__ import annotations

import json
import uuid
from html import escape
from xml.sax.saxutils import quoteattr

from ..lang.labels import label, site_label
from .archive import ATOM_ACQ, ATOM_NAV, LEAD_STORIES, OPDS2, PAGE_SIZE, Edition, as_number, index_name, sort_key
from .words import isolated

CATALOG_NAMESPACE = uuid.UUID("4f0d7a52-6b55-4b8e-9e0a-4a3c1f6d2b10")  # the catalogs' own ids
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
FACET = "http://opds-spec.org/facet"
UNDATED = "undated"


def updated_of(entry: dict) -> str:
    """Atom's `updated` of an issue: its first date, else its EPUB's own stamp (fixed: never the clock)."""
    return f"{entry['date_start']}T00:00:00Z" if entry["date_start"] else entry["modified"]


def catalog_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(CATALOG_NAMESPACE, '/'.join(parts))}"


def summary_of(entry: dict) -> str:
    """The catalogs' summary: the lead stories (`Lead stories: A; B; C.`), else the description."""
    lead = "; ".join(isolated(s["headline"]) for s in entry["stories"][:LEAD_STORIES])
    return f"{label(entry['language'], 'lead_stories')}: {lead}." if lead else entry["description"]


def _position(entry: dict):
    """The issue's place in its series (as the EPUB says it: volume × 100 + number), or None."""
    volume, number = as_number(entry["volume"]), as_number(entry["number"])
    if number is None:
        return None
    return int(volume) * 100 + number if volume is not None else number


def published_base(entries) -> str:
    """The site's published address (`downloads`, with one trailing slash), where every issue agrees."""
    bases = {e["downloads"].rstrip("/") for e in entries if e.get("downloads")}
    return f"{bases.pop()}/" if len(bases) == 1 else ""


def _year(entry: dict) -> str:
    return entry["date_start"][:4] if entry["date_start"] else UNDATED


# --------------------------------------------------------------------------------------------------
# Which feeds there are: (file stem, title, entries) for each edition, each edition's years, and all


def _feeds(all_editions: list[Edition]) -> list[tuple[str, str, str, list[dict]]]:
    """(stem, language, title, entries newest first) of every acquisition feed, before paging."""
    out = []
    everything = sorted((e for ed in all_editions for e in ed.entries), key=sort_key)
    lang0 = all_editions[0].language
    out.append(("all", lang0, f"{all_editions[0].name} — {site_label(lang0, 'complete')}", everything))
    for edition in all_editions:
        lang = edition.language
        out.append((lang, lang, f"{edition.name} — {site_label(lang, 'edition')}", list(edition.entries)))
        for year in sorted({_year(e) for e in edition.entries}, reverse=True):
            items = [e for e in edition.entries if _year(e) == year]
            name = year if year != UNDATED else site_label(lang, "undated")
            out.append((f"{lang}-{year}", lang, f"{edition.name} — {name}", items))
    return out


def _pages(stem: str, items: list[dict]) -> list[tuple[str, list[dict]]]:
    """A feed's pages: `stem`, `stem-p2`, … of PAGE_SIZE entries each."""
    chunks = [items[k:k + PAGE_SIZE] for k in range(0, len(items), PAGE_SIZE)] or [[]]
    return [(stem if n == 0 else f"{stem}-p{n + 1}", chunk) for n, chunk in enumerate(chunks)]


def _facets(all_editions: list[Edition], lang: str, active: str) -> list[tuple[str, str, str, str, int]]:
    """(group, title, feed stem, language, count) of every facet a feed of edition `lang` offers."""
    out = [(site_label(lang, "facet_edition"), f"{e.name} — {site_label(e.language, 'edition')}", e.language,
            e.language, len(e.entries)) for e in all_editions]
    edition = next(e for e in all_editions if e.language == lang)
    for year in sorted({_year(e) for e in edition.entries}, reverse=True):
        count = sum(1 for e in edition.entries if _year(e) == year)
        out.append((site_label(lang, "facet_year"), year if year != UNDATED else site_label(lang, "undated"),
                    f"{lang}-{year}", lang, count))
    return out


# --------------------------------------------------------------------------------------------------
# OPDS 1.2


def _atom_entry(entry: dict) -> str:
    base = f"../{entry['address']}"
    lines = [
        "<entry>",
        f"<title>{escape(isolated(entry['title']))}</title>",
        f"<id>{escape(entry['identifier'])}</id>",
        f"<updated>{updated_of(entry)}</updated>",
    ]
    if entry["date_start"]:
        lines.append(f"<published>{entry['date_start']}T00:00:00Z</published>")
    author = entry["publisher"] or entry["publication"]
    if author:
        lines.append(f"<author><name>{escape(author)}</name></author>")
    if entry["rights"]:
        lines.append(f"<rights>{escape(entry['rights'])}</rights>")
    lines += [f"<dc:identifier>{escape(entry['identifier'])}</dc:identifier>",
              f"<dc:language>{escape(entry['language'])}</dc:language>"]
    if entry["date_start"]:
        lines.append(f"<dc:issued>{entry['date_start']}</dc:issued>")
    if entry["publisher"]:
        lines.append(f"<dc:publisher>{escape(entry['publisher'])}</dc:publisher>")
    if entry["issue_line"]:
        lines.append(f"<dc:bibliographicCitation>{escape(entry['issue_line'])}</dc:bibliographicCitation>")
    if entry["publication"]:
        # The series, twice: Palace and NYPL's parser read schema.org as `http://schema.org/` (and the
        # name unprefixed), Thorium's (r2-opds-js) as `http://schema.org`; one element in each.
        position = _position(entry)
        at = f' schema:position="{position}"' if position is not None else ""
        name, url = quoteattr(entry["publication"]), quoteattr("../" + index_name(entry["language"]))
        lines.append(f"<schema:Series name={name} schema:name={name}{at} schema:url={url}/>")
        lines.append(f"<r2:Series r2:name={name}{at.replace('schema:', 'r2:')} r2:url={url}/>")
    summary = summary_of(entry)
    if summary:
        lines.append(f'<summary type="text">{escape(summary)}</summary>')
    content = ". ".join(part for part in (entry["issue_line"], entry["description"] if entry["description"] != summary else "")
                        if part)
    if content:
        lines.append(f'<content type="text">{escape(isolated(content))}</content>')
    lines += [
        f'<link rel="http://opds-spec.org/image" href={quoteattr(base + "cover.jpg")} type="image/jpeg"/>',
        f'<link rel="http://opds-spec.org/image/thumbnail" href={quoteattr(base + entry["thumbnails"][-1]["href"])} '
        'type="image/jpeg"/>',
        f'<link rel="alternate" href={quoteattr(base + "index.html")} type="text/html"/>',
    ]
    for f in entry["files"]:
        if f["kind"] == "html":
            continue
        title = site_label(entry["language"], f["kind"])
        lines.append(f'<link rel="{OPEN_ACCESS}" href={quoteattr(base + f["href"])} type="{f["type"]}" '
                     f'length="{f["size"]}" title={quoteattr(title)}/>')
    lines.append("</entry>")
    return "\n".join(lines)


def _atom_feed(kind: str, ident: str, title: str, updated: str, self_href: str, body: str, lang: str,
               extra_links: str = "", author: str = "", base: str = "", paging: str = "") -> str:
    self_link = f"{base}opds/{self_href}" if base else self_href
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" '
            f'xmlns:opds="http://opds-spec.org/2010/catalog" xmlns:schema="http://schema.org/" xmlns:r2="http://schema.org" '
            f'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:thr="http://purl.org/syndication/thread/1.0" '
            f'xml:lang="{escape(lang)}">\n'
            f"<id>{ident}</id>\n<title>{escape(title)}</title>\n<updated>{updated}</updated>\n"
            + (f"<author><name>{escape(author)}</name></author>\n" if author else "")
            + f'<link rel="self" href="{escape(self_link)}" type="{kind}"/>\n'
            f'<link rel="start" href="root.xml" type="{ATOM_NAV}"/>\n{paging}{extra_links}{body}\n</feed>\n')


def _paging(pages: list[str], n: int, suffix: str, media_type: str) -> list[tuple[str, str]]:
    """(rel, href) of a page's links to the first, previous, next and last pages of its feed."""
    if len(pages) == 1:
        return []
    out = [("first", pages[0] + suffix), ("last", pages[-1] + suffix)]
    if n > 0:
        out.append(("previous", pages[n - 1] + suffix))
    if n + 1 < len(pages):
        out.append(("next", pages[n + 1] + suffix))
    return out


def atom_catalogs(all_editions: list[Edition], key: str) -> dict[str, str]:
    """`opds/root.xml` (navigation) → every acquisition feed, paged, with facets."""
    everything = [e for ed in all_editions for e in ed.entries]
    newest = max(updated_of(e) for e in everything)
    base = published_base(everything)
    name = all_editions[0].name
    out = {}
    for stem, lang, title, items in _feeds(all_editions):
        pages = _pages(stem, items)
        publisher = next((e["publisher"] for e in items if e["publisher"]), "") or name
        facets = "".join(
            f'<link rel="{FACET}" href="{facet}.xml" type="{ATOM_ACQ}" title={quoteattr(ftitle)} '
            f'opds:facetGroup={quoteattr(group)} thr:count="{count}"'
            + (' opds:activeFacet="true"' if facet == stem else "") + "/>\n"
            for group, ftitle, facet, _, count in (_facets(all_editions, lang, stem) if stem != "all" else ()))
        for n, (page, chunk) in enumerate(pages):
            paging = "".join(f'<link rel="{rel}" href="{href}" type="{ATOM_ACQ}"/>\n'
                             for rel, href in _paging([p for p, _ in pages], n, ".xml", ATOM_ACQ))
            paging += (f"<opensearch:totalResults>{len(items)}</opensearch:totalResults>\n"
                       f"<opensearch:itemsPerPage>{PAGE_SIZE}</opensearch:itemsPerPage>\n")
            extra = f'<link rel="up" href="root.xml" type="{ATOM_NAV}"/>\n'
            if stem == "all":
                extra += f'<link rel="http://opds-spec.org/crawlable" href="all.xml" type="{ATOM_ACQ}"/>\n'
            else:
                extra += f'<link rel="alternate" href="../{index_name(lang)}" type="text/html"/>\n'
            out[f"{page}.xml"] = _atom_feed(
                ATOM_ACQ, catalog_id(key, page), title, max((updated_of(e) for e in chunk), default=newest),
                f"{page}.xml", "\n".join(_atom_entry(e) for e in chunk), lang, extra + facets, publisher, base, paging)
    nav_entries = []
    for edition in all_editions:
        lang = edition.language
        title = f"{edition.name} — {site_label(lang, 'edition')}"
        updated = max(updated_of(e) for e in edition.entries)
        nav_entries.append(
            f"<entry>\n<title>{escape(title)}</title>\n<id>{catalog_id(key, lang, 'entry')}</id>\n<updated>{updated}</updated>\n"
            f'<content type="text">{escape(site_label(lang, "catalog_edition", name=edition.name))}'
            f' ({escape(site_label(lang, "issues", count=len(edition.entries)))})</content>\n'
            f'<link rel="subsection" href="{lang}.xml" type="{ATOM_ACQ}"/>\n'
            f'<link rel="http://opds-spec.org/sort/new" href="{lang}.xml" type="{ATOM_ACQ}"/>\n</entry>')
    lang = all_editions[0].language
    nav_entries.append(
        f"<entry>\n<title>{escape(site_label(lang, 'complete'))}</title>\n<id>{catalog_id(key, 'all', 'entry')}</id>\n"
        f"<updated>{newest}</updated>\n<content type=\"text\">{escape(site_label(lang, 'catalog_all'))}</content>\n"
        f'<link rel="subsection" href="all.xml" type="{ATOM_ACQ}"/>\n</entry>')
    crawl = f'<link rel="http://opds-spec.org/crawlable" href="all.xml" type="{ATOM_ACQ}"/>\n'
    out["root.xml"] = _atom_feed(ATOM_NAV, catalog_id(key, "root"), name, newest, "root.xml",
                                 "\n".join(nav_entries), lang, crawl, name, base)
    return out


# --------------------------------------------------------------------------------------------------
# OPDS 2.0


def _opds2_publication(entry: dict) -> dict:
    base = f"../{entry['address']}"
    meta = {"@type": "http://schema.org/PublicationIssue", "title": isolated(entry["title"]),
            "identifier": entry["identifier"], "language": entry["language"], "modified": updated_of(entry)}
    if entry["issue_line"]:
        meta["subtitle"] = entry["issue_line"]
    if entry["date_start"]:
        meta["published"] = entry["date_start"]
    author = entry["publisher"] or entry["publication"]
    if author:
        meta["author"] = {"name": author, "sortAs": author}
    if entry["publisher"]:
        meta["publisher"] = entry["publisher"]
    summary = summary_of(entry)
    if summary:
        meta["description"] = summary
    if entry["publication"]:
        series = {"name": entry["publication"]}
        if _position(entry) is not None:
            series["position"] = _position(entry)
        meta["belongsTo"] = {"series": [series]}
    links = [{"rel": "alternate", "href": base + "index.html", "type": "text/html"}]
    for f in entry["files"]:
        if f["kind"] != "html":
            links.append({"rel": OPEN_ACCESS, "href": base + f["href"], "type": f["type"], "size": f["size"],
                          "title": site_label(entry["language"], f["kind"])})
    images = [{"href": base + "cover.jpg", "type": "image/jpeg", "width": entry["cover"]["width"],
               "height": entry["cover"]["height"]}]
    images += [{"href": base + t["href"], "type": "image/jpeg", "width": t["width"], "height": t["height"]}
               for t in reversed(entry["thumbnails"])]
    return {"metadata": meta, "links": links, "images": images}


def opds2_catalogs(all_editions: list[Edition]) -> dict[str, str]:
    """The same catalogs in OPDS 2.0: `opds/root.json` → every acquisition feed, paged, with facets."""
    everything = [e for ed in all_editions for e in ed.entries]
    base = published_base(everything)

    def self_link(name: str) -> dict:
        return {"rel": "self", "href": f"{base}opds/{name}" if base else name, "type": OPDS2}

    def dump(data: dict) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    out = {}
    start = {"rel": "start", "href": "root.json", "type": OPDS2}
    up = {"rel": "up", "href": "root.json", "type": OPDS2}
    for stem, lang, title, items in _feeds(all_editions):
        pages = _pages(stem, items)
        facets = {}
        if stem != "all":
            for group, ftitle, facet, _, count in _facets(all_editions, lang, stem):
                link = {"href": f"{facet}.json", "type": OPDS2, "title": ftitle, "properties": {"numberOfItems": count}}
                if facet == stem:
                    link["rel"] = "self"
                facets.setdefault(group, []).append(link)
        for n, (page, chunk) in enumerate(pages):
            links = [self_link(f"{page}.json"), start, up]
            links += [{"rel": rel, "href": href, "type": OPDS2}
                      for rel, href in _paging([p for p, _ in pages], n, ".json", OPDS2)]
            data = {"metadata": {"title": title, "numberOfItems": len(items), "itemsPerPage": PAGE_SIZE,
                                 "currentPage": n + 1,
                                 "modified": max((updated_of(e) for e in chunk), default=max(updated_of(e) for e in everything))},
                    "links": links, "publications": [_opds2_publication(e) for e in chunk]}
            if facets:
                data["facets"] = [{"metadata": {"title": group}, "links": links_} for group, links_ in facets.items()]
            out[f"{page}.json"] = dump(data)
    navigation = [{"href": f"{e.language}.json", "title": f"{e.name} — {site_label(e.language, 'edition')}",
                   "type": OPDS2, "rel": "subsection"} for e in all_editions]
    lang, name = all_editions[0].language, all_editions[0].name
    navigation.append({"href": "all.json", "title": site_label(lang, "complete"), "type": OPDS2, "rel": "subsection"})
    out["root.json"] = dump({"metadata": {"title": name}, "links": [self_link("root.json"), start],
                             "navigation": navigation})
    return out
