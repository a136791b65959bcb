"""The download site (`make site` → build/site/): each issue at its address (`en/v16/n04/`) with a page
per story, an index per edition paged by volume, a search of the whole archive, an Atom feed per edition,
and the OPDS 1.2 (Atom) and OPDS 2.0 (JSON) catalogs that e-reader apps browse; `make serve` serves it.

Built in two steps, so that adding an issue rebuilds only its own pages and the shared ones:

1. `pages.issue_page(model, site)`, once per issue: reads the issue's model and the files present
   beside it in build/<stem>/, hard-links those files into build/site/<address>/, draws the cover and
   thumbnails from the EPUB's own cover, and leaves beside the model its entry (titles, dates,
   headlines, files and sizes: build/<stem>/<stem>.entry.json), its stories' HTML and their words.
2. `index.index_pages(entries, site)`: reads the entries (`archive.py`: the editions and their
   order) and writes the pages of every issue whose entry or other edition changed (`render.py`,
   `counterparts.py`), each edition's index and volume pages, the catalogs (`opds.py`), the feeds
   (`feeds.py`), the search (`search.py`), the redirects at old addresses, all through `manifest.py`:
   only what changed is rewritten, and only what the site wrote before is ever removed.

Everything links relatively (`../../../index-en.html`, `en/v16/n04/index.html`), so the folder works
copied to any host, in any folder, or opened from disk. Pages are plain semantic HTML and CSS with
no script but the search page's. Words the site prints are in `labels.SITE_LABELS`, per edition language.
"""
