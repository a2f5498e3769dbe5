#!/usr/bin/env bash
# The GitHub Action's step (action.yml): one run of gwctl validate writes both reports, the annotations
# on the pull request (workflow commands on stdout) and SARIF for code scanning (--report, a file), then
# the exit code goes out as an output and a summary line into the job summary. The action's inputs arrive
# as environment variables, never interpolated into the script, so a path or flag cannot inject shell code.
set -uo pipefail

# unset: the repository; set and empty: none, so that gwctl takes the configuration's `inputs`
read -r -a paths <<< "$(printf '%s' "${GWCTL_PATHS-.}" | tr '\n' ' ')"
read -r -a args <<< "${GWCTL_ARGS:-}"
sarif="${GWCTL_SARIF:-gwctl.sarif}"

# annotations: GitHub shows ten errors and ten warnings per step; the summary line closes the output.
# One analysis for both reports: on a large repository, validating twice took twice as long. A gwctl
# the `version` input pins from before --report (0.x without it) takes one run per report, as it did.
if gwctl validate --help 2>/dev/null | grep -q -- '--report <'; then
  gwctl validate "${paths[@]}" "${args[@]}" --format github --report "sarif=$sarif" --quiet
  code=$?
else
  gwctl validate "${paths[@]}" "${args[@]}" --format sarif --output "$sarif" --quiet
  code=$?
  if [ "$code" -le 1 ]; then gwctl validate "${paths[@]}" "${args[@]}" --format github --quiet || true; fi
fi

{
  echo "exit-code=$code"
  # exit 2: no analysis ran and nothing was written; a file already at the path (committed, or left by an
  # earlier step) is not this run's and must not be uploaded as its results
  if [ "$code" -le 1 ] && [ -s "$sarif" ]; then echo "sarif-file=$sarif"; fi
} >> "${GITHUB_OUTPUT:-/dev/null}"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  case "$code" in
    0) echo "gwctl validate: no finding at or above the fail severity" ;;
    1) echo "gwctl validate: findings at or above the fail severity (see the annotations and code scanning)" ;;
    *) echo "gwctl validate: could not run (exit $code), see the step's log" ;;
  esac >> "$GITHUB_STEP_SUMMARY"
fi
exit 0
