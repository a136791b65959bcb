"""Text steps over every block's inline content: mojibake repair, bare web and e-mail addresses as
links, and typography in the issue's language."""

from __future__ import annotations

import re
from dataclasses import replace

import ftfy

from ..lang.typography import curl_quotes, typogrify
from ..model import Article, Emphasis, Headline, Issue, LineBreak, Link, Note, Paragraph, Strong, Text
from ..model.inlines import map_inlines, map_text, merge_inlines, plain_text, quote, text_pieces
from .edit import revise

# A bare address: an e-mail, a web address, or a site's name (`icwpredflag.org/ffde.pdf`), from its parts.
_LOCAL = r"[A-Za-z0-9._%+-]"  # a character of an e-mail's part before the `@`
_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_WEB = r"(?:https?://|www\.)"
_PATH = r"[^\s<>\"“”]"  # an address holds no space, angle bracket or double quote
_LABEL = r"[A-Za-z0-9-]"
_TLD = r"\.(?:org|com|net|edu|gov|info)\b"
_ADDRESS = re.compile(
    rf"(?P<email>{_LOCAL}+@{_DOMAIN})|(?P<url>{_WEB}{_PATH}+|\b{_LABEL}+(?:\.{_LABEL}+)*{_TLD}(?:/{_PATH}*)?)", re.I)
# _ADDRESS tried at every start of a long run of its characters reads the run again each time (200,000
# dashes: minutes), so a chunk longer than this is scanned run by run instead (_long_chunk_addresses).
# Measured: chunks of 32 cost the pattern at most ~1.4 s a megabyte (of 128, ~5.5), the scan ~0.7.
_SHORT_CHUNK = 32
_CHUNK = re.compile(f"{_PATH}+")
_LOCAL_RUN = re.compile(f"{_LOCAL}+", re.I)
_DOMAIN_AT = re.compile(_DOMAIN, re.I)
_WEB_AT = re.compile(f"{_WEB}(?={_PATH})", re.I)
_LABEL_RUN = re.compile(f"{_LABEL}+", re.I)
_TLD_AT = re.compile(_TLD, re.I)
_BOUNDARY = re.compile(r"\b")
_TRAILING = ".,;:!?)]’”'\"*"


def repair_mojibake(issue: Issue) -> Issue:
    """Text decoded with the wrong charset somewhere upstream: `doesnâ€™t` → `doesn’t`.
    ftfy with its quote-uncurling, ligature and width changes turned off (they would rewrite good text)."""
    items, notes = [], []
    for item in issue.items:
        changes: list[tuple[str, str]] = []

        def fix(text: str) -> str:
            fixed = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
            if fixed != text:
                changes.append((text, fixed))
            return fixed

        items.append(map_inlines(item, lambda run: map_text(run, fix)))
        notes += [Note("repair_mojibake", item.source.first, f"mis-decoded text repaired: {quote(before, 40)} → {quote(after, 40)}",
                       rewritten=(before, after)) for before, after in changes]
    return revise(issue, items, notes)


def link_bare_addresses(issue: Issue) -> Issue:
    """Web and e-mail addresses written out become links: `www.icwpredflag.org/ffde.pdf` →
    <a href="https://www.icwpredflag.org/ffde.pdf">; `ICWPREDFLAG@NYM.HUSH.COM` → mailto:icwpredflag@nym.hush.com.
    Headlines are left alone: they are link targets themselves (contents, bookmarks)."""
    return revise(issue, [map_inlines(item, _link_run, skip=(Headline,)) for item in issue.items])


def apply_typography(issue: Issue) -> Issue:
    """Curly quotes (by context, across markup), dashes, ellipses and no-break spaces in the issue's
    language: `"Hell yes!"` → `“Hell yes!”`, `January 23--` → `January 23—`."""
    language = issue.metadata.language

    def typeset(run):
        return map_text(_curl_run(run, language), lambda text: typogrify(text, language))

    return revise(issue, [_close_up_datelines(map_inlines(item, typeset)) for item in issue.items])


def _close_up_datelines(item):
    """A dateline ends in a closed dash, so the text after it starts without a space: `March 3— “We’re`
    → `March 3⁠—“We’re` (the dateline is its own run, so the dash rule cannot see the space)."""
    if not isinstance(item, Article):
        return item
    body = []
    for block in item.body:
        if (isinstance(block, Paragraph) and block.dateline and plain_text(block.dateline).endswith("—")
                and block.inlines and isinstance(block.inlines[0], Text)):
            block = replace(block, inlines=(Text(block.inlines[0].text.lstrip(" \u00a0")),) + block.inlines[1:])
        body.append(block)
    return replace(item, body=tuple(body))


def _link_run(run):
    out = []
    for node in run:
        if isinstance(node, Text):
            out.extend(_link_text(node.text))
        elif isinstance(node, (Emphasis, Strong)):
            out.append(type(node)(_link_run(node.children)))
        else:
            out.append(node)  # existing links and breaks are kept as they are
    return merge_inlines(out)


