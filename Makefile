# Photo Desk. Every target installs what it needs first (scripts/deps.sh), so a
# fresh Debian 12 machine needs only Go and make. The Go build cache is left
# where it is between targets: the Fyne C build is slow (about 3-4 min cold).

GO       ?= go
TAGS     := migrated_fynedo
TOOL     := $(GO) tool -modfile=tools/go.mod
# The packager is built for the host once: `go tool` under GOOS=windows would
# build the tool itself for Windows.
FYNE     := $(CURDIR)/bin/fyne
BIN      := photodesk
DIST     := dist
FUZZTIME ?= 5s
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
		echo "fuzz $$pkg $$name for $(FUZZTIME)"; \
		$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	done

# bench prints one table (internal/benchtable); bench-all runs every package's benchmarks.
bench: deps-test build
	PHOTODESK_BIN=$(CURDIR)/$(BIN) scripts/desktop-session.sh $(GO) test -tags $(TAGS) -run '^$$' -bench '^BenchmarkTable$$' $(BENCHFLAGS) -timeout 30m ./internal/benchtable

bench-all: deps-test build
	PHOTODESK_BIN=$(CURDIR)/$(BIN) scripts/desktop-session.sh $(GO) test -tags $(TAGS) -run '^$$' -bench . $(BENCHFLAGS) ./...

# fyne package rewrites FyneApp.toml (it bumps Build), so package from a copy
# of the tree and leave the work tree clean.
$(FYNE): tools/go.mod tools/go.sum
	$(GO) build -modfile=tools/go.mod -o $(FYNE) fyne.io/tools/cmd/fyne

package: deps-package $(FYNE)
	@rm -rf $(DIST) && mkdir -p $(DIST)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		tar -c --exclude=./.git --exclude=./$(DIST) --exclude=./$(BIN) --exclude=./bin . | tar -x -C "$$tmp" && \
		( cd "$$tmp" && $(FYNE) package --target linux --release --tags $(TAGS) ) && \
		mv "$$tmp/Photo Desk.tar.xz" $(DIST)/photodesk-linux-amd64.tar.xz && \
		( cd "$$tmp" && CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
			$(FYNE) package --target windows --release --tags $(TAGS) ) && \
		mv "$$tmp/Photo Desk.exe" $(DIST)/photodesk-windows-amd64.exe
	@ls -l $(DIST)

generate:
	$(GO) generate ./...

clean:
	rm -rf $(BIN) $(DIST) bin
