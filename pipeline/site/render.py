"""The site's HTML pages, from the entries: the page every one is set in (head with description, icon,
stylesheet; the paper's name, search and the other editions above), an issue's page, a story's page
(with its Open Graph and schema.org `NewsArticle` metadata) and the redirect left at an old address."""

from __future__ import annotations

import json
from html import escape

from ..lang.labels import human_size, site_label
from .archive import index_name, search_name
from .words import isolated, listed

DESCRIPTION_WORDS = 30


def site_page(lang: str, title: str, root: str, body: str, description: str, head: str = "",
              search_bar: bool = True) -> str:
    """A page of the site; `root` leads from it to the site's top (`../../../`)."""
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    home = f"{root}{index_name(lang)}"
    search = "" if not search_bar else (f'<form class="search" role="search" action="{root}{search_name(lang)}">'
              f'<label for="q">{escape(t("search"))}</label> <input id="q" name="q" type="search">'
              f' <button>{escape(t("search_button"))}</button></form>\n')
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{escape(isolated(title))}</title>\n<meta name="description" content="{escape(isolated(description))}">\n'
            f'<link rel="icon" href="{root}favicon.svg" type="image/svg+xml">\n'
            f'<link rel="stylesheet" href="{root}site.css">\n{head}</head>\n<body>\n'
            f'<header class="site-bar"><p class="home"><a href="{home}">{escape(t("all_issues"))}</a></p>\n'
            f'{search}</header>\n{body}</body>\n</html>\n')


def description_of(text: str) -> str:
    words = text.split()
    return " ".join(words[:DESCRIPTION_WORDS]) + ("…" if len(words) > DESCRIPTION_WORDS else "")


def display_name(entry: dict) -> str:
    """What names an issue in a list: its issue line, else its lead headline (marked undated)."""
    if entry["issue_line"]:
        return entry["issue_line"]
    head = entry["stories"][0]["headline"] if entry["stories"] else entry["stem"]
    return f"{head} ({site_label(entry['language'], 'undated')})"


def cover_image(entry: dict, prefix: str, alt: str, width: int, lazy: bool = False) -> str:
    """The cover's thumbnail shown `width` CSS px wide, each screen taking the file its density needs."""
    thumbs = entry["thumbnails"]
    first = min(thumbs, key=lambda t: (t["width"] < width, t["width"]))
    srcset = ", ".join(f'{prefix}{t["href"]} {t["width"]}w' for t in thumbs)
    height = round(width * first["height"] / first["width"])
    return (f'<img src="{prefix}{first["href"]}" srcset="{srcset}" sizes="{width}px" width="{width}" '
            f'height="{height}" alt="{escape(alt)}"' + (' loading="lazy"' if lazy else "") + ">")


def download_links(entry: dict, prefix: str, kinds=("epub", "pdf-letter")) -> str:
    """`EPUB 337 KB · Print PDF 173 KB`: the issue's own files of those kinds, with their sizes."""
    lang = entry["language"]
    links = [f'<a href="{prefix}{f["href"]}" type="{f["type"]}" download>{escape(site_label(lang, "short_" + f["kind"]))}'
             f'</a> <span class="size">{human_size(f["size"])}</span>' for f in entry["files"] if f["kind"] in kinds]
    return " · ".join(links)


