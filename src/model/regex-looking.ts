/**
 * The regex construct an exact value or path is written with, else undefined: `.*` or `.+`, a class escape
 * (`\d`, `\w`, `\s`), an escaped dot or slash, a class with a range or negated (`[0-9]`, `[^/]`), an
 * alternation in a group (`(v1|v2)`), or both anchors (`^/api$`). Envoy compares an exact or prefix path,
 * and a header or query value without `regex: true`, as written, character for character: `Bearer .*`
 * matches the header `Bearer .*` alone and `[0-9]+` the text `[0-9]+`. None of these is text clients
 * send in practice (and a `\` in a path the gateway makes a `/`), so where one is written a regex was
 * meant; a warning, as the text can be sent.
 */
export function regexConstruct(value: string): string | undefined {
  // asked of every exact and prefix path: most hold none of the characters every construct needs
  if (!MAY_HOLD_ONE.test(value)) return undefined;
  for (const [construct, test] of CONSTRUCTS) {
    const m = test.exec(value);
    if (m) return construct === 'anchors' ? '`^` and `$`' : `\`${m[0]}\``;
  }
  return undefined;
}

const MAY_HOLD_ONE = /[.\\[(^]/;

const CONSTRUCTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['any', /\.[*+]/],
  ['class escape', /\\[dDwWsS]/],
  ['escaped punctuation', /\\[./]/],
  ['class', /\[\^[^\]]+\]|\[[^\]]*[A-Za-z0-9]-[A-Za-z0-9][^\]]*\]/],
  ['alternation', /\([^()|]*\|[^()]*\)/],
  ['anchors', /^\^.*\$$/s],
];
