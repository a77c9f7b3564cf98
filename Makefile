# Hotset: `make run` starts the engine with a local host agent; `make test` runs every test. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help deps guest build run test format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

deps: ## Install the Debian packages (QEMU 10, guest agent, busybox) and restore NuGet packages
	@scripts/install-deps.sh
	@dotnet restore Hotset.slnx -v q

guest: deps ## Build the tiny test guest (kernel + busybox + qemu-guest-agent initramfs) into .guest/
	@guest/build.sh

build: deps ## Build everything (and publish the web UI the engine serves)
	@dotnet build Hotset.slnx -c Release -nologo -clp:ErrorsOnly
	@scripts/publish-web.sh

run: guest ## Start the engine and a local host agent on http://127.0.0.1:8080 (SQLite under ./data)
	@scripts/run.sh

test: guest ## Install what the tests need, build, run all tests; ends with "N passed, N failed"
	@scripts/test.sh

format: ## Apply the code style
	@dotnet format Hotset.slnx

bench: guest ## Run the benchmarks and print their figures (see docs/benchmarks.md)
	@scripts/bench.sh

clean: ## Remove build output and the built guest
	@rm -rf artifacts .guest
