/**
 * Line breaks as Kubernetes reads them. Its YAML reader (sigs.k8s.io/yaml, on go-yaml's port of libyaml)
 * follows YAML 1.1, whose breaks are CR, LF, CR LF, NEL (U+0085), line separator (U+2028) and paragraph
 * separator (U+2029): go-yaml's `is_break` (go-yaml/yaml, yamlprivateh.go). YAML 1.2 keeps CR and drops
 * the other three; the yaml library gwctl parses with reads a CR not followed by LF as an ordinary
 * character too. `# note\u2028kind: X` is a comment to it and a comment and a key to kubectl. Each such
 * break is made a LF, one UTF-16 unit for one, so every offset stays where it was.
 */
// Each is also a break some other reader of the file takes for an ordinary character: NEL, LS and PS to
// YAML 1.2 readers; a CR alone to kubectl's document splitter, which reads lines by LF, and to the yaml
// library.
const OTHER_BREAK = /\r(?!\n)|[\u0085\u2028\u2029]/g;

/**
 * Whether the text has a break other than LF and CR LF. Searches of single characters, which V8 answers
 * with memchr (and at once, for U+2028 and U+2029, in a text of one-byte characters): a regular
 * expression of the four tested every character, 1.2% of validate's instructions on corpus M.
 */
export function hasOtherBreaks(text: string): boolean {
  if (text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0 || text.indexOf('\u0085') >= 0) return true;
  return text.indexOf('\r') >= 0 && LONE_CR.test(text);
}
const LONE_CR = /\r(?!\n)/;

/** The text with every line break Kubernetes sees written as LF (CR LF kept). */
export function kubernetesLineBreaks(text: string): string {
  return hasOtherBreaks(text) ? text.replace(OTHER_BREAK, '\n') : text;
}

/**
 * The text with its other breaks as LF, the first of them, which every other reader disagrees on, and how
 * many there are; undefined when there is none (the common text: hasOtherBreaks decides at once).
 */
export function otherBreaks(text: string): { readonly text: string; readonly offset: number; readonly char: string; readonly count: number } | undefined {
  if (!hasOtherBreaks(text)) return undefined;
  let first: { offset: number; char: string } | undefined;
  let count = 0;
  const replaced = text.replace(OTHER_BREAK, (char: string, offset: number) => {
    first ??= { offset, char };
    count++;
    return '\n';
  });
  return first && { text: replaced, ...first, count };
}
