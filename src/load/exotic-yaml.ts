import { UNREADABLE_RANGES } from '../text/unreadable-characters';

/**
 * What neither fast reader of YAML takes on (the quick loader in parse-documents.ts, the block index in
 * source/block-index.ts): anchors, aliases and tags (their limits and meanings are the yaml library's),
 * directives, tabs (GW1003) and document end markers, or what looks like one; and a control character
 * Kubernetes' YAML reader refuses (control-characters.ts), which js-yaml lets pass in comments and
 * double-quoted scalars, so that the exact path finds it. An indicator counts after a
 * space, a flow indicator or `:` (`{"a":*b}`), not after `-`: a sequence entry needs a space after its
 * dash, so `shared-*`, a workspace glob, is a plain scalar.
 */
export const EXOTIC_YAML = new RegExp(String.raw`(?:^|[\s[\]{},:])[&*!][^\s,[\]{}]|^%|\t|^\.\.\.(?:\s|$)|[${UNREADABLE_RANGES}]`, 'm');

// The pieces of EXOTIC_YAML, tested on one character each. `^` of a multiline pattern is the start of
// the text or a place after a line terminator. The indicators' search finds the control characters too:
// a second search of the text would cost as much as the first (0.35% of validate against 1.2%).
const INDICATOR = new RegExp(`[&*!%${UNREADABLE_RANGES}]`, 'g');
const BEFORE_INDICATOR = /[\s[\]{},:]/;
const AFTER_INDICATOR = /[^\s,[\]{}]/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const SPACE = /\s/;

/**
 * `EXOTIC_YAML.test(text)`, answered by jumping to the characters it needs. The pattern opens with an
 * alternation (`^` or a character before an indicator), so the regular expression engine tries it at
 * every position of the text: 20 to 26 ms over the 9.5 MB of corpus M, against 7 ms for a search of the
 * rare characters it turns on (an indicator, a tab, `...`) and a look at their neighbours.
 */
export function hasExoticYaml(text: string): boolean {
  if (text.includes('\t')) return true;
  for (let at = text.indexOf('...'); at >= 0; at = text.indexOf('...', at + 1)) {
    if ((at === 0 || LINE_TERMINATOR.test(text[at - 1]!)) && (at + 3 === text.length || SPACE.test(text[at + 3]!))) return true;
  }
  INDICATOR.lastIndex = 0;
  for (let found = INDICATOR.exec(text); found; found = INDICATOR.exec(text)) {
    const at = found.index;
    // a control character (the indicators are printable)
    if (text.charCodeAt(at) < 0x20 || text.charCodeAt(at) >= 0x7f) return true;
    const atLineStart = at === 0 || LINE_TERMINATOR.test(text[at - 1]!);
    if (text[at] === '%') {
      if (atLineStart) return true;
    } else if ((atLineStart || BEFORE_INDICATOR.test(text[at - 1]!)) && at + 1 < text.length && AFTER_INDICATOR.test(text[at + 1]!)) {
      return true;
    }
  }
  return false;
}
