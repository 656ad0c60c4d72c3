# Leitmotif: two commands do all the set-up.
#   make run    installs what the build needs, builds in release mode, opens the app
#   make test   installs what the tests need, runs every test
CARGO ?= cargo
BIN ?= target/release/leitmotif
PREFIX ?= $(HOME)/.local
APPS := $(PREFIX)/share/applications
ICONS := $(PREFIX)/share/icons/hicolor
SHARE := $(PREFIX)/share/leitmotif

.PHONY: run build test test-deps deps lint fmt demo screenshots bench soak fuzz clean help install uninstall

help:
	@echo "make run     build (release) and open Leitmotif on the demo library"
	@echo "make test    install the test tools and run every test"
	@echo "make lint    rustfmt check and clippy with warnings as errors"
	@echo "make bench   generate 10k/50k-file libraries, measure Leitmotif and its peers (beets,"
	@echo "             mutagen, ffmpeg), write bench/results.md (BENCH_ARGS=--quick for a short run)"
	@echo "make soak    the long session: 1,000 tracks, 10,000 random commands (make test runs 200/2,000)"
	@echo "make fuzz    run each fuzz target for FUZZ_SECONDS (default 60) seconds"
	@echo "make screenshots  draw every view (tiny-skia, no display) into docs/*.png"
	@echo "make demo    synthesise the demo library again (needs sox, flac, vorbis-tools, lame)"
	@echo "make install      put leitmotif, its desktop file, icons and demo under PREFIX (default ~/.local)"
	@echo "make uninstall    remove exactly what make install put there"

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

# Measurements against the targets of issue 8, beside beets, mutagen and ffmpeg (installed
# into target/bench-venv by the script itself). Libraries go to $$LEITMOTIF_BENCH_DIR
# (default /tmp/leitmotif-bench) and are reused.
bench:
	@tools/install-deps.sh bench
	python3 bench/run.py $(BENCH_ARGS)

# libFuzzer on each target for FUZZ_SECONDS (default 60); see fuzz/run.sh.
fuzz: deps
	fuzz/run.sh

soak: test-deps
	LEITMOTIF_SOAK=full $(CARGO) test --locked --test soak -- --nocapture

# The views drawn by the headless UI tests, kept as pictures for the README.
screenshots: deps
	LEITMOTIF_SNAPSHOT_DIR=$(CURDIR)/docs $(CARGO) test --locked --test ui -- --test-threads 1
	@for f in docs/*-tiny-skia.png; do mv "$$f" "$${f%-tiny-skia.png}.png"; done
	@ls docs/*.png

clean:
	$(CARGO) clean

# The files `make install` places, and nothing else: `make uninstall` removes exactly these.
INSTALLED := $(PREFIX)/bin/leitmotif $(APPS)/leitmotif.desktop \
	$(ICONS)/scalable/apps/leitmotif.svg $(ICONS)/48x48/apps/leitmotif.png \
	$(ICONS)/128x128/apps/leitmotif.png $(ICONS)/256x256/apps/leitmotif.png

install:
	@[ -x "$(BIN)" ] || $(MAKE) build
	install -Dm755 "$(BIN)" "$(PREFIX)/bin/leitmotif"
	install -Dm644 assets/leitmotif.desktop "$(APPS)/leitmotif.desktop"
	install -Dm644 assets/icons/leitmotif.svg "$(ICONS)/scalable/apps/leitmotif.svg"
	install -Dm644 assets/icons/leitmotif-48.png "$(ICONS)/48x48/apps/leitmotif.png"
	install -Dm644 assets/icons/leitmotif-128.png "$(ICONS)/128x128/apps/leitmotif.png"
	install -Dm644 assets/icons/leitmotif-256.png "$(ICONS)/256x256/apps/leitmotif.png"
	rm -rf "$(SHARE)/demo" && mkdir -p "$(SHARE)" && cp -r assets/demo "$(SHARE)/demo"
	-command -v update-desktop-database >/dev/null && update-desktop-database -q "$(APPS)"
	-command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$(ICONS)"
	@echo "Installed Leitmotif under $(PREFIX); it is in your desktop's menu."

uninstall:
	rm -f $(foreach f,$(INSTALLED),"$(f)")
	rm -rf "$(SHARE)"
	-command -v update-desktop-database >/dev/null && update-desktop-database -q "$(APPS)"
	@echo "Removed Leitmotif from $(PREFIX)."
