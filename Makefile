# Newspaper pipeline. `make` builds every manuscript; `make test` runs the tests; `make help` lists all.
# Both set up what they need first: system packages (Debian, as root), then the virtualenv .venv.
#
# Each issue is read and normalized once, into build/<stem>/<stem>.issue.json; every writer starts
# from that model: manuscript (+ sidecars) → model → HTML, PDF, EPUB, report.

MANUSCRIPTS ?= manuscripts
BUILD ?= build
# PAPER=letter (default: build/<stem>/<stem>.pdf), a4 or tabloid (<stem>-a4.pdf, <stem>-tabloid.pdf)
PAPER ?= letter
PAPERS := letter a4 tabloid
PYTHON ?= python3
# V=1 shows the commands; by default each output prints one line when it is done.
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
VENV := .venv
PY := $(VENV)/bin/python
# publication.yaml beside the manuscripts, else the project's own
PUBLICATION ?= $(firstword $(wildcard $(MANUSCRIPTS)/publication.yaml) manuscripts/publication.yaml)

ifneq ($(words $(PAPER))$(filter $(PAPER),$(PAPERS)),1$(PAPER))
$(error PAPER=$(PAPER) is not a paper this pipeline prints; use one of: $(PAPERS))
endif
PDF_SUFFIX := $(if $(filter letter,$(PAPER)),,-$(PAPER))
# BOOKLET=letter (default: half-letter pages, two a Letter sheet: build/<stem>/<stem>-booklet.pdf) or
# tabloid (Letter pages, two a tabloid sheet: <stem>-booklet-tabloid.pdf)
BOOKLET ?= letter
BOOKLETS := letter tabloid
ifneq ($(words $(BOOKLET))$(filter $(BOOKLET),$(BOOKLETS)),1$(BOOKLET))
$(error BOOKLET=$(BOOKLET) is not a booklet this pipeline imposes; use one of: $(BOOKLETS))
endif
BOOKLET_SUFFIX := $(if $(filter letter,$(BOOKLET)),,-$(BOOKLET))

