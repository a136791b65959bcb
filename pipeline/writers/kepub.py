"""The Kobo edition (`<stem>.kepub.epub`): the finished EPUB, transformed the way Kobo's own kepubs are
made, so Kobo's renderer (not its Adobe one) opens it and shows reading statistics, page turns,
highlights and bookmarks properly (shared/reference/epub.md §4).

A transformation of the EPUB's bytes, not a second EPUB writer: whatever the EPUB writer and its CSS
become, the Kobo edition follows. Learned from kepubify's approach (pgaskin/kepubify
`kepub/transform.go`, MIT), written anew here for well-formed XHTML with lxml:

- every XHTML content document (the manifest's `application/xhtml+xml` items):
  - each sentence of body text in `<span class="koboSpan" id="kobo.P.S">` (P counts paragraphs —
    a new one at every `p`, list, table or heading that holds text, and at every image — and S the
    sentence within it); whitespace alone is left bare except directly in a `p`; `script`, `style`,
    `pre`, `audio`, `video`, `svg` and `math` keep their text as it is; an image gets a span of its own;
  - the body's content wrapped in `div#book-columns > div#book-inner` (Kobo paginates those);
  - `<style class="kobostylehacks">` in the head, as Kobo's own books carry;
  - the no-break hyphen U+2011, which Kobo draws raised, as word joiner + hyphen + word joiner
    (Standard Ebooks' Kobo build does the same);
- the package document: the cover image item keeps or gets `properties="cover-image"` (Kobo knows
  only that way of naming the cover).

The zip is rewritten entry by entry with the EPUB's own timestamps (`mimetype` first, stored), so the
same EPUB always gives the same kepub. A document that already has Kobo spans is left as it is.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
OPF = "http://www.idpf.org/2007/opf"
CONTAINER = "urn:oasis:names:tc:opendocument:xmlns:container"
KOBO_STYLE = "div#book-inner { margin-top: 0; margin-bottom: 0; }"
KEEP_TEXT = frozenset({"script", "style", "pre", "audio", "video", "svg", "math"})
NEW_PARAGRAPH = frozenset({"p", "ol", "ul", "table", "h1", "h2", "h3", "h4", "h5", "h6"})
# A sentence ends after . ! or ? (repeated, each optionally followed by one closing quote or an
# ellipsis) and the whitespace after them, when more text follows: that whitespace stays with it.
SENTENCE_END = re.compile(r"(?:[.!?]+['\"”’“…]?)+\s+(?=\S)")


def split_sentences(text: str) -> list[str]:
    """`text` cut into Kobo's sentences; joined again they give `text` back exactly."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        pieces.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def kepub_from_epub(epub: bytes) -> bytes:
    """The kepub of a finished EPUB (its bytes), as bytes."""
    source = zipfile.ZipFile(io.BytesIO(epub))
    names = source.namelist()
    opf_path = _package_path(source)
    opf = etree.fromstring(source.read(opf_path))
    folder = posixpath.dirname(opf_path)
    documents = {posixpath.normpath(posixpath.join(folder, item.get("href")))
                 for item in opf.iter(f"{{{OPF}}}item") if item.get("media-type") == "application/xhtml+xml"}
    _mark_cover(opf)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in (["mimetype"] if "mimetype" in names else []) + [n for n in names if n != "mimetype"]:
            info = source.getinfo(name)
            data = source.read(name)
            if name == opf_path:
                data = etree.tostring(opf.getroottree(), xml_declaration=True, encoding="utf-8")
            elif name in documents:
                data = transform_document(data)
            entry = zipfile.ZipInfo(name, date_time=info.date_time)
            entry.external_attr, entry.create_system = info.external_attr, info.create_system
            entry.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(entry, data, compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


def transform_document(data: bytes) -> bytes:
    """One XHTML content document with Kobo's spans, wrappers and style."""
    tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(resolve_entities=False, remove_blank_text=False)))
    root = tree.getroot()
    body = root.find(f"{{{XHTML}}}body")
    head = root.find(f"{{{XHTML}}}head")
    if body is None or any("koboSpan" in (el.get("class") or "").split() for el in body.iter(f"{{{XHTML}}}span")):
        return data
    _add_spans(body)
    _wrap_body(body)
    if head is not None:
        style = etree.SubElement(head, f"{{{XHTML}}}style", {"type": "text/css", "class": "kobostylehacks"})
        style.text = KOBO_STYLE
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