def _link_text(text: str):
    out, pos = [], 0
    for start, end, email in find_addresses(text):
        found = text[start:end].rstrip(_TRAILING)
        if not found or "." not in found:
            continue
        out.append(Text(text[pos:start]))
        if email:
            href = "mailto:" + found.lower()
        elif "://" in found:
            href = found
        else:
            host, _, path = found.partition("/")
            href = f"https://{host.lower()}" + (f"/{path}" if path else "")
        out.append(Link(href, (Text(found),)))
        pos = start + len(found)
    out.append(Text(text[pos:]))
    return out


def find_addresses(text: str):
    """(start, end, whether an e-mail) of each match of _ADDRESS in `text`, exactly as its finditer gives
    them, in time linear in the text. No match holds a space, an angle bracket or a double quote, so each
    chunk without them is searched on its own: a short one (a word) by the pattern, a long one run by run."""
    for chunk in _CHUNK.finditer(text):
        start, end = chunk.span()
        if end - start <= _SHORT_CHUNK:
            yield from ((m.start(), m.end(), m["email"] is not None) for m in _ADDRESS.finditer(text, start, end))
        else:
            yield from _long_chunk_addresses(text, start, end)


def _long_chunk_addresses(text: str, start: int, end: int):
    """The matches of _ADDRESS in text[start:end], a chunk of address characters, each run read once.

    Where the pattern, at one start, reads a run to its end and fails, it fails at every later start in
    the same run. An e-mail matches from anywhere in a run of its characters that a `@` and a domain end;
    a site's name from any word boundary in a run of label characters whose chain of `.`-joined labels
    has a top-level domain after that run (the match ends at the last one); a web address wherever
    `www.` or `http://` starts, to the chunk's end. The leftmost start wins, e-mail before web address
    before site's name, as in the pattern's alternation; the search goes on where the match ended."""
    emails = []  # (run start, run end, address end) of each run of e-mail characters before `@domain`
    for run in _LOCAL_RUN.finditer(text, start, end):
        if text.startswith("@", run.end()) and (domain := _DOMAIN_AT.match(text, run.end() + 1, end)):
            emails.append((run.start(), run.end(), domain.end()))
    webs = [m.start() for m in _WEB_AT.finditer(text, start, end)]
    sites = []  # (run start, run end, address end) of each run of label characters a site's name can start in
    following = None  # the run after this one (right to left), and the address end its chain reaches
    for run in reversed([m.span() for m in _LABEL_RUN.finditer(text, start, end)]):
        reach = None
        if following is not None and following[0] == run[1] + 1 and text[run[1]] == ".":
            tld = _TLD_AT.match(text, run[1], end)
            reach = following[1] if following[1] is not None else tld.end() if tld else None
        if reach is not None:
            sites.append((run[0], run[1], end if text.startswith("/", reach, end) else reach))
        following = (run[0], reach)
    sites.reverse()

    pos, next_email, next_web, next_site, site_at = start, 0, 0, 0, None
    while True:
        while next_email < len(emails) and emails[next_email][1] <= pos:
            next_email += 1
        while next_web < len(webs) and webs[next_web] < pos:
            next_web += 1
        while next_site < len(sites) and (site_at is None or site_at < pos):  # the first boundary from pos on
            run_start, run_end, _ = sites[next_site]
            boundary = _BOUNDARY.search(text, max(run_start, pos), run_end) if run_end > pos else None
            if boundary is not None and boundary.start() < run_end:
                site_at = boundary.start()
            else:
                next_site, site_at = next_site + 1, None
        candidates = [(max(emails[next_email][0], pos), emails[next_email][2], True)] \
            if next_email < len(emails) else []
        candidates += [(webs[next_web], end, False)] if next_web < len(webs) else []
        candidates += [(site_at, sites[next_site][2], False)] if next_site < len(sites) else []
        if not candidates:
            return
        found = min(candidates, key=lambda c: c[0])  # the leftmost; on a tie the first, as in the alternation
        yield found
        pos = found[1]


def _curl_run(run, language: str):
    """Curl the straight quotes of a whole run at once, so a quote's neighbours across markup count:
    `"*Red Flag*"` has its closing quote after the emphasis."""
    texts = text_pieces(run, line_break="\n")
    flat = "".join(texts)
    curled = curl_quotes(flat, language)
    if curled == flat:
        return run
    pieces = iter(_split_like(curled, texts))

    def rebuild(nodes):
        out = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(Text(next(pieces)))
            elif isinstance(node, LineBreak):
                next(pieces)
                out.append(node)
            elif isinstance(node, Link):
                out.append(Link(node.url, rebuild(node.children)))
            else:
                out.append(type(node)(rebuild(node.children)))
        return tuple(out)

    return rebuild(run)


def _split_like(text: str, parts: list[str]) -> list[str]:
    out, pos = [], 0
    for part in parts:
        out.append(text[pos:pos + len(part)])
        pos += len(part)
    return out
