/** The longest Kubernetes object name (a DNS subdomain). */
export const DNS_NAME_MAX = 253;

/**
 * A Kubernetes object name (a DNS subdomain): lower-case alphanumerics, `-` and `.`, at most 253
 * characters, each `.`-separated label alphanumeric at both ends (a route named `/a/./b` is `a.b`, not
 * `a-.-b`, which the API server refuses). Each run of other characters is one `-`; labels left empty go.
 *
 * Two scans of the characters, the name made of slices of the text: the Gateway API's render names every
 * rule after its route twice (once for the precedence check, once as it is written), and the five
 * regular-expression passes this was written as took about 2% of render --target gateway-api of corpus L
 * in a profile (as scans: 1.6% fewer instructions for corpus M). test/unit/dns-name.test.ts keeps those
 * passes and compares the two on random names.
 */
export function dnsName(raw: string): string {
  let text = raw.toLowerCase();
  if (text.includes('$')) text = text.replace(/\$latest/g, 'latest');
  // each run of characters a name cannot hold becomes one `-`
  let mapped = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isNameCharacter(text.charCodeAt(i))) continue;
    let j = i + 1;
    while (j < text.length && !isNameCharacter(text.charCodeAt(j))) j++;
    mapped += text.slice(from, i) + '-';
    from = j;
    i = j - 1;
  }
  if (from > 0) text = mapped + text.slice(from);
  // the labels, `-` taken off both ends, the empty ones left out
  let name = '';
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== DOT) continue;
    let a = start;
    let b = i;
    while (a < b && text.charCodeAt(a) === DASH) a++;
    while (b > a && text.charCodeAt(b - 1) === DASH) b--;
    if (a < b) name = name === '' ? text.slice(a, b) : name + '.' + text.slice(a, b);
    start = i + 1;
  }
  // cut to the limit, which may leave a `-` or `.` at the end
  if (name.length > DNS_NAME_MAX) name = name.slice(0, DNS_NAME_MAX);
  let end = name.length;
  while (end > 0 && !isAlphanumeric(name.charCodeAt(end - 1))) end--;
  return end === 0 ? 'x' : end === name.length ? name : name.slice(0, end);
}

const DOT = 46;
const DASH = 45;
const isAlphanumeric = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isNameCharacter = (c: number) => isAlphanumeric(c) || c === DASH || c === DOT;

/**
 * `name` with `suffix` (`-2`, `-000`) after it, cut so that the whole stays within `max` characters: a
 * suffix cut off a name at its limit would make two names one.
 */
export function withSuffix(name: string, suffix: string, max = DNS_NAME_MAX): string {
  return name.length + suffix.length <= max ? name + suffix : name.slice(0, max - suffix.length).replace(/[^A-Za-z0-9]+$/, '') + suffix;
}
