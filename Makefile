# Photo Desk. Every target installs what it needs first (scripts/deps.sh), so a
# fresh Debian 12 machine needs only Go and make. The Go build cache is left
# where it is between targets: the Fyne C build is slow (about 3-4 min cold).

GO       ?= go
# no_emoji leaves out Fyne's 4 MB colour emoji font: it was embedded in the
# binary and parsed again for every text style the window draws (about 16 MB
# of resident memory); emoji in a name are drawn from the system's fonts.
TAGS     := migrated_fynedo,no_emoji
TOOL     := $(GO) tool -modfile=tools/go.mod
# The packager is built for the host once: `go tool` under GOOS=windows would
# build the tool itself for Windows.
FYNE     := $(CURDIR)/bin/fyne
BIN      := photodesk
DIST     := dist
# A count, not a duration: Go 1.26's fuzz coordinator can report a spurious
# "context deadline exceeded" failure when a duration runs out under load
# (go.dev/issue/75804, fixed in Go 1.27). 10000 runs take a few seconds for the
# slowest target here.
FUZZTIME ?= 10000x
BENCHFLAGS ?= -benchtime=1x
# Fuzz targets run for FUZZTIME each in `make test`: package:FuzzName.
FUZZ     := ./graphapi:FuzzDecodeError ./graphapi:FuzzDecodeBatch ./graphapi:FuzzParseRetryAfter \
            ./graphapi/sandbox:FuzzParseFaults ./graphapi/sandbox:FuzzQueryParsers ./graphapi/sandbox:FuzzHandler \
            ./app/photoedit:FuzzExifOrientation ./app/photoedit:FuzzLoad

.PHONY: run build test lint unit fuzz bench bench-all package clean deps-run deps-test deps-package generate

run: deps-run build
	./$(BIN)

build:
	$(GO) build -buildvcs=auto -tags $(TAGS) -o $(BIN) .

deps-run:
	@scripts/deps.sh run
deps-test:
	@scripts/deps.sh test
deps-package:
	@scripts/deps.sh package

test: deps-test lint unit fuzz

