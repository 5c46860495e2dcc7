# StreamGate. `make run` and `make test` set up what they need themselves.
GO      ?= go
export PATH := $(CURDIR)/bin:$(PATH)

# Fuzz targets as package:Target; `make fuzz` runs each for FUZZTIME.
FUZZTIME ?= 30s
FUZZ := ./edge:FuzzParseRoute ./edge:FuzzParseRange ./signer/token:FuzzVerify ./signer/token:FuzzParseJWKS ./asset/policy:FuzzParse ./asset:FuzzValidID \
	./signer/siwe:FuzzParse ./signer/siwe:FuzzRecoverEIP191 \
	./signer:FuzzUnwrap6492 ./signer:FuzzDecodeVerify ./signer:FuzzBearer \
	./transcoder:FuzzParseSpec ./transcoder:FuzzParseProbe ./contracts/ownership:FuzzParseInvalidations

.PHONY: run test deps build bench fuzz lint gen first-contact

build:
	$(GO) build -o bin/streamgate ./cmd/streamgate

deps:
	bash .ci/deps

test: deps
	$(GO) vet ./...
	bin/tflint --chdir deploy/terraform --recursive --config "$(CURDIR)/deploy/terraform/.tflint.hcl"
	$(GO) test -race -timeout 20m ./...
	# Allocation budgets of the hot path only hold without -race's instrumentation.
	$(GO) test -run 'Allocs' ./edge ./contracts/ownership
	$(MAKE) first-contact

# A fresh clone of HEAD at another path runs `make run` on free ports and an
# independent client signs in and plays (.ci/first-contact).
first-contact:
	bash .ci/first-contact

bench: deps build
	$(GO) test -run '^$$' -bench . -benchmem ./edge ./signer ./signer/token ./signer/siwe ./contracts/ownership ./contracts/indexer
	$(GO) test -run '^$$' -bench BenchmarkJob -benchtime 4x -timeout 30m ./transcoder
	$(GO) run ./bench/edgevsnginx -streamgate bin/streamgate -rate playlist=30000,segment=1000,key=30000
	$(GO) run ./bench/premiere -streamgate bin/streamgate -compare

fuzz:
	@set -e; for t in $(FUZZ); do \
		echo "fuzz $$t"; $(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}"; \
	done

# gofmt, go vet, then golangci-lint with .golangci.yml (bin/golangci-lint,
# pinned and built by `make deps`).
lint: deps
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt: $$out"; exit 1; fi
	$(GO) vet ./...
	bin/golangci-lint run ./...

# Solidity artifacts (solc from npm) and their Go bindings (abigen).
gen: deps
	$(GO) generate ./contracts/...

# The whole product on one machine: dev chain on 127.0.0.1:8545, the pass
# deployed and minted to a dev viewer, a sample transcoded into the local
# origin, edge + signer + watch page on 127.0.0.1:8080. Ctrl-C stops it.
# ARGS go to `streamgate demo`, e.g. ARGS='--listen 127.0.0.1:9080 --rpc
# 127.0.0.1:9545 --sample-seconds 4'; --dapp-origin http://localhost:5173
# (repeatable) lets a dApp on another port sign in and call the signer.
ARGS ?=
run: build
	bash .ci/deps --run
	bin/streamgate demo $(ARGS)
