"""An Atom feed of each edition's newest issues (`feed-<lang>.xml`), for feed readers: one entry per
issue, linking to its page, with its lead stories as the summary and every headline in the content."""

from __future__ import annotations

from html import escape
from xml.sax.saxutils import quoteattr

from ..lang.labels import site_label
from .archive import Edition, index_name
from .opds import catalog_id, published_base, summary_of, updated_of
from .words import isolated

NEWEST = 20


def atom_feed(edition: Edition) -> str:
    lang = edition.language
    items = list(edition.entries[:NEWEST])
    base = published_base(edition.entries)
    updated = max(updated_of(e) for e in edition.entries)
    entries = []
    for entry in items:
        page = f"{base}{entry['address']}index.html" if base else f"{entry['address']}index.html"
        heads = "".join(f"<li>{escape(isolated(s['headline']))}</li>" for s in entry["stories"])
        entries.append(
            "<entry>\n"
            f"<title>{escape(isolated(entry['title']))}</title>\n<id>{escape(entry['identifier'])}</id>\n"
            f"<updated>{updated_of(entry)}</updated>\n"
            + (f"<published>{entry['date_start']}T00:00:00Z</published>\n" if entry["date_start"] else "")
            + f'<link rel="alternate" type="text/html" href={quoteattr(page)}/>\n'
            f'<summary type="text">{escape(summary_of(entry))}</summary>\n'
            f'<content type="html">{escape(f"<ul>{heads}</ul>")}</content>\n</entry>')
    author = next((e["publisher"] for e in edition.entries if e["publisher"]), "") or edition.name
    home = f"{base}{index_name(lang)}" if base else index_name(lang)
    self_link = f'<link rel="self" type="application/atom+xml" href="{escape(base)}feed-{lang}.xml"/>\n' if base else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(lang)}">\n'
            f"<id>{catalog_id(edition.name, lang, 'feed')}</id>\n"
            f"<title>{escape(edition.name)} — {escape(site_label(lang, 'new_issues'))}</title>\n"
            f"<updated>{updated}</updated>\n<author><name>{escape(author)}</name></author>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>\n{self_link}'
            + "\n".join(entries) + "\n</feed>\n")
