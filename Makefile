# Careers API — developer and CI entry points.
#   make up | down        start/stop PostgreSQL + Redis (scripts/services.sh)
#   make build            build the solution (Release)
#   make migrate | seed   apply migrations / load demo data
#   make run              seed demo data, then serve on http://localhost:8080 (foreground)
#   make test             lint openapi.yaml (if any) and run all tests (TRX in TestResults/)
#   make check-observability  validate compose.yaml's observability profile and the Grafana dashboard (part of make test)
#   make clients          regenerate the TypeScript client's types from openapi.yaml (clients/typescript)
#   make site             serve the example careers site (examples/website) on http://localhost:3000
#   make api-key NAME=n   print a new admin API key (SCOPES="postings:read …" to narrow it)
#   make bench SIZE=N     run the benchmark (bench/run.sh)
#   make format | clean
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

SLN           := Careers.slnx
CONFIG        := Release
API_PROJECT   := api
API_DLL       := bin/$(CONFIG)/net10.0/Careers.Api.dll
URLS          := http://localhost:8080
SIZE          ?= 10000
SPECTRAL      := @stoplight/spectral-cli@6.16.3
RESULTS_DIR   := $(CURDIR)/TestResults
SERVICES      := bash scripts/services.sh
# What `make run` says about the website it serves: the demo's pages, employer and logo, where it serves the API
# (sitemap index), the pay rule of the EU Pay Transparency Directive, a key for webhook secrets
# (a demo value, public in this file: a deployment sets its own, `openssl rand -base64 32`), and
# webhook targets on this machine over http (a receiver you run next to the demo; never in production),
# and Prometheus text at http://localhost:9464/metrics (the metrics port, never the public one).
DEMO_SITE     := Careers__Site__PostingUrl='http://localhost:3000/{lang}/jobs/{slug}' \
                 Careers__Webhooks__SecretKey='ZGVtby1vbmx5OiBub3QgYSBzZWNyZXQgYXQgYWxsISE=' \
                 Careers__Webhooks__AllowInsecure=true Careers__Webhooks__AllowedTargets=127.0.0.1 \
                 Careers__Publishing__PayRequiredIn='EU' \
                 Careers__Site__OrganizationName='Example Company' \
                 Careers__Site__OrganizationUrl='https://www.example.com' \
                 Careers__Site__LogoUrl='https://www.example.com/logo.png' \
                 Careers__Site__ApiBaseUrl='http://localhost:8080' \
                 Careers__Metrics__Port=9464
# Prefix for recipe lines that need the connection strings in the environment.
WITH_ENV      := eval "$$($(SERVICES) env)" &&

export DOTNET_NOLOGO := 1
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: up down build migrate seed run test lint-openapi bench format clean api-key check-observability clients clients-check site browser

up:
	$(SERVICES) up

down:
	$(SERVICES) down

build:
	dotnet build $(SLN) -c $(CONFIG) -v minimal -nologo

migrate: up
	$(WITH_ENV) dotnet run --project $(API_PROJECT) -c $(CONFIG) -- migrate

seed: up
	$(WITH_ENV) dotnet run --project $(API_PROJECT) -c $(CONFIG) -- seed-demo

# Build once, then run the built dll twice (seed, then serve in the foreground; serving migrates first).
# Runs from api/ so the content root (appsettings*.json) matches `dotnet run --project api`.
run: up
	dotnet build $(API_PROJECT) -c $(CONFIG) -v minimal -nologo
	$(WITH_ENV) cd $(API_PROJECT) && dotnet $(API_DLL) seed-demo
	$(WITH_ENV) cd $(API_PROJECT) && exec env $(DEMO_SITE) dotnet $(API_DLL) --urls $(URLS)

# Prints a new admin API key (and nothing else on stdout): KEY=$$(make -s api-key NAME=recruiting-tool)
NAME   ?= admin
SCOPES ?= postings:read postings:write postings:publish
api-key:
	@$(SERVICES) up >&2
	@dotnet build $(API_PROJECT) -c $(CONFIG) -v quiet -nologo >/dev/null
	@$(WITH_ENV) cd $(API_PROJECT) && dotnet $(API_DLL) create-api-key --name "$(NAME)" $(foreach s,$(SCOPES),--scope $(s))

lint-openapi:
	@if [[ ! -f openapi.yaml ]]; then \
	  echo "lint: no openapi.yaml, skipping Spectral"; \
	elif [[ ! -f .spectral.yaml ]]; then \
	  echo "lint: no .spectral.yaml, skipping Spectral lint of openapi.yaml"; \
	else \
	  echo "npx --yes $(SPECTRAL) lint openapi.yaml --ruleset .spectral.yaml --fail-severity=error"; \
	  npx --yes $(SPECTRAL) lint openapi.yaml --ruleset .spectral.yaml --fail-severity=error; \
	fi

