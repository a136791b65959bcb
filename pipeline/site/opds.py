"""The OPDS catalogs e-reader apps browse: OPDS 1.2 (Atom) `opds/root.xml` (navigation) → `<lang>.xml`
per edition and `all.xml` (complete, crawlable), and the same in OPDS 2.0 (JSON), from the entries."""

from __future__ import annotations

import json
import uuid
from html import escape
from xml.sax.saxutils import quoteattr

from ..lang.labels import label, site_label
from .archive import ATOM_ACQ, ATOM_NAV, LEAD_STORIES, OPDS2, Edition, as_number, index_name

CATALOG_NAMESPACE = uuid.UUID("4f0d7a52-6b55-4b8e-9e0a-4a3c1f6d2b10")  # the catalogs' own ids
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"


def _updated(entry: dict) -> str:
    """Atom's `updated` of an issue: its first date, else when its EPUB was built (never 1970)."""
    return f"{entry['date_start']}T00:00:00Z" if entry["date_start"] else entry["built"]


def _catalog_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(CATALOG_NAMESPACE, '/'.join(parts))}"


def _summary(entry: dict) -> str:
    """The catalogs' summary: the lead stories (`Lead stories: A; B; C.`), else the description."""
    lead = "; ".join(s["headline"] for s in entry["stories"][:LEAD_STORIES])
    return f"{label(entry['language'], 'lead_stories')}: {lead}." if lead else entry["description"]


def _atom_entry(entry: dict) -> str:
    base = f"../{entry['stem']}/"
    lines = [
        "<entry>",
        f"<title>{escape(entry['title'])}</title>",
        f"<id>{escape(entry['identifier'])}</id>",
        f"<updated>{_updated(entry)}</updated>",
    ]
    if entry["publisher"]:
        lines.append(f"<author><name>{escape(entry['publisher'])}</name></author>")
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
    summary = _summary(entry)
    if summary:
        lines.append(f'<summary type="text">{escape(summary)}</summary>')
    content = ". ".join(part for part in (entry["issue_line"], entry["description"] if entry["description"] != summary else "")
                        if part)
    if content:
        lines.append(f'<content type="text">{escape(content)}</content>')
    lines += [
        f'<link rel="http://opds-spec.org/image" href={quoteattr(base + "cover.jpg")} type="image/jpeg"/>',
        f'<link rel="http://opds-spec.org/image/thumbnail" href={quoteattr(base + "thumbnail.jpg")} type="image/jpeg"/>',
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
               extra_links: str = "", author: str = "") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/" '
            f'xmlns:opds="http://opds-spec.org/2010/catalog" xml:lang="{escape(lang)}">\n'
            f"<id>{ident}</id>\n<title>{escape(title)}</title>\n<updated>{updated}</updated>\n"
            + (f"<author><name>{escape(author)}</name></author>\n" if author else "")
            + f'<link rel="self" href="{self_href}" type="{kind}"/>\n'
            f'<link rel="start" href="root.xml" type="{ATOM_NAV}"/>\n{extra_links}{body}\n</feed>\n')


def atom_catalogs(all_editions: list[Edition], key: str) -> dict[str, str]:
    """`opds/root.xml` (navigation) → `opds/<lang>.xml` per edition and `opds/all.xml` (the complete,
    crawlable feed)."""
    everything = sorted((e for ed in all_editions for e in ed.entries), key=lambda e: _updated(e), reverse=True)
    newest = max(_updated(e) for e in everything)
    out = {}
    nav_entries = []
    for edition in all_editions:
        updated = max(_updated(e) for e in edition.entries)
        lang = edition.language
        title = f"{edition.name} — {site_label(lang, 'edition')}"
        publisher = next((e["publisher"] for e in edition.entries if e["publisher"]), "") or edition.name
        out[f"{lang}.xml"] = _atom_feed(
            ATOM_ACQ, _catalog_id(key, lang), title, updated, f"{lang}.xml",
            "\n".join(_atom_entry(e) for e in edition.entries), lang,
            f'<link rel="up" href="root.xml" type="{ATOM_NAV}"/>\n'
            f'<link rel="alternate" href="../{index_name(lang)}" type="text/html"/>\n', publisher)
        nav_entries.append(
            f"<entry>\n<title>{escape(title)}</title>\n<id>{_catalog_id(key, lang, 'entry')}</id>\n<updated>{updated}</updated>\n"
            f'<content type="text">{escape(site_label(lang, "catalog_edition", name=edition.name))}'
            f' ({escape(site_label(lang, "issues", count=len(edition.entries)))})</content>\n'
            f'<link rel="subsection" href="{lang}.xml" type="{ATOM_ACQ}"/>\n'
            f'<link rel="http://opds-spec.org/sort/new" href="{lang}.xml" type="{ATOM_ACQ}"/>\n</entry>')
    lang = all_editions[0].language
    nav_entries.append(
        f"<entry>\n<title>{escape(site_label(lang, 'complete'))}</title>\n<id>{_catalog_id(key, 'all', 'entry')}</id>\n"
        f"<updated>{newest}</updated>\n<content type=\"text\">{escape(site_label(lang, 'catalog_all'))}</content>\n"
        f'<link rel="subsection" href="all.xml" type="{ATOM_ACQ}"/>\n</entry>')
    name = all_editions[0].name
    crawl = f'<link rel="http://opds-spec.org/crawlable" href="all.xml" type="{ATOM_ACQ}"/>\n'
    out["root.xml"] = _atom_feed(ATOM_NAV, _catalog_id(key, "root"), name, newest, "root.xml",
                                 "\n".join(nav_entries), lang, crawl, name)
    out["all.xml"] = _atom_feed(ATOM_ACQ, _catalog_id(key, "all"), f"{name} — {site_label(lang, 'complete')}", newest,
                                "all.xml", "\n".join(_atom_entry(e) for e in everything), lang,
                                f'<link rel="up" href="root.xml" type="{ATOM_NAV}"/>\n' + crawl, name)
    return out