def render_issue_page(entry: dict, others: list[dict]) -> str:
    """`<address>index.html`: cover, downloads with sizes, each story linked to its page, and the same
    issue in the other editions (`others`)."""
    lang = entry["language"]
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    root = "../" * entry["address"].count("/")
    downloads = []
    for f in entry["files"]:
        if f["kind"] == "html":
            continue
        note = t(f"{f['kind']}_note") if f["kind"] in ("epub", "kepub") else ""
        downloads.append(f'<li><a href="{escape(f["href"])}" type="{f["type"]}" download>{escape(t(f["kind"]))}</a>'
                         f' <span class="size">{human_size(f["size"])}</span>'
                         + (f'<br><span class="note">{escape(note)}</span>' if note else "") + "</li>\n")
    online = next((f for f in entry["files"] if f["kind"] == "html"), None)
    if online:
        downloads.append(f'<li><a href="{escape(online["href"])}">{escape(t("read_online"))}</a>'
                         f' <span class="size">{human_size(online["size"])}</span>'
                         f'<br><span class="note">{escape(t("read_online_note"))}</span></li>\n')
    stories = "".join(
        "<li>" + (f'<p class="kicker">{listed(s["kicker"])}</p>' if s["kicker"] else "")
        + f'<h3><a href="{s["page"]}">{listed(s["headline"])}</a></h3>'
        + (f'<p>{listed(s["first_line"])}</p>' if s["first_line"] else "") + "</li>\n"
        for s in entry["stories"])
    name = entry["publication"] or entry["stem"]
    editions = "".join(f'<li><a href="{root}{o["address"]}index.html" hreflang="{o["language"]}" lang="{o["language"]}">'
                       f'{escape(site_label(o["language"], "this_issue_in"))}</a></li>' for o in others)
    editions = f'<ul class="editions">{editions}</ul>\n' if editions else ""
    body = (f'<main>\n<p class="paper">{escape(name)}</p>\n'
            f'<h1><span class="visually-hidden">{escape(name)}: </span>{listed(display_name(entry))}</h1>\n{editions}'
            f'<div class="issue">\n<a class="cover" href="cover.jpg">'
            f'{cover_image(entry, "", t("cover_alt", title=entry["title"]), 192)}</a>\n'
            f'<section class="downloads" aria-labelledby="downloads">\n<h2 id="downloads">{escape(t("downloads"))}</h2>\n'
            f'<ul>\n{"".join(downloads)}</ul>\n</section>\n</div>\n'
            f'<section class="stories" aria-labelledby="in-this-issue">\n'
            f'<h2 id="in-this-issue">{escape(t("in_this_issue"))}</h2>\n<ol>\n{stories}</ol>\n</section>\n</main>\n')
    base = published(entry)
    head = "".join(f'<link rel="alternate" hreflang="{o["language"]}" href="{base}{o["address"]}index.html">\n'
                   for o in others) if base else ""
    description = description_of(entry["description"] or entry["title"])
    return site_page(lang, entry["title"], root, body, description, head)


def render_story_page(entry: dict, story: dict, article_html: str, counterparts: list[tuple[dict, dict | None]],
                      neighbours: tuple[dict | None, dict | None]) -> str:
    """`<address><story>.html`: the story as the paper printed it (kicker, headline, deck, dateline,
    body), its issue, the other editions' version of it where one was found (else their issue), and
    the metadata link previews and search engines read."""
    lang = entry["language"]
    t = lambda key, **v: site_label(lang, key, **v)  # noqa: E731
    root = "../" * entry["address"].count("/")
    # the story's headline heads its own page, and its subheads come next (h2, not the issue's h3)
    article = article_html.replace("<h2 ", "<h1 ", 1).replace("</h2>", "</h1>", 1)
    article = article.replace("<h3>", "<h2>").replace("<h3 ", "<h2 ").replace("</h3>", "</h2>")
    links = [f'<li><a href="index.html">{escape(t("from_issue", issue=display_name(entry)))}</a> · '
             f'{download_links(entry, "")}</li>']
    for other, match in counterparts:
        olang = other["language"]
        if match:
            links.append(f'<li><a href="{root}{other["address"]}{match["page"]}" hreflang="{olang}" lang="{olang}">'
                         f'{escape(site_label(olang, "story_in"))}: {listed(match["headline"])}</a></li>')
        else:
            links.append(f'<li><a href="{root}{other["address"]}index.html" hreflang="{olang}" lang="{olang}">'
                         f'{escape(site_label(olang, "this_issue_in"))}</a></li>')
    before, after = neighbours
    if after:
        links.append(f'<li>{escape(t("next"))}: <a href="{after["page"]}">{listed(after["headline"])}</a></li>')
    if before:
        links.append(f'<li>{escape(t("previous"))}: <a href="{before["page"]}">{listed(before["headline"])}</a></li>')
    body = (f'<main>\n<p class="paper"><a href="index.html">{escape(entry["publication"] or entry["stem"])}'
            f' · {listed(display_name(entry))}</a></p>\n{article}'
            f'<nav class="story-links" aria-label="{escape(t("story_links"))}"><ul>\n' + "\n".join(links)
            + "\n</ul></nav>\n</main>\n")
    description = description_of(story["first_line"] or story["headline"])
    base = published(entry)
    head = _story_metadata(entry, story, description, counterparts) + ("".join(
        f'<link rel="alternate" hreflang="{o["language"]}" href="{base}{o["address"]}{m["page"]}">\n'
        for o, m in counterparts if m) if base else "")
    return site_page(lang, f'{story["headline"]} — {entry["title"]}', root, body, description, head)