# With a Docker engine the tests start their own servers (Testcontainers); otherwise
# start PostgreSQL + Redis natively and hand them to the tests through CAREERS_TEST_*.
TEST_ARGS := $(SLN) -c $(CONFIG) \
	--logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
	--results-directory "$(RESULTS_DIR)"

# The sanitizer's tests render through marked (npm), pinned in tests/Renderers: installed when missing or stale.
RENDERERS := tests/Renderers/node_modules/.package-lock.json
$(RENDERERS): tests/Renderers/package-lock.json
	cd tests/Renderers && npm ci --no-audit --no-fund

# No Docker engine here or on CI: docker-compose config and the dashboard's JSON, nothing started.
check-observability:
	bash scripts/check-observability.sh

# The TypeScript client (clients/typescript): its types are generated from openapi.yaml by
# openapi-typescript, pinned in its package-lock.json, and committed. `make clients` regenerates them;
# `make test` fails when the committed file differs from what openapi.yaml generates (drift), or when
# the hand-written entry (index.js/index.d.ts) no longer type-checks against them.
TS_CLIENT  := clients/typescript
TS_MODULES := $(TS_CLIENT)/node_modules/.package-lock.json
$(TS_MODULES): $(TS_CLIENT)/package-lock.json
	cd $(TS_CLIENT) && npm ci --no-audit --no-fund

clients: $(TS_MODULES)
	cd $(TS_CLIENT) && npx openapi-typescript ../../openapi.yaml -o schema.d.ts

clients-check: $(TS_MODULES)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  (cd $(TS_CLIENT) && npx openapi-typescript ../../openapi.yaml -o "$$tmp/schema.d.ts" >/dev/null) && \
	  if ! diff -u $(TS_CLIENT)/schema.d.ts "$$tmp/schema.d.ts" > "$$tmp/drift"; then \
	    head -40 "$$tmp/drift"; \
	    echo "clients: $(TS_CLIENT)/schema.d.ts differs from what openapi.yaml generates: run 'make clients' and commit it" >&2; \
	    exit 1; \
	  fi
	cd $(TS_CLIENT) && npx tsc -p .
	@echo "clients: $(TS_CLIENT)/schema.d.ts matches openapi.yaml"

# The example careers site on http://localhost:3000 (next to `make run` on :8080), on the client
# installed from its folder (npm ci: a copy, with openapi-fetch beside it under node_modules, which the
# browser loads through an import map). http-server's --proxy sends every path it has no file for to
# index.html, so the pages `make run` links to (DEMO_SITE: /{lang}/jobs/{slug}) load the site.
WEBSITE         := examples/website
WEBSITE_MODULES := $(WEBSITE)/node_modules/.package-lock.json
HTTP_SERVER     := http-server@14.1.1
$(WEBSITE_MODULES): $(WEBSITE)/package-lock.json $(addprefix $(TS_CLIENT)/,package.json index.js index.d.ts schema.d.ts)
	cd $(WEBSITE) && npm ci --no-audit --no-fund

site: $(WEBSITE_MODULES)
	@echo "site: http://localhost:3000 (the API: http://localhost:8080, from make run; another: http://localhost:3000/?api=URL)"
	npx --yes $(HTTP_SERVER) $(WEBSITE) -a 127.0.0.1 -p 3000 -c-1 --proxy 'http://127.0.0.1:3000?'

# The website's end-to-end tests (tests/Website) drive Debian's chromium and serve examples/website
# with its node_modules: both installed when missing.
browser:
	bash scripts/browser.sh

test: lint-openapi check-observability $(RENDERERS) clients-check $(WEBSITE_MODULES) browser
	@if docker info >/dev/null 2>&1; then \
	  echo "test: docker engine found, tests use Testcontainers"; \
	  echo 'dotnet test $(TEST_ARGS)'; \
	  dotnet test $(TEST_ARGS); \
	else \
	  $(SERVICES) up; \
	  eval "$$($(SERVICES) env)"; \
	  echo 'dotnet test $(TEST_ARGS)'; \
	  dotnet test $(TEST_ARGS); \
	fi

bench:
	@if [[ -f bench/run.sh ]]; then \
	  bash bench/run.sh $(SIZE); \
	else \
	  echo "bench not yet implemented"; exit 1; \
	fi

format:
	dotnet format $(SLN)

clean:
	-dotnet clean $(SLN) -c $(CONFIG) -v quiet -nologo >/dev/null 2>&1
	rm -rf TestResults bench/results
	find api tests bench contracts clients -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + 2>/dev/null || true
