# Every target bootstraps its own .venv; nothing depends on what was installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test check lint types verify bench golden clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@echo "== judge show sigmoid"
	@$(BIN)/judge show sigmoid --lang en
	@echo "== judge run softmax on the reference solution"
	@$(BIN)/judge run softmax solutions/softmax.py
	@echo "== judge run softmax on a naive softmax (no max subtraction): not accepted, exit 1 expected"
	@$(BIN)/judge run softmax tests/data/submissions/run_time_error/softmax__no_max_subtraction.py --fail-fast || true

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check judge tests
	$(BIN)/ruff format --check judge

types: $(STAMP)
	$(BIN)/mypy

verify: $(STAMP)
	$(BIN)/judge verify

check: lint types test verify

bench: $(STAMP)
	$(BIN)/judge bench

golden: $(STAMP)
	JUDGE_UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_golden.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
