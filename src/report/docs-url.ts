/** Where docs/diagnostics.md is published; --docs-url points SARIF's help links elsewhere (a fork, a mirror). */
export const DOCS_URL = 'https://gwctl.dev/docs/diagnostics.md';
