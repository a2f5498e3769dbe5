/**
 * `helm template` starts every document with `# Source: chart/templates/x.yaml`. The comment sits between
 * the `---` and the first key, so it is read from the document's own text.
 */
export function helmSourceOf(text: string, start: number, end: number): string | undefined {
  let i = start;
  while (i < end) {
    const lineEnd = Math.min(end, indexOrEnd(text, '\n', i));
    const line = text.slice(i, lineEnd).trim();
    if (line.startsWith('# Source:')) return line.slice('# Source:'.length).trim() || undefined;
    if (line !== '' && !line.startsWith('#') && !line.startsWith('---')) return undefined;
    i = lineEnd + 1;
  }
  return undefined;
}

function indexOrEnd(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}
