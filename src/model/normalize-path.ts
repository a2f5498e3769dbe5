/**
 * The path Gloo's gateways route a request by. They are Istio's, whose HTTP connection managers set
 * `normalize_path` (mesh `pathNormalization` BASE, the default) and keep escaped slashes as they are
 * (istio/istio pilot/pkg/networking/core/listener_builder.go: `PathWithEscapedSlashesAction =
 * KEEP_UNCHANGED`; `NormalizePath` for BASE and DEFAULT, no `merge_slashes`). Envoy canonicalises the
 * path with its copy of Chromium's (source/common/http/path_utility.cc, canonicalPath; source/common/
 * chromium_url/url_canon_path.cc, DoPartialPath and kPathCharLookup), which this follows byte by byte:
 * - a backslash is a slash;
 * - an escape of an unreserved character (`A-Z a-z 0-9 - . _ ~`) is decoded, every other escape kept as
 *   written (`%2F`, `%5c`, `%20`), and an escape of NUL fails the request (400, before routing);
 * - `"` `<` `>` `` ` `` `{` `|` `}` `^` and every byte of a character outside ASCII are escaped (`%7B`,
 *   `%C3%A9`), so a path as routed never holds them;
 * - dot segments are removed, `.` and `..` (also spelled `%2E`), never above the root;
 * - repeated slashes stay.
 * istio/istio tests/integration/security/normalization_test.go holds the cases this follows (BASE).
 * Undefined where Envoy's canonicalisation fails.
 */
export function normalizePath(path: string): string | undefined {
  const spec = Buffer.from(path, 'utf8');
  const out: number[] = [];
  // a path not starting with a slash is given one (DoPath)
  if (spec[0] === undefined || !isSlash(spec[0])) out.push(SLASH);
  let lastInvalidPercent = -Infinity;
  let success = true;
  const end = spec.length;
  for (let i = 0; i < end; i++) {
    const c = spec[i]!;
    const flags = LOOKUP[c]!;
    if (!(flags & SPECIAL)) {
      out.push(c);
      continue;
    }
    const dot = dotLength(spec, i, end);
    if (dot > 0) {
      // `out` is never empty here: it starts with a slash, given or written
      if (out[out.length - 1] === SLASH) {
        const after = afterDot(spec, i + dot, end);
        if (after.kind === 'up') backUpToPreviousSlash(out);
        else if (after.kind === 'name') out.push(DOT);
        i += dot + after.consumed - 1;
      } else {
        // part of a name
        out.push(DOT);
        i += dot - 1;
      }
    } else if (c === BACKSLASH) {
      out.push(SLASH);
    } else if (c === PERCENT) {
      const value = decodeEscaped(spec, i, end);
      if (value === undefined) {
        // not an escape: kept, and remembered in case what follows turns it into one
        lastInvalidPercent = out.length;
        out.push(PERCENT);
        continue;
      }
      i += 2;
      if (LOOKUP[value]! & UNESCAPE) {
        out.push(value);
        if (lastInvalidPercent >= out.length - 3) checkForNestedEscapes(spec, i + 1, end, lastInvalidPercent, out);
      } else {
        // kept exactly as written, the case of its hex digits too
        out.push(PERCENT, spec[i - 1]!, spec[i]!);
        if (LOOKUP[value]! & INVALID_BIT) success = false;
      }
    } else {
      if (flags & INVALID_BIT) success = false;
      out.push(PERCENT, HEX.charCodeAt(c >> 4), HEX.charCodeAt(c & 15));
    }
  }
  // every byte written is ASCII: the others are escaped
  return success ? Buffer.from(out).toString('latin1') : undefined;
}

// kPathCharLookup: what each byte of a path becomes
const SPECIAL = 1;
const ESCAPE_BIT = 2;
const ESCAPE = ESCAPE_BIT | SPECIAL;
const UNESCAPE = 4;
const INVALID_BIT = 8;
const LOOKUP = ((): Uint8Array => {
  const table = new Uint8Array(256).fill(ESCAPE);
  table[0] = INVALID_BIT | SPECIAL;
  for (const c of "!$&'()*+,/:;=@[]") table[c.charCodeAt(0)] = 0;
  for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~') table[c.charCodeAt(0)] = UNESCAPE;
  table['.'.charCodeAt(0)] = SPECIAL;
  return table;
})();

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const PERCENT = 0x25;
const HEX = '0123456789ABCDEF';

const isSlash = (c: number) => c === SLASH || c === BACKSLASH;
const isHex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/** `.`, or `%2e` / `%2E`: the length of the dot at `at`, 0 if none (IsDot). */
function dotLength(spec: Uint8Array | readonly number[], at: number, end: number): number {
  if (spec[at] === DOT) return 1;
  if (spec[at] === PERCENT && at + 3 <= end && spec[at + 1] === 0x32 && (spec[at + 2] === 0x65 || spec[at + 2] === 0x45)) return 3;
  return 0;
}

/** What a dot after a slash is (ClassifyAfterDot): the current folder, the one above, or part of a name. */
function afterDot(spec: Uint8Array, at: number, end: number): { readonly kind: 'current' | 'up' | 'name'; readonly consumed: number } {
  if (at === end) return { kind: 'current', consumed: 0 };
  if (isSlash(spec[at]!)) return { kind: 'current', consumed: 1 };
  const second = dotLength(spec, at, end);
  if (second > 0) {
    const next = at + second;
    if (next === end) return { kind: 'up', consumed: second };
    if (isSlash(spec[next]!)) return { kind: 'up', consumed: second + 1 };
  }
  return { kind: 'name', consumed: 0 };
}

/** The output cut back to the slash before its last one, never above the root (BackUpToPreviousSlash). */
function backUpToPreviousSlash(out: number[]): void {
  let i = out.length - 1;
  if (i === 0) return;
  i--;
  while (out[i] !== SLASH && i > 0) i--;
  out.length = i + 1;
}

/** The byte `%XY` at `at` stands for, if it is an escape (DecodeEscaped). */
function decodeEscaped(spec: Uint8Array | readonly number[], at: number, end: number): number | undefined {
  if (at + 3 > end || !isHex(spec[at + 1]) || !isHex(spec[at + 2])) return undefined;
  return parseInt(String.fromCharCode(spec[at + 1]!, spec[at + 2]!), 16);
}

/**
 * A `%` that was no escape, followed by what decoding made of the next characters, may read as one now
 * (`%%30%30` would become `%00`): that `%` is written `%25` (CheckForNestedEscapes).
 */
function checkForNestedEscapes(spec: Uint8Array, next: number, end: number, lastInvalidPercent: number, out: number[]): void {
  const length = out.length;
  const lastUnescaped = out[length - 1]!;
  const appendNext = lastInvalidPercent === length - 2;
  if (appendNext) {
    if (next === end || spec[next]! >= 0x80) return;
    out.push(spec[next]!);
  }
  if (decodeEscaped(out, lastInvalidPercent, out.length) !== undefined) {
    if (!appendNext) out.push(out[lastInvalidPercent + 1]!);
    out[lastInvalidPercent + 1] = 0x32;
    out[lastInvalidPercent + 2] = 0x35;
    out.push(lastUnescaped);
  } else if (appendNext) {
    out.length = length;
  }
}