def _opds2_publication(entry: dict) -> dict:
    base = f"../{entry['stem']}/"
    meta = {"@type": "http://schema.org/PublicationIssue", "title": entry["title"],
            "identifier": entry["identifier"], "language": entry["language"], "modified": _updated(entry)}
    if entry["issue_line"]:
        meta["subtitle"] = entry["issue_line"]
    if entry["date_start"]:
        meta["published"] = entry["date_start"]
    if entry["publisher"]:
        meta["publisher"] = entry["publisher"]
    summary = _summary(entry)
    if summary:
        meta["description"] = summary
    periodical = {"name": entry["publication"] or entry["stem"]}
    for field, key in (("volume", "volume"), ("number", "issue")):
        if as_number(entry[field]) is not None:
            periodical[key] = as_number(entry[field])
    meta["belongsTo"] = {"newspaper": periodical}
    links = [{"rel": "alternate", "href": base + "index.html", "type": "text/html"}]
    for f in entry["files"]:
        if f["kind"] != "html":
            links.append({"rel": OPEN_ACCESS, "href": base + f["href"], "type": f["type"], "size": f["size"],
                          "title": site_label(entry["language"], f["kind"])})
    images = [{"href": base + "cover.jpg", "type": "image/jpeg", "width": entry["cover"]["width"],
               "height": entry["cover"]["height"]},
              {"href": base + "thumbnail.jpg", "type": "image/jpeg", "width": entry["thumbnail"]["width"],
               "height": entry["thumbnail"]["height"]}]
    return {"metadata": meta, "links": links, "images": images}


def opds2_catalogs(all_editions: list[Edition]) -> dict[str, str]:
    """The same catalogs in OPDS 2.0: `opds/root.json` → `opds/<lang>.json`, `opds/all.json`."""
    def feed(title, self_href, extra, **content):
        links = [{"rel": "self", "href": self_href, "type": OPDS2},
                 {"rel": "start", "href": "root.json", "type": OPDS2}] + extra
        return json.dumps({"metadata": {"title": title, **content.pop("metadata", {})}, "links": links, **content},
                          ensure_ascii=False, indent=1) + "\n"
    everything = sorted((e for ed in all_editions for e in ed.entries), key=lambda e: _updated(e), reverse=True)
    up = [{"rel": "up", "href": "root.json", "type": OPDS2}]
    out, navigation = {}, []
    for edition in all_editions:
        lang = edition.language
        title = f"{edition.name} — {site_label(lang, 'edition')}"
        out[f"{lang}.json"] = feed(title, f"{lang}.json", up, publications=[_opds2_publication(e) for e in edition.entries],
                                   metadata={"numberOfItems": len(edition.entries),
                                             "modified": max(_updated(e) for e in edition.entries)})
        navigation.append({"href": f"{lang}.json", "title": title, "type": OPDS2, "rel": "subsection"})
    lang, name = all_editions[0].language, all_editions[0].name
    navigation.append({"href": "all.json", "title": site_label(lang, "complete"), "type": OPDS2, "rel": "subsection"})
    out["all.json"] = feed(f"{name} — {site_label(lang, 'complete')}", "all.json", up,
                           publications=[_opds2_publication(e) for e in everything],
                           metadata={"numberOfItems": len(everything)})
    out["root.json"] = feed(name, "root.json", [], navigation=navigation)
    return out
