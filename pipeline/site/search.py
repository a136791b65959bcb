"""Search across the whole archive, static and offline: an index of every story's words, cut into small
script files (`search/w-<first two letters>.js`, `search/stories-<n>.js`) that the search page
(`search-<lang>.html`, both editions) loads with `<script>` tags as a query needs them — which works
from any host, in any folder, and from disk (`file:`), where a page may fetch nothing.

Pagefind (PyPI `pagefind[bin]`) does the same over HTTP but loads its index with `fetch()` and ES
modules, both refused to pages opened from disk; this index keeps the same shape (sharded by prefix,
loaded on demand) in plain scripts."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..lang.labels import site_label
from .archive import Edition, search_name, sort_key
from .render import display_name, site_page

CHUNK = 500  # stories per `stories-<n>.js`
RESULTS = 50  # shown at most (search.js: LIMIT)


def shard_key(word: str) -> str:
    """`strike` → `73-74` (its first two characters' code points, hex): the file that holds it."""
    return "-".join(f"{ord(c):x}" for c in word[:2])


def _script(call: str, *args) -> str:
    return f"siteSearch.{call}(" + ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args) + ");\n"


def search_files(all_editions: list[Edition], words: dict[str, list]) -> dict[str, str]:
    """Every file of the search, by its name in the site: the index, the script and each edition's page.
    `words` is each issue's (stem →) story words from `site-issue`."""
    everything = sorted((e for ed in all_editions for e in ed.entries), key=sort_key)
    names = {ed.language: ed.name for ed in all_editions}
    rows, table = [], {}
    for entry in everything:
        for story, (head, body) in zip(entry["stories"], words[entry["stem"]]):
            n = len(rows)
            rows.append([story["headline"], display_name(entry), entry["address"] + story["page"], entry["language"],
                         story["first_line"], names[entry["language"]]])
            for place, found in ((0, head), (1, body)):
                for word in found:
                    table.setdefault(shard_key(word), {}).setdefault(word, [[], []])[place].append(n)
    out = {f"search/stories-{k // CHUNK}.js": _script("stories", k // CHUNK, rows[k:k + CHUNK])
           for k in range(0, len(rows), CHUNK)}
    for key, shard in table.items():
        out[f"search/w-{key}.js"] = _script("words", key, dict(sorted(shard.items())))
    out["search/meta.js"] = _script("meta", {"chunk": CHUNK, "stories": len(rows), "shards": sorted(table)})
    out["search/search.js"] = (Path(__file__).parent / "search.js").read_text(encoding="utf-8")
    for edition in all_editions:
        out[search_name(edition.language)] = render_search_page(edition, all_editions)
    return out


def render_search_page(edition: Edition, all_editions: list[Edition]) -> str:
    lang = edition.language
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    editions = ", ".join(e.name for e in all_editions)
    body = (f'<main>\n<h1>{escape(t("search_title"))}</h1>\n'
            f'<form id="search" role="search" action="{search_name(lang)}">\n'
            f'<label for="query">{escape(t("search_label", editions=editions))}</label>\n'
            f'<input id="query" name="q" type="search" autocomplete="off">\n'
            f'<button>{escape(t("search_button"))}</button>\n</form>\n'
            f'<p id="status" role="status" aria-live="polite">'
            f'<noscript>{escape(t("search_noscript"))}</noscript></p>\n<ol id="results"></ol>\n</main>\n'
            f'<script src="search/search.js" data-words="{escape(json.dumps({k: t(k, count="{count}") for k in ("search_none", "search_found", "search_more")}, ensure_ascii=False))}"></script>\n')
    return site_page(lang, f"{t('search_title')} — {edition.name}", "", body,
                     t("search_description", editions=editions), search_bar=False)


