# StreamGate. `make run` and `make test` set up what they need themselves.
GO      ?= go
export PATH := $(CURDIR)/bin:$(PATH)

# Fuzz targets as package:Target; `make fuzz` runs each for FUZZTIME.
FUZZTIME ?= 30s
FUZZ := ./edge:FuzzParseRoute ./signer/token:FuzzVerify ./signer/token:FuzzParseJWKS ./signer/policy:FuzzParse \
	./signer/siwe:FuzzParse ./signer/siwe:FuzzRecoverEIP191 \
	./signer:FuzzUnwrap6492 ./signer:FuzzDecodeVerify ./signer:FuzzBearer

.PHONY: run test deps build bench fuzz lint gen

build:
	$(GO) build -o bin/streamgate ./cmd/streamgate

deps:
	bash .ci/deps

test: deps
	$(GO) vet ./...
	$(GO) test -race -timeout 20m ./...

bench: deps build
	$(GO) test -run '^$$' -bench . -benchmem ./edge ./signer ./signer/token ./signer/siwe ./contracts/ownership
	$(GO) run ./bench/edgevsnginx -streamgate bin/streamgate

fuzz:
	@set -e; for t in $(FUZZ); do \
		echo "fuzz $$t"; $(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}"; \
	done

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...

# Solidity artifacts (solc from npm) and their Go bindings (abigen).
gen: deps
	$(GO) generate ./contracts/...

# Until `streamgate demo` exists: an edge on a local folder with a generated,
# public sample asset, and a playback URL for any HLS player.
run: build
	bash .ci/deps --media-only
	bash .ci/sample .streamgate
	@echo
	@echo "Play:  ffplay \"http://127.0.0.1:8080/t/$$(bin/streamgate token mint --key .streamgate/keys/signing.pem --sub 0x00000000000000000000000000000000000000aa --asset sample --ttl 24h)/v/sample/master.m3u8\""
	@echo
	bin/streamgate edge --config configs/edge.yaml
