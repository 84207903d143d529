#!/usr/bin/env bash
# The "run" step of action.yml, kept in a file so tests can run it locally.
# Suppressed findings are left out: GitHub would show them as open alerts.
set -uo pipefail
read -r -a paths <<< "${INPUT_PATHS:-.}"
args=(--format sarif -o "${INPUT_SARIF_FILE:-go-script-lint.sarif}"
      --risk-level "${INPUT_RISK_LEVEL:-medium}" --fail-on "${INPUT_FAIL_ON:-never}"
      --category "${INPUT_CATEGORY:-go-script-lint}" --omit-suppressed)
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
go-script-lint "${args[@]}" "${paths[@]}"
status=$?
# Exit 2 means something could not be analysed: the SARIF is still written
# (with a notification) so the upload step can run; the job fails here.
exit "$status"
