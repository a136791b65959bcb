"""The QR code that leads home: on the back page of the print PDF and the booklet, the address where
this issue's e-book can be downloaded, as a QR code (segno, BSD-3-Clause; SVG, so it stays sharp at any
size) with the address in words beside it.

The address is the publication's `downloads` (where `make site` is published) with one trailing slash,
then the issue's own address on the site (`en/v16/n04/`, pipeline/writers/address.py), short enough to
type from the page. Without `downloads`, nothing is added (no code,
no empty space).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ...model.issue_json import MODEL_SUFFIX
from ...lang.labels import label
from ...model import Issue
from ..address import issue_address


def issue_stem(issue: Issue) -> str:
    """`000_x` for `manuscripts/000_x.txt` (and for the model `build/000_x/000_x.issue.json`)."""
    name = Path(issue.path).name
    return name.removesuffix(MODEL_SUFFIX) if name.endswith(MODEL_SUFFIX) else Path(name).stem


def home_address(issue: Issue) -> str:
    """`https://example.org/paper/en/v16/n04/`, or "" when the publication gives no `downloads`."""
    base = issue.metadata.downloads.strip()
    return f"{base.rstrip('/')}/{issue_address(issue.metadata, issue_stem(issue))}" if base else ""


def home_code_block(issue: Issue) -> str:
    """The back page's block (XHTML), or "" without an address."""
    import segno

    address = home_address(issue)
    if not address:
        return ""
    code = segno.make(address, error="m", micro=False)
    # scale 1: a module is one SVG unit, and the CSS gives the printed size
    uri = code.svg_data_uri(scale=1, border=4, xmldecl=False, nl=False)
    text = escape(address)
    return (f'<aside class="home-code"><img class="home-code-qr" src="{escape(uri)}" alt="QR code: {text}"/>'
            f'<p>{escape(label(issue.metadata.language, "home_code"))} '
            f'<a class="home-code-address" href="{text}">{text}</a></p></aside>')


def with_home_code(html: str, issue: Issue) -> str:
    """The issue's HTML with the block as the last thing in <main>: it ends the back page."""
    block = home_code_block(issue)
    if not block:
        return html
    head, closing, tail = html.rpartition("</main>")
    if not closing:
        return html
    return f"{head}{block}{closing}{tail}"
