# Newspaper pipeline. `make` builds every manuscript; `make test` runs the tests; `make help` lists all.
# Both set up what they need first: system packages (Debian, as root), then the virtualenv .venv.

MANUSCRIPTS ?= manuscripts
BUILD ?= build
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# publication.yaml beside the manuscripts, else the project's own
PUBLICATION ?= $(firstword $(wildcard $(MANUSCRIPTS)/publication.yaml) manuscripts/publication.yaml)

STEMS := $(sort $(basename $(notdir $(wildcard $(MANUSCRIPTS)/*.txt))))
HTML := $(foreach s,$(STEMS),$(BUILD)/$(s)/$(s).html)
SOURCES := $(shell find pipeline -name '*.py') styles/screen.css

.DELETE_ON_ERROR:
.PHONY: all html report test clean help

all: html ## build every manuscript in $(MANUSCRIPTS) (HTML and report)

html: $(HTML) ## structured HTML and the editor's report: build/<stem>/<stem>.html, build/<stem>/report.md

# One rule per issue: build/<stem>/<stem>.html and report.md from the manuscript and its sidecars.
define ISSUE_RULES
$(BUILD)/$(1)/$(1).html $(BUILD)/$(1)/report.md &: $(MANUSCRIPTS)/$(1).txt $(wildcard $(MANUSCRIPTS)/$(1).yaml) $(PUBLICATION) $(SOURCES) $(VENV)/.installed
	$(PY) -m pipeline html $(MANUSCRIPTS)/$(1).txt -o $(BUILD)/$(1)/$(1).html --report $(BUILD)/$(1)/report.md --publication $(PUBLICATION)
endef
$(foreach s,$(STEMS),$(eval $(call ISSUE_RULES,$(s))))

report: $(HTML) ## print the warnings of every issue's report
	@for s in $(STEMS); do $(PY) -m pipeline report $(MANUSCRIPTS)/$$s.txt --publication $(PUBLICATION) --warnings; done

test: $(VENV)/.installed ## run the test suite (uses ../shared/corpus)
	$(PY) -m pytest

clean: ## remove build/
	rm -rf $(BUILD)

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 10
	@echo "variables: MANUSCRIPTS=$(MANUSCRIPTS) BUILD=$(BUILD)"

$(VENV)/.installed: pyproject.toml scripts/bootstrap-system
	PYTHON=$(PYTHON) bash scripts/bootstrap-system
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@
