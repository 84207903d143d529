#!/usr/bin/env bash
# The "run" step of action.yml, kept in a file so tests can run it locally.
# mode=sarif: write the SARIF log for upload-sarif, suppressed findings left out
# (GitHub would show them as open alerts). mode=annotations: print workflow
# commands (--format github), which GitHub shows on the pull request.
set -uo pipefail
lint="${GO_SCRIPT_LINT:-go-script-lint}"
read -r -a paths <<< "${INPUT_PATHS:-.}"
read -r -a extra <<< "${INPUT_ARGS:-}"
args=(--risk-level "${INPUT_RISK_LEVEL:-medium}" --fail-on "${INPUT_FAIL_ON:-never}")
case "${INPUT_MODE:-sarif}" in
  sarif)
    sarif="${INPUT_SARIF_FILE:-go-script-lint.sarif}"
    args+=(--format sarif -o "$sarif" --omit-suppressed
           --category "${INPUT_CATEGORY:-go-script-lint}")
    ;;
  annotations)
    sarif=""
    args+=(--format github)
    ;;
  *)
    echo "::error title=go-script-lint::mode must be sarif or annotations, not '${INPUT_MODE}'"
    exit 2
    ;;
esac
if [ -n "${INPUT_CONFIG:-}" ]; then
  args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
fi
"$lint" "${args[@]}" "${extra[@]}" "${paths[@]}"
status=$?
# Exit 2 means something could not be analysed (or the SARIF log was cut to
# GitHub's limits): the SARIF is still written, with a notification, so an
# `if: always()` upload step has a file; the job fails here.
exit "$status"