def published(entry: dict) -> str:
    """The site's published address with one trailing slash (the publication's `downloads`), or "".
    Search engines take `hreflang` alternates, canonical and preview addresses only absolute."""
    return entry["downloads"].rstrip("/") + "/" if entry["downloads"] else ""


def _story_metadata(entry: dict, story: dict, description: str, counterparts) -> str:
    """Open Graph (`og:`, `article:`) and a schema.org `NewsArticle` (JSON-LD). Addresses are absolute
    where the publication says where the site is published (`downloads`), which previews need."""
    base = published(entry)
    url = f'{base}{entry["address"]}{story["page"]}' if base else ""
    image = f'{base}{entry["address"]}cover.jpg' if base else ""
    og = [("og:type", "article"), ("og:title", story["headline"]), ("og:description", description),
          ("og:site_name", entry["publication"]), ("og:locale", entry["language"].replace("-", "_"))]
    if url:
        og += [("og:url", url), ("og:image", image)]
    if entry["date_start"]:
        og.append(("article:published_time", entry["date_start"]))
    if story["section"]:
        og.append(("article:section", story["section"]))
    tags = "".join(f'<meta property="{k}" content="{escape(v)}">\n' for k, v in og if v)
    if url:
        tags += f'<link rel="canonical" href="{escape(url)}">\n'
    publisher = {"@type": "Organization", "name": entry["publisher"] or entry["publication"]}
    issue = {"@type": "PublicationIssue", "name": entry["title"]}
    if entry["number"]:
        issue["issueNumber"] = entry["number"]
    if entry["date_start"]:
        issue["datePublished"] = entry["date_start"]
    periodical = {"@type": "Periodical", "name": entry["publication"]}
    issue["isPartOf"] = ({"@type": "PublicationVolume", "volumeNumber": entry["volume"], "isPartOf": periodical}
                         if entry["volume"] else periodical)
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story["headline"][:110],
            "description": description, "inLanguage": entry["language"], "author": publisher,
            "publisher": publisher, "isPartOf": issue, "wordCount": story["words"]}
    if entry["date_start"]:
        data["datePublished"] = entry["date_start"]
    if url:
        data.update(url=url, mainEntityOfPage=url, image=image)
    if story["section"]:
        data["articleSection"] = story["section"]
    translations = [{"@type": "NewsArticle", "headline": m["headline"], "inLanguage": o["language"],
                     **({"url": f'{base}{o["address"]}{m["page"]}'} if base else {})} for o, m in counterparts if m]
    if translations:
        data["workTranslation"] = translations
    # `</` never closes the script early, whatever a headline holds
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return tags + f'<script type="application/ld+json">{text}</script>\n'


def render_redirect(lang: str, target: str, title: str) -> str:
    """What is left at an issue's old address: a page that sends the reader (and search engines) on to
    the new one, with a link for browsers that do not follow it."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{escape(title)}</title>\n<meta http-equiv="refresh" content="0; url={escape(target)}">\n'
            f'<link rel="canonical" href="{escape(target)}">\n<meta name="robots" content="noindex">\n</head>\n'
            f'<body>\n<p><a href="{escape(target)}">{escape(title)}</a></p>\n</body>\n</html>\n')
