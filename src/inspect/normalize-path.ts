/**
 * The path Gloo's gateways route a request by. They are Istio's, whose HTTP connection managers set
 * `normalize_path` (mesh `pathNormalization` BASE, the default) and keep escaped slashes as they are
 * (istio/istio pilot/pkg/networking/core/listener_builder.go: `PathWithEscapedSlashesAction =
 * KEEP_UNCHANGED`; `NormalizePath` for BASE and DEFAULT, no `merge_slashes`). Envoy normalises as RFC 3986
 * does, with Chromium's path canonicalisation (source/common/http/path_utility.cc, canonicalPath):
 * - a backslash is a slash;
 * - an escape of an unreserved character (`A-Z a-z 0-9 - . _ ~`) is decoded, every other escape kept as
 *   written (`%2F`, `%5c`, `%20`);
 * - dot segments are removed, `.` and `..` (also spelled `%2E`), never above the root;
 * - repeated slashes stay.
 * istio/istio tests/integration/security/normalization_test.go holds the cases this follows (BASE).
 */
export function normalizePath(path: string): string {
  const decoded = path.replace(/\\/g, '/').replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : escape;
  });
  return removeDotSegments(decoded);
}

/** RFC 3986 5.2.4 on an absolute path. */
function removeDotSegments(path: string): string {
  let input = path;
  let output = '';
  while (input.length > 0) {
    if (input.startsWith('/./')) input = input.slice(2);
    else if (input === '/.') input = '/';
    else if (input.startsWith('/../') || input === '/..') {
      input = input === '/..' ? '/' : input.slice(3);
      output = output.slice(0, Math.max(0, output.lastIndexOf('/')));
    } else if (input === '.' || input === '..') input = '';
    else {
      const next = input.indexOf('/', 1);
      const end = next < 0 ? input.length : next;
      output += input.slice(0, end);
      input = input.slice(end);
    }
  }
  return output || '/';
}
