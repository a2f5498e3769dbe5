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

/**
 * RFC 3986 5.2.4 on an absolute path, segment by segment: linear in the path's length however many dot
 * segments a hostile routing test sends.
 */
function removeDotSegments(path: string): string {
  if (!path.startsWith('/')) return path;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (segment === '..') out.pop();
    else if (segment !== '.') {
      out.push(segment);
      continue;
    }
    // a dot segment at the end leaves the path ending in `/`
    if (last) out.push('');
  }
  return `/${out.join('/')}`;
}