lint:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy (diff above): run go mod tidy"; exit 1; }
	@cd tools && $(GO) mod tidy -diff || { echo "tools/go.mod/go.sum are not tidy (diff above): run cd tools && go mod tidy"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...
	$(TOOL) staticcheck -tags $(TAGS) ./...
	@out=$$($(TOOL) gofumpt -l $$(git ls-files '*.go')); \
		if [ -n "$$out" ]; then echo "gofumpt would reformat:"; echo "$$out"; exit 1; fi

# Unit, UI and integration tests under a desktop session (the UI tests take
# about a minute under -race; the timeout leaves room for slow machines): Xvfb for the
# clipboard, a session bus with an unlocked gnome-keyring for the keyring.
unit: build
	PHOTODESK_BIN=$(CURDIR)/$(BIN) scripts/desktop-session.sh $(GO) test -race -timeout 25m -tags $(TAGS) -count=1 ./...

fuzz:
	@for f in $(FUZZ); do \
		pkg=$${f%%:*}; name=$${f##*:}; \
		echo "fuzz $$pkg $$name, $(FUZZTIME)"; \
		$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# bench prints one table (internal/benchtable) and the bulk import's run
# next to its floor; bench-all runs every package's benchmarks.
bench: deps-test build
	PHOTODESK_BIN=$(CURDIR)/$(BIN) scripts/desktop-session.sh $(GO) test -tags $(TAGS) -run '^$$' -bench '^BenchmarkTable$$' $(BENCHFLAGS) -timeout 30m ./internal/benchtable
	$(GO) test -tags $(TAGS) -run '^$$' -bench '^BenchmarkImport500$$' $(BENCHFLAGS) -timeout 30m ./app/importer

bench-all: deps-test build
	PHOTODESK_BIN=$(CURDIR)/$(BIN) scripts/desktop-session.sh $(GO) test -tags $(TAGS) -run '^$$' -bench . $(BENCHFLAGS) ./...

# One version for every artifact, from FyneApp.toml's [Details] Version (the
# file `fyne package` and `photodesk --version` read too).
VERSION  := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' FyneApp.toml | head -n1)
TARBALL  := $(DIST)/photodesk-$(VERSION)-linux-amd64.tar.xz
WINEXE   := $(DIST)/photodesk-$(VERSION)-windows-amd64.exe
SETUP    := $(DIST)/photodesk-$(VERSION)-setup.exe
DEB      := $(DIST)/photodesk_$(VERSION)_amd64.deb
# The Windows test's helpers, built into bin/: the bcryptprimitives.dll shim
# Wine 8 needs for Go binaries, and the Credential Manager checker.
WINSHIM  := bin/wine/bcryptprimitives.dll
CREDCHECK := bin/wine/wincredcheck.exe
DROPTARGET := bin/wine/windroptarget.exe
MINGW    := x86_64-w64-mingw32-gcc
WINENV   := CC=$(MINGW) GOOS=windows GOARCH=amd64 CGO_ENABLED=1

$(FYNE): tools/go.mod tools/go.sum
	$(GO) build -modfile=tools/go.mod -o $(FYNE) fyne.io/tools/cmd/fyne

.PHONY: package package-linux package-windows deb installer test-windows test-install deps-windows deps-install version

version:
	@echo $(VERSION)

# Every artifact is a file target that depends on the sources, so a test
# target reuses what `make package` built and rebuilds only what is stale.
SOURCES  := $(shell git ls-files '*.go' go.mod go.sum FyneApp.toml resources)
package: $(TARBALL) $(WINEXE) $(DEB) $(SETUP)
	@grep -q 'photodesk-$(VERSION)-setup.exe' README.md || \
		{ echo "README.md's Install section names another version than FyneApp.toml ($(VERSION)): update it"; exit 1; }
	@ls -l $(DIST)
package-linux: $(TARBALL)
package-windows: $(WINEXE)
deb: $(DEB)
installer: $(SETUP)

# fyne package rewrites FyneApp.toml (it bumps Build), so package from a copy
# of the tree and leave the work tree clean.
# fyne package for one target (linux or windows) from a copy of the tree:
# $(1) the target, $(2) the file fyne writes, $(3) where it goes, $(4) the
# environment (the cross compiler for windows).
define fyne_package
	@echo "fyne package --target $(1) -> $(3)"
	@mkdir -p $(DIST)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		tar -c --exclude=./.git --exclude=./$(DIST) --exclude=./$(BIN) --exclude=./bin . | tar -x -C "$$tmp" && \
		( cd "$$tmp" && $(4) $(FYNE) package --target $(1) --release --tags $(TAGS) ) && \
		mv "$$tmp/$(2)" $(3)
endef

$(TARBALL): $(SOURCES) | deps-package $(FYNE)
	$(call fyne_package,linux,Photo Desk.tar.xz,$@,)

# The exe carries the icon and the version resource (FileVersion,
# ProductVersion) that fyne package writes from FyneApp.toml.
$(WINEXE): $(SOURCES) | deps-package $(FYNE)
	$(call fyne_package,windows,Photo Desk.exe,$@,$(WINENV))

# The .deb is made from the tarball's binary, so both ship the same build.
$(DEB): $(TARBALL) scripts/build-deb.sh $(wildcard packaging/linux/*) | deps-package
	scripts/build-deb.sh $(VERSION) $(TARBALL) $@

$(SETUP): $(WINEXE) scripts/build-installer.sh $(wildcard packaging/windows/*) | deps-package
	scripts/build-installer.sh $(VERSION) $(WINEXE) $@

deps-windows:
	@scripts/deps.sh windows
deps-install:
	@scripts/deps.sh install

$(WINSHIM): scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def | deps-windows
	@mkdir -p $(dir $@)
	$(MINGW) -shared -O2 -o $@ $^ -ladvapi32

$(CREDCHECK): $(SOURCES) | deps-windows
	@mkdir -p $(dir $@)
	$(WINENV) $(GO) build -o $@ ./internal/wincredcheck

$(DROPTARGET): $(SOURCES) | deps-windows
	@mkdir -p $(dir $@)
	$(WINENV) $(GO) build -o $@ ./internal/windroptarget

# The Windows build under Wine: the packaged exe and installer, the command
# line, the Credential Manager, file names, the window (screenshot checked
# for photos), a silent install and uninstall. See scripts/test-windows.sh.
test-windows: $(WINEXE) $(SETUP) $(WINSHIM) $(CREDCHECK) $(DROPTARGET) | deps-windows
	scripts/test-windows.sh $(VERSION) $(WINEXE) $(SETUP) $(WINSHIM) $(CREDCHECK) $(DROPTARGET)

# The .deb installed into a throwaway root, run, validated, removed.
test-install: $(DEB) | deps-install
	scripts/test-deb.sh $(VERSION) $(DEB)

generate:
	$(GO) generate ./...

clean:
	rm -rf $(BIN) $(DIST) bin
