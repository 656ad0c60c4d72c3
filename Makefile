# Leitmotif: two commands do all the set-up.
#   make run    installs what the build needs, builds in release mode, opens the app
#   make test   installs what the tests need, runs every test
CARGO ?= cargo
BIN := target/release/leitmotif

.PHONY: run build test test-deps deps lint fmt demo clean help

help:
	@echo "make run     build (release) and open Leitmotif on the demo library"
	@echo "make test    install the test tools and run every test"
	@echo "make lint    rustfmt check and clippy with warnings as errors"
	@echo "make demo    synthesise the demo library again (needs sox, flac, vorbis-tools, lame)"

deps:
	@tools/install-deps.sh build

test-deps:
	@tools/install-deps.sh test

build: deps
	$(CARGO) build --release --locked

run: build
	./$(BIN) $(ARGS)

test: test-deps
	$(CARGO) test --locked --all-targets

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

demo:
	tools/make-demo.sh

clean:
	$(CARGO) clean
