// SARIF plain text as a viewer reads it (SARIF 2.1.0 §3.11.6): `[link text](destination)` is an embedded
// link, and in link text a backslash takes `\`, `[` or `]` as they are. The fuzzer and the tests check
// gwctl's SARIF messages with it (src/report/formatters/sarif.ts).

/** The embedded links in `text`, each as written */
export function embeddedLinks(text) {
  const links = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== '[') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== ']' && text[j] !== '[') j += text[j] === '\\' ? 2 : 1;
    const end = text[j] === ']' && text[j + 1] === '(' ? text.indexOf(')', j + 2) : -1;
    if (end > j + 2) links.push(text.slice(i, end + 1));
  }
  return links;
}

/** The text a viewer shows: each escaped character as itself */
export const shownText = (text) => text.replace(/\\([\\[\]])/g, '$1');

/** Every message of a SARIF log's results and their related places */
export const sarifMessages = (log) =>
  log.runs.flatMap((run) => run.results.flatMap((r) => [r.message.text, ...(r.relatedLocations ?? []).map((l) => l.message.text)]));