# A manuscript is X.txt (the text, in any raw form) or X.pdf (the print PDF itself, pipeline/readers/pdf.py)
STEMS := $(sort $(basename $(notdir $(wildcard $(MANUSCRIPTS)/*.txt $(MANUSCRIPTS)/*.pdf))))
MANUSCRIPT = $(firstword $(wildcard $(MANUSCRIPTS)/$(1).txt) $(MANUSCRIPTS)/$(1).pdf)
# A manuscript's name reaches recipes, so it may hold only letters, digits, dots, underscores and
# hyphens, and not start with a hyphen: anything else is refused here, in make itself, before any
# shell sees it (`x\`id\`.txt` would run `id`). Checked without a shell: every safe character is
# removed, and whatever remains makes the name unsafe. A name with a space splits into two words, so
# those are looked for by name.
SAFE_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z \
              0 1 2 3 4 5 6 7 8 9 . _ -
_unsafe_rest = $(if $(2),$(call _unsafe_rest,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
UNSAFE := $(firstword $(foreach s,$(STEMS),$(if $(or $(call _unsafe_rest,$(s),$(SAFE_CHARS)),$(filter -%,$(s))),$(s))))
UNSAFE := $(or $(shell find '$(MANUSCRIPTS)' -maxdepth 1 \( -name '*[[:space:]]*.txt' -o -name '*[[:space:]]*.pdf' \) 2>/dev/null | head -n 1),\
               $(if $(UNSAFE),$(MANUSCRIPTS)/$(UNSAFE).txt))
ifneq ($(UNSAFE),)
$(error $(UNSAFE): a manuscript's name may hold only letters, digits, dots, underscores and hyphens, and not start with a hyphen; rename it)
endif
# An issue's photos (manuscripts/<stem>/, pipeline/readers/photos.py) reach make's rules by name too:
# one named `x$$(shell …).jpg`, `a;b.jpg` or `a:b.jpg` would be read as make, or shell, or a rule. So
# the same is asked of them, here, before any rule is read: the first file of a manuscript's photo
# folder (hidden ones aside, which the pipeline never reads) whose name holds anything else, found by
# find and printed, never expanded.
UNSAFE_PHOTO := $(shell LC_ALL=C find '$(MANUSCRIPTS)' -mindepth 2 -maxdepth 2 ! -name '.*' \( -name '*[!A-Za-z0-9._-]*' -o \
                  -name '-*' \) -exec sh -c 'test -f "$${1%/*}.txt"' sh {} \; -print -quit 2>/dev/null)
ifneq ($(UNSAFE_PHOTO),)
$(error $(UNSAFE_PHOTO): a photo's name may hold only letters, digits, dots, underscores and hyphens, and not start with a hyphen; rename it)
endif
MODELS := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).issue.json)
HTML := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).html)
PDF := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s)$(PDF_SUFFIX).pdf)
EPUB := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).epub)
REPORTS := $(foreach s,$(STEMS),$(BUILD)/$(s)/report.md)
KEPUB := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).kepub.epub)
SITE := $(BUILD)/site
ENTRIES := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).entry.json)
# The site keeps some names for itself: a manuscript's build folder is build/<stem>/ (beside the site
# and its manifest) and its old address build/site/<stem>/ (beside the index pages, catalogs, search and
# the editions' folders en/, es/…), so no stem may take one of them (pipeline/site/archive.py says the
# same for a stem given to the command line). Refused here, for every target, before anything is built.
LOWER := a b c d e f g h i j k l m n o p q r s t u v w x y z
EDITION_NAMES := $(foreach a,$(LOWER),$(foreach b,$(LOWER),$(a)$(b) $(a)$(b)-%))
SITE_RESERVED := $(firstword $(filter site site-issues.txt site-manifest.json index.html site.css favicon.svg robots.txt \
                   opds search index-%.html feed-%.xml search-%.html $(EDITION_NAMES),$(STEMS)))
ifneq ($(SITE_RESERVED),)
$(error $(MANUSCRIPTS)/$(SITE_RESERVED).txt: this name is the download site's own (build/$(SITE_RESERVED) or build/site/$(SITE_RESERVED)); rename the manuscript)
endif
# The issues the site lists, rewritten only when one is added or removed: the index and catalogs
# depend on it, since nothing else tells make that an issue is gone.
SITE_LIST := $(BUILD)/site-issues.txt
# What `site-index` writes last, every time it runs: the list of the site's own files
SITE_MANIFEST := $(BUILD)/site-manifest.json
ifneq ($(filter site serve,$(MAKECMDGOALS)),)
$(shell mkdir -p '$(BUILD)' && { echo '$(STEMS)' | cmp -s - '$(SITE_LIST)' || echo '$(STEMS)' > '$(SITE_LIST)'; })
endif
# What an issue's page lists besides what `make site` builds, when another target has made it
SITE_EXTRAS = $(wildcard $(foreach x,.pdf -a4.pdf -tabloid.pdf -booklet.pdf -booklet-tabloid.pdf -press.pdf -a4-press.pdf -tabloid-press.pdf,$(BUILD)/$(1)/$(1)$(x)))
BOOKLET_PDFS := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s)-booklet$(BOOKLET_SUFFIX).pdf)
PRESS_PDFS := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s)$(PDF_SUFFIX)-press.pdf)
# `make booklet` and `make press` also bring the report up to date with their figures
HANDOUT_STATS = $(if $(filter booklet,$(MAKECMDGOALS)),$(BUILD)/$(1)/$(1)-booklet$(BOOKLET_SUFFIX).pdf.json) \
                $(if $(filter press,$(MAKECMDGOALS)),$(BUILD)/$(1)/$(1)$(PDF_SUFFIX)-press.pdf.json)
SOURCES := $(shell find pipeline -name '*.py')
SITE_SOURCES := $(wildcard pipeline/site/*.py) pipeline/site/search.js pipeline/writers/address.py
# What the model is made by: everything but the download site's own modules, which a model never runs
MODEL_SOURCES := $(filter-out $(SITE_SOURCES) pipeline/writers/kepub.py,$(SOURCES))
FONTS := styles/fonts/Oswald-Medium.ttf styles/fonts/Oswald-Bold.ttf styles/fonts/RobotoCondensed-Medium.ttf \
         styles/fonts/RobotoCondensed-Bold.ttf
# Defined before the rules that name them: make expands a rule's prerequisites as it reads it.
ACE := .tools/node_modules/.bin/ace-puppeteer
AXE := .tools/node_modules/axe-core/axe.min.js
# The clients the tests read the site and the books with, as readers' apps do: Thorium's OPDS parser
# (r2-opds-js, BSD-3-Clause), NYPL's (opds-feed-parser, Apache-2.0), epub.js (BSD-2-Clause) with JSZip
# (MIT) in chromium, and stylelint (MIT), whose rule calibre's Check book reports on epub.css. Their
# install scripts only tidy their own sources, so they are skipped.
CLIENTS := .tools/node_modules/.clients
HOST ?= 127.0.0.1

.DELETE_ON_ERROR:
.PHONY: all outputs models html pdf epub kepub reports report check test clean help preview bench booklet press site serve lighthouse

all: outputs ## build every manuscript: HTML, print PDF, EPUB and report, then one summary line per issue
	$(Q)$(if $(MODELS),$(PY) -m pipeline summary $(MODELS) --paper $(PAPER),echo "no manuscripts (*.txt) in $(MANUSCRIPTS)")

outputs: html pdf epub reports

models: $(MODELS) ## read and normalize each manuscript once: build/<stem>/<stem>.issue.json

html: $(HTML) ## structured HTML: build/<stem>/<stem>.html

pdf: $(PDF) ## print PDF (PAPER=letter|a4|tabloid): build/<stem>/<stem>.pdf, <stem>-a4.pdf, <stem>-tabloid.pdf

epub: $(EPUB) ## EPUB 3 for e-readers: build/<stem>/<stem>.epub (SOURCE_DATE_EPOCH: default the issue date)

kepub: $(KEPUB) ## the Kobo edition: build/<stem>/<stem>.kepub.epub (the EPUB with Kobo's spans and wrappers)

site: $(SITE_MANIFEST) ## the download site, its search and OPDS catalogs: build/site/ (copy it to any web host as it is)

serve: $(SITE_MANIFEST) ## serve build/site/ on 127.0.0.1 (PORT=8000; HOST=0.0.0.0 shows it to the network)
	$(Q)$(PY) -m pipeline serve $(SITE) --host $(HOST) --port $(PORT)
booklet: $(BOOKLET_PDFS) $(REPORTS) ## folded handout (BOOKLET=letter|tabloid): build/<stem>/<stem>-booklet.pdf, then how to print it
	$(Q)$(if $(MODELS),$(PY) -m pipeline summary $(MODELS) --paper $(PAPER) --booklet $(BOOKLET),true)

press: $(PRESS_PDFS) $(REPORTS) ## print shop PDF (PAPER=…): 3 mm bleed, crop marks, PDF/X-4: build/<stem>/<stem>-press.pdf
	$(Q)$(if $(MODELS),$(PY) -m pipeline summary $(MODELS) --paper $(PAPER) --press,true)

reports: $(REPORTS) ## the editor's report of each issue, with the print figures: build/<stem>/report.md

# The rules of one issue: its model, then each output from the model.
# The photo folder beside a manuscript (manuscripts/<stem>/, pipeline/readers/photos.py): its files are read
# by the model (their sizes) and embedded by every output.
define ISSUE_RULES
$(BUILD)/$(1)/$(1).issue.json: $(call MANUSCRIPT,$(1)) $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(wildcard $(MANUSCRIPTS)/$(1)/*) $(PUBLICATION) $(MODEL_SOURCES) $(VENV)/.installed
	$(Q)$(PY) -m pipeline model $(call MANUSCRIPT,$(1)) -o $$@ --publication $(PUBLICATION)
$(BUILD)/$(1)/$(1).html: $(BUILD)/$(1)/$(1).issue.json styles/screen.css $(wildcard $(MANUSCRIPTS)/$(1)/*)
	$(Q)$(PY) -m pipeline html $$< -o $$@
$(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf $(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf.json &: $(BUILD)/$(1)/$(1).issue.json styles/print.css styles/paper-$(PAPER).css $(FONTS) $(wildcard $(MANUSCRIPTS)/$(1)/*)
	$(Q)$(PY) -m pipeline pdf $$< -o $(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf --paper $(PAPER) --stats $(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf.json
$(BUILD)/$(1)/$(1).epub: $(BUILD)/$(1)/$(1).issue.json styles/epub.css $(FONTS) $(wildcard $(MANUSCRIPTS)/$(1)/*)
	$(Q)$(PY) -m pipeline epub $$< -o $$@
$(BUILD)/$(1)/$(1).kepub.epub: $(BUILD)/$(1)/$(1).epub pipeline/writers/kepub.py
	$(Q)$(PY) -m pipeline kepub $$< -o $$@
$(BUILD)/$(1)/$(1).entry.json $(BUILD)/$(1)/$(1).stories.json $(BUILD)/$(1)/$(1).words.json &: $(BUILD)/$(1)/$(1).issue.json \
		$(BUILD)/$(1)/$(1).html $(BUILD)/$(1)/$(1).epub $(BUILD)/$(1)/$(1).kepub.epub $(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf \
		$(call SITE_EXTRAS,$(1)) $(wildcard $(MANUSCRIPTS)/$(1)/*) $(SITE_SOURCES)
	$(Q)$(PY) -m pipeline site-issue $(BUILD)/$(1)/$(1).issue.json --site $(SITE)
$(BUILD)/$(1)/$(1)-booklet$(BOOKLET_SUFFIX).pdf $(BUILD)/$(1)/$(1)-booklet$(BOOKLET_SUFFIX).pdf.json &: $(BUILD)/$(1)/$(1).issue.json styles/print.css styles/paper-half-letter.css styles/paper-letter.css $(FONTS)
	$(Q)$(PY) -m pipeline booklet $$< -o $(BUILD)/$(1)/$(1)-booklet$(BOOKLET_SUFFIX).pdf --booklet $(BOOKLET) --stats $(BUILD)/$(1)/$(1)-booklet$(BOOKLET_SUFFIX).pdf.json
$(BUILD)/$(1)/$(1)$(PDF_SUFFIX)-press.pdf $(BUILD)/$(1)/$(1)$(PDF_SUFFIX)-press.pdf.json &: $(BUILD)/$(1)/$(1).issue.json styles/print.css styles/paper-$(PAPER).css styles/press.css $(FONTS)
	$(Q)$(PY) -m pipeline press $$< -o $(BUILD)/$(1)/$(1)$(PDF_SUFFIX)-press.pdf --paper $(PAPER) --stats $(BUILD)/$(1)/$(1)$(PDF_SUFFIX)-press.pdf.json
$(BUILD)/$(1)/report.md: $(BUILD)/$(1)/$(1).issue.json $(BUILD)/$(1)/$(1)$(PDF_SUFFIX).pdf.json $(call HANDOUT_STATS,$(1))
	$(Q)$(PY) -m pipeline report $$< -o $$@ --stats $$(wildcard $(BUILD)/$(1)/*.pdf.json)
endef
$(foreach s,$(STEMS),$(eval $(call ISSUE_RULES,$(s))))

$(FONTS) &: scripts/fetch-fonts
	$(Q)bash scripts/fetch-fonts

check: $(EPUB) $(KEPUB) $(ACE) ## validate every EPUB and kepub: EPUBCheck (--failonwarnings) and Ace by DAISY
	$(Q)$(PY) -m pipeline check --ace $(EPUB)
	$(Q)$(PY) -m pipeline check $(KEPUB)

report: $(MODELS) ## print the warnings of every issue (reads the models; renders nothing)
	$(Q)$(if $(MODELS),$(PY) -m pipeline summary $(MODELS) --paper $(PAPER),true)

# The editor's preview: M is the manuscript; publication.yaml beside it, else the project's own.
PORT ?= 8000
preview: $(VENV)/.installed ## the editor's preview of M=manuscripts/x.txt on 127.0.0.1 (PORT=8000), rebuilt on save
	$(if $(M),,$(error make preview needs M=manuscripts/x.txt, the manuscript to preview))
	$(Q)$(PY) -m pipeline preview $(M) --port $(PORT) \
		--publication $(firstword $(wildcard $(dir $(M))publication.yaml) manuscripts/publication.yaml)

test: $(VENV)/.installed $(FONTS) $(ACE) $(AXE) $(CLIENTS) ## run the test suite (uses ../shared/corpus)
	$(PY) -m pytest

bench: $(VENV)/.installed $(FONTS) ## measure against bare WeasyPrint, pandoc, calibre: bench/RESULTS.md (BENCH_ARGS=--quick)
	$(PY) bench/run.py $(BENCH_ARGS)

clean: ## remove build/
	rm -rf $(BUILD)

help: ## list the targets and variables
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10
	@echo "variables: MANUSCRIPTS=$(MANUSCRIPTS) BUILD=$(BUILD) PAPER=$(PAPER) ($(PAPERS)) BOOKLET=$(BOOKLET) ($(BOOKLETS)) V=$(V) (1: show commands)"

# The site's pages, indexes, catalogs, feeds and search: from every issue's entry (only the pages of an
# issue whose entry, or other edition, changed are rewritten); its manifest lists what it wrote.
$(SITE_MANIFEST): $(ENTRIES) $(SITE_LIST) $(SITE_SOURCES) styles/site.css pipeline/writers/html.py pipeline/lang/labels.py
	$(Q)$(if $(ENTRIES),$(PY) -m pipeline site-index $(ENTRIES) --site $(SITE),echo "no manuscripts (*.txt) in $(MANUSCRIPTS)")

$(SITE_LIST):
	$(Q)mkdir -p $(BUILD) && echo '$(STEMS)' > $@

$(CLIENTS): $(ACE)
	$(Q)npm install --silent --no-fund --no-audit --ignore-scripts --prefix .tools r2-opds-js@1.0.47 \
		opds-feed-parser@0.1.0 epubjs@0.3.93 jszip@3.10.1 stylelint@16.10.0
	$(Q)touch $@

# Lighthouse 12 (Apache-2.0; 13 wants a newer Node than Debian's) on the site's index, issue and story
# pages, mobile and desktop, in Debian's chromium: bench/LIGHTHOUSE.md (not a test: it is a measure)
LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): $(ACE)
	$(Q)npm install --silent --no-fund --no-audit --prefix .tools/lighthouse lighthouse@12.2.3
	$(Q)touch $@

lighthouse: $(LIGHTHOUSE) $(SITE_MANIFEST) ## Lighthouse on the site's pages, mobile and desktop: bench/LIGHTHOUSE.md
	$(Q)$(PY) bench/lighthouse.py --site $(SITE)

# axe-core (MPL-2.0), the accessibility engine the site's browser test runs in chromium
$(AXE): $(ACE)
	$(Q)npm install --silent --no-fund --no-audit --prefix .tools axe-core@4.14.1
	$(Q)touch $@

# Ace by DAISY, run headless in Debian's chromium (its own browser download is skipped: no network)
$(ACE): scripts/bootstrap-system
	$(Q)WITH_BROWSER=1 PYTHON=$(PYTHON) bash scripts/bootstrap-system
	$(Q)PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --silent --no-fund --no-audit \
		--prefix .tools @daisy/ace@1.4.6
	$(Q)touch $@

$(VENV)/.installed: pyproject.toml scripts/bootstrap-system
	@echo "setup: system packages, then the virtualenv $(VENV)"
	$(Q)PYTHON=$(PYTHON) bash scripts/bootstrap-system
	$(Q)$(PYTHON) -m venv $(VENV)
	$(Q)$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	$(Q)touch $@
