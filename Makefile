# Two commands do everything on a fresh Debian machine (as root, or with sudo):
#   make demo   set up, then analyse the seed sample and print its report
#   make test   set up, then run lint and the whole test suite
# Both are idempotent: a second run skips the set-up it has already done.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_PACKAGES := tesseract-ocr tesseract-ocr-eng fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-noto-color-emoji chromium strace
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system demo test lint format samples expected bench clean

setup: system $(STAMP)

system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# torch is pinned: an unpinned torch pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -c constraints.txt -e '.[ml,caption,dask,dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/memeaudit analyze samples/distillation-meme.png

test: setup lint
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check memeaudit tests samples benchmarks
	$(BIN)/ruff format --check memeaudit tests samples benchmarks

format: setup
	$(BIN)/ruff check --fix memeaudit tests samples benchmarks
	$(BIN)/ruff format memeaudit tests samples benchmarks

# Re-render the sample images, then their expected reports (review the diff before committing).
samples: setup
	$(BIN)/python samples/make_samples.py

expected: setup
	$(BIN)/python samples/make_expected.py

bench: setup
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
