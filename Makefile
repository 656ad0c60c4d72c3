# Leitmotif: two commands do all the set-up.
#   make run    installs what the build needs, builds in release mode, opens the app
#   make test   installs what the tests need, runs every test
CARGO ?= cargo
BIN ?= target/release/leitmotif
PREFIX ?= $(HOME)/.local
APPS := $(PREFIX)/share/applications
ICONS := $(PREFIX)/share/icons/hicolor
SHARE := $(PREFIX)/share/leitmotif

# The application's one id: the desktop file's name, the AppStream id and the window's class.
APP_ID := io.github.leitmotif_player.leitmotif
# cargo-deb, installed here by `make deb` when it is not on PATH.
TOOLS := $(CURDIR)/target/tools

.PHONY: run build test test-deps deps deb deb-deps lint fmt demo screenshots bench soak fuzz clean help install uninstall

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
	@echo "make deb    build a Debian package (target/debian/leitmotif_*.deb) with cargo-deb;"
	@echo "             install it with: sudo apt install ./target/debian/leitmotif_*.deb"

deps:
	@tools/install-deps.sh build

test-deps:
	@tools/install-deps.sh test

build: deps
	$(CARGO) build --release --locked

run: build
	./$(BIN) $(ARGS)

# A Debian package: cargo-deb builds the release binary and lays out what
# [package.metadata.deb] in Cargo.toml lists; the desktop file and the AppStream
# metadata are checked first.
deb: deb-deps
	desktop-file-validate assets/$(APP_ID).desktop
	appstreamcli validate --no-net --pedantic assets/$(APP_ID).metainfo.xml
	PATH="$(TOOLS)/bin:$$PATH" $(CARGO) deb --locked --output target/debian/
	@ls target/debian/*.deb

# dpkg-dev (dpkg-shlibdeps works out the libraries the binary links), the
# validators, and cargo-deb itself (into target/tools, once, from crates.io).
deb-deps:
	@tools/install-deps.sh deb
	@PATH="$(TOOLS)/bin:$$PATH" command -v cargo-deb >/dev/null 2>&1 || { \
	  echo "Installing cargo-deb into $(TOOLS) (once; a few minutes)"; \
	  $(CARGO) install cargo-deb --locked --root "$(TOOLS)"; }

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
ICON_SIZES := 16 32 48 64 128 256 512
INSTALLED := $(PREFIX)/bin/leitmotif $(APPS)/$(APP_ID).desktop \
	$(ICONS)/scalable/apps/$(APP_ID).svg \
	$(foreach s,$(ICON_SIZES),$(ICONS)/$(s)x$(s)/apps/$(APP_ID).png) \
	$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml
# What make install placed before the application had its reverse-DNS id.
OLD_NAMES := $(APPS)/leitmotif.desktop $(ICONS)/scalable/apps/leitmotif.svg \
	$(foreach s,48 128 256,$(ICONS)/$(s)x$(s)/apps/leitmotif.png)

install:
	@[ -x "$(BIN)" ] || $(MAKE) build
	install -Dm755 "$(BIN)" "$(PREFIX)/bin/leitmotif"
	install -Dm644 assets/$(APP_ID).desktop "$(APPS)/$(APP_ID).desktop"
	install -Dm644 assets/icons/leitmotif.svg "$(ICONS)/scalable/apps/$(APP_ID).svg"
	for s in $(ICON_SIZES); do \
	  install -Dm644 "assets/icons/leitmotif-$$s.png" "$(ICONS)/$${s}x$${s}/apps/$(APP_ID).png" || exit 1; \
	done
	install -Dm644 assets/$(APP_ID).metainfo.xml "$(PREFIX)/share/metainfo/$(APP_ID).metainfo.xml"
	rm -rf "$(SHARE)/demo" && mkdir -p "$(SHARE)" && cp -r assets/demo "$(SHARE)/demo"
	-command -v update-desktop-database >/dev/null && update-desktop-database -q "$(APPS)"
	-command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$(ICONS)"
	@echo "Installed Leitmotif under $(PREFIX); it is in your desktop's menu."

uninstall:
	rm -f $(foreach f,$(INSTALLED) $(OLD_NAMES),"$(f)")
	rm -rf "$(SHARE)"
	-command -v update-desktop-database >/dev/null && update-desktop-database -q "$(APPS)"
	@echo "Removed Leitmotif from $(PREFIX)."