# --------------------------------------------------------------------------------------------------


def _package_path(source: zipfile.ZipFile) -> str:
    container = etree.fromstring(source.read("META-INF/container.xml"))
    rootfile = container.find(f".//{{{CONTAINER}}}rootfile")
    if rootfile is None or not rootfile.get("full-path"):
        raise ValueError("the EPUB's container.xml names no package document")
    return rootfile.get("full-path")


def _mark_cover(opf) -> None:
    """The cover image item carries `properties="cover-image"` (from `meta name="cover"` if need be)."""
    items = list(opf.iter(f"{{{OPF}}}item"))
    if any("cover-image" in (item.get("properties") or "").split() for item in items):
        return
    meta = next((m for m in opf.iter(f"{{{OPF}}}meta") if m.get("name") == "cover"), None)
    cover_id = meta.get("content") if meta is not None else "cover"
    for item in items:
        if item.get("id") == cover_id and (item.get("media-type") or "").startswith("image/"):
            item.set("properties", " ".join(filter(None, [item.get("properties"), "cover-image"])))


class _Counter:
    def __init__(self):
        self.paragraph, self.sentence, self.next_paragraph = 0, 0, False

    def span(self, text: str | None = None):
        if self.next_paragraph:
            self.paragraph, self.sentence, self.next_paragraph = self.paragraph + 1, 0, False
        self.sentence += 1
        element = etree.Element(f"{{{XHTML}}}span", {"class": "koboSpan",
                                                     "id": f"kobo.{self.paragraph}.{self.sentence}"}, nsmap=None)
        element.text = text
        return element


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _add_spans(body) -> None:
    counter = _Counter()

    def spans_for(text: str, parent) -> list:
        text = text.replace("\u2011", "\u2060-\u2060")
        if not text.strip() and _local(parent) != "p":
            return [text]
        return [counter.span(piece) for piece in split_sentences(text)]

    def place(parent, index: int, pieces: list, before_text: bool) -> int:
        """Put `pieces` (spans, or one bare string) into `parent` at child position `index`."""
        if len(pieces) == 1 and isinstance(pieces[0], str):
            if before_text:
                parent.text = pieces[0]
            else:
                parent[index - 1].tail = pieces[0]
            return index
        for piece in pieces:
            parent.insert(index, piece)
            index += 1
        return index

    def walk(element) -> None:
        name = _local(element)
        if name in KEEP_TEXT:
            return
        if name in NEW_PARAGRAPH:
            counter.next_paragraph = True
        index = 0
        if element.text:
            text, element.text = element.text, None
            index = place(element, 0, spans_for(text, element), True)
        while index < len(element):
            child = element[index]
            tail, child.tail = child.tail, None
            if _local(child) == "img":
                counter.paragraph, counter.sentence, counter.next_paragraph = counter.paragraph + 1, 0, False
                wrapper = counter.span()
                element.replace(child, wrapper)
                wrapper.append(child)
            elif isinstance(child.tag, str):
                walk(child)
            index += 1
            if tail:
                index = place(element, index, spans_for(tail, element), False)

    walk(body)


def _wrap_body(body) -> None:
    columns = etree.Element(f"{{{XHTML}}}div", {"id": "book-columns"}, nsmap=None)
    inner = etree.SubElement(columns, f"{{{XHTML}}}div", {"id": "book-inner"}, nsmap=None)
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)  # moves it, with its tail
    body.append(columns)
