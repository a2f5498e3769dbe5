#!/usr/bin/env bash
# The GitHub Action's step (action.yml): validate once for code scanning (SARIF to a file) and once for
# annotations on the pull request (workflow commands on stdout), then report the exit code as an output
# and a summary line in the job summary. The action's inputs arrive as environment variables, never
# interpolated into the script, so a path or flag cannot inject shell code.
set -uo pipefail

# unset: the repository; set and empty: none, so that gwctl takes the configuration's `inputs`
read -r -a paths <<< "$(printf '%s' "${GWCTL_PATHS-.}" | tr '\n' ' ')"
read -r -a args <<< "${GWCTL_ARGS:-}"
sarif="${GWCTL_SARIF:-gwctl.sarif}"

gwctl validate "${paths[@]}" "${args[@]}" --format sarif --output "$sarif" --quiet
code=$?
if [ "$code" -le 1 ]; then
  # annotations: GitHub shows ten errors and ten warnings per step; the summary line closes the output
  gwctl validate "${paths[@]}" "${args[@]}" --format github --quiet || true
fi

{
  echo "exit-code=$code"
  if [ -s "$sarif" ]; then echo "sarif-file=$sarif"; fi
} >> "${GITHUB_OUTPUT:-/dev/null}"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  case "$code" in
    0) echo "gwctl validate: no finding at or above the fail severity" ;;
    1) echo "gwctl validate: findings at or above the fail severity (see the annotations and code scanning)" ;;
    *) echo "gwctl validate: could not run (exit $code), see the step's log" ;;
  esac >> "$GITHUB_STEP_SUMMARY"
fi
exit 0
