"""The download site (`make site` → build/site/): a static page per issue, an index per edition, and the
OPDS 1.2 (Atom) and OPDS 2.0 (JSON) catalogs that e-reader apps browse; `make serve` serves it.

Built in two steps, so that adding an issue rebuilds only its own page and the shared pages:

1. `pages.issue_page(model, site)`, once per issue: reads the issue's model and the files present
   beside it in build/<stem>/, hard-links those files into build/site/<stem>/, draws the cover and
   thumbnail from the EPUB's own cover, writes build/site/<stem>/index.html, and leaves a small
   summary (the *entry*: titles, dates, headlines, files and sizes) at build/<stem>/<stem>.entry.json.
2. `index.index_pages(entries, site)`: reads only the entries (`archive.py`: the editions and their
   order), and writes each edition's index page, the stylesheet, and every catalog (`opds.py`).
   Nothing there re-reads a manuscript or a model.

Everything links relatively (`../<stem>/<stem>.epub`, `<stem>/index.html`), so the folder works
copied to any host, in any folder, or opened from disk. Pages are plain semantic HTML and CSS with
no script. Words the site prints are in `labels.SITE_LABELS`, per edition language.
"""
