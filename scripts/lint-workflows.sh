#!/usr/bin/env bash
# lint-workflows.sh validates the repository's workflows and the one `cmplay new site` writes with
# actionlint, fetched through the Go module proxy (after which TestNewSiteDeploys runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
actionlint=github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./cmd/cmplay new site "$tmp/site" >/dev/null
go run "$actionlint" -no-color .github/workflows/*.yml "$tmp/site/.github/workflows/playbook.yml"
echo "ok: actionlint found nothing in .github/workflows/ and the scaffolded workflow"
