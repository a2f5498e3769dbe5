import { isMap, type YAMLSeq } from 'yaml';
import { readsBackPlain } from '../../text/kubernetes-scalars';

/**
 * A flow list (`lambda: [{...}, {...}]`, and every list of a JSON file) edited in place, as a block list
 * is: entries kept byte for byte, new ones after the last, on lines of their own where the entries are
 * (after the last one's comment, which stays with it; where the last pruned one was, when none is kept).
 * A pruned entry on a line of its own goes with its line and the comment on it; one sharing a line goes
 * with the comma before it (after it, for the first), and when a comment stands in that span the list is
 * not spliced (rendered again, it would lose its entries' comments: `--write` refuses). JSON files get JSON entries, shaped as the last entry is (one
 * line, or a key a line); YAML ones a flow mapping of Kubernetes-safe scalars. Every entry is a mapping
 * the parser places, or nothing is spliced. `gone`: which of the list's entries are pruned; `nl`: the
 * file's line break.
 */
export function spliceFlow(text: string, seq: YAMLSeq, gone: readonly boolean[], added: ReadonlyArray<Record<string, string>>, json: boolean, nl: string): string | undefined {
  const open = seq.range?.[0] ?? -1;
  if (text[open] !== '[') return undefined;
  const spans: Array<[number, number]> = [];
  for (const item of seq.items) {
    const r = (item as { range?: [number, number, number] }).range;
    if (!r || !isMap(item)) return undefined;
    spans.push([r[0], r[1]]);
  }
  const lastKept = gone.lastIndexOf(false);
  const edits = removals(text, spans, gone, json);
  if (!edits) return undefined;
  if (added.length) {
    const last = lastKept < 0 ? undefined : spans[lastKept]!;
    // every entry pruned, each on a line of its own
    const allPruned = !json && last === undefined ? ownLinePruned(text, spans, gone) : undefined;
    const line = last && ownLine(text, last);
    if (last && line) {
      const indent = text.slice(line[0], last[0]);
      const items = added.map((v) => indent + (json ? jsonEntry(v, text.slice(last[0], last[1]), indent, nl) : yamlFlowEntry(v)));
      if (json) {
        // a comma after the last kept entry comes before a pruned one, and goes with it
        edits.push({ start: last[1], end: last[1], text: ',' + nl + items.join(`,${nl}`) });
      } else {
        // after the comment on the entry's line, which stays with it; a trailing comma stays the style
        const trailingComma = /^[ \t]*,/.test(text.slice(last[1]));
        const lineEnd = line[1] - (text.endsWith('\r\n', line[1]) ? 2 : text.endsWith('\n', line[1]) ? 1 : 0);
        const lines = nl + items.join(`,${nl}`) + (trailingComma ? ',' : '');
        // one edit where the entry ends its line (so no comma follows it): two at one place would be
        // applied in either order
        if (lineEnd === last[1]) edits.push({ start: lineEnd, end: lineEnd, text: ',' + lines });
        else {
          if (!trailingComma) edits.push({ start: last[1], end: last[1], text: ',' });
          edits.push({ start: lineEnd, end: lineEnd, text: lines });
        }
      }
    } else if (allPruned) {
      // the new ones take the last pruned one's place and indent,
      // a line each, below the comment lines that stood above the pruned ones
      const [span, line] = allPruned;
      const indent = text.slice(line[0], span[0]);
      const trailingComma = /^[ \t]*,/.test(text.slice(span[1]));
      edits.push({ start: line[1], end: line[1], text: added.map((v) => indent + yamlFlowEntry(v)).join(`,${nl}`) + (trailingComma ? ',' : '') + nl });
    } else {
      const items = added.map((v) => (json ? jsonEntry(v, '', '', nl) : yamlFlowEntry(v)));
      edits.push(last ? { start: last[1], end: last[1], text: items.map((item) => `, ${item}`).join('') } : { start: open + 1, end: open + 1, text: items.join(', ') });
    }
  }
  // applied from the end; at one place a removal before an insertion, and no edit inside another's span
  edits.sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.end > edits[i - 1]!.start) return undefined;
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

type Edit = { start: number; end: number; text: string };

/**
 * The text a flow list's pruned entries take with them. In YAML, entries on lines of their own go with
 * their lines (the comment on a line with it, a comment line above stays). Otherwise each run of pruned
 * entries goes with the commas and white space up to the next entry, or, at the end of the list, from
 * the last entry kept (a JSON list may not end in a comma); where a comment stands in that span, only
 * the entries and a comma next to them go. Undefined when a comment stands among the pruned entries.
 */
function removals(text: string, spans: ReadonlyArray<readonly [number, number]>, gone: readonly boolean[], json: boolean): Edit[] | undefined {
  const edits: Edit[] = [];
  if (!gone.includes(true)) return edits;
  if (!json) {
    const lines = spans.flatMap((span, i) => (gone[i] ? [ownLine(text, span)] : []));
    if (lines.every((l) => l !== undefined)) return lines.map((l) => ({ start: l![0], end: l![1], text: '' }));
  }
  const free = (start: number, end: number) => json || !text.slice(start, end).includes('#');
  for (let i = 0; i < spans.length; i++) {
    if (!gone[i]) continue;
    let j = i;
    while (gone[j + 1]) j++;
    const [first, last] = [spans[i]![0], spans[j]![1]];
    if (!free(first, last)) return undefined;
    if (j + 1 < spans.length) {
      // to the next entry kept, or just past the comma after the run
      const next = spans[j + 1]![0];
      // the white space after the comma stays: it sets the comment that follows apart from what comes
      // before it, as YAML requires (`[# about` is no comment)
      const comma = /^[ \t]*,/.exec(text.slice(last));
      if (free(last, next)) edits.push({ start: first, end: next, text: '' });
      else if (comma) edits.push({ start: first, end: last + comma[0].length, text: '' });
      else return undefined;
    } else if (i > 0) {
      // from the entry kept before, or that entry's comma and the run
      const kept = spans[i - 1]![1];
      const comma = /^[ \t]*,/.exec(text.slice(kept));
      if (free(kept, first)) edits.push({ start: kept, end: last, text: '' });
      else if (comma) edits.push({ start: kept + comma[0].length - 1, end: kept + comma[0].length, text: '' }, { start: first, end: last, text: '' });
      else return undefined;
    } else {
      const open = text.lastIndexOf('[', first);
      edits.push({ start: free(open + 1, first) ? open + 1 : first, end: last, text: '' });
    }
    i = j;
  }
  return edits;
}

/**
 * The last entry and its lines, when every entry is pruned and each has lines of its own (which end in a
 * line break: the list's `]` comes after them).
 */
function ownLinePruned(text: string, spans: ReadonlyArray<readonly [number, number]>, gone: readonly boolean[]): [readonly [number, number], [number, number]] | undefined {
  if (gone.includes(false)) return undefined;
  const lines = spans.map((span) => ownLine(text, span));
  const line = lines[lines.length - 1];
  return lines.every((l) => l !== undefined) && line !== undefined ? [spans[spans.length - 1]!, line] : undefined;
}

/**
 * The whole lines of an entry that has them to itself: white space before it, and after it at most a
 * comma and a comment; [start of its first line, end of its last line with the line break]. Undefined
 * when something else shares them.
 */
function ownLine(text: string, [start, end]: readonly [number, number]): [number, number] | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return undefined;
  const next = text.indexOf('\n', end);
  const lineEnd = next < 0 ? text.length : next + 1;
  if (!/^[ \t]*,?[ \t]*(?:#.*)?\r?\n?$/.test(text.slice(end, lineEnd))) return undefined;
  return [lineStart, lineEnd];
}

/** A JSON entry in the shape of `like`, the last entry's text: one line, or a key a line at its step. */
function jsonEntry(value: Record<string, string>, like: string, indent: string, nl: string): string {
  const step = /\{[ \t]*\r?\n([ \t]*)"/.exec(like)?.[1];
  if (step === undefined || !step.startsWith(indent) || step === indent) return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
  return JSON.stringify(value, null, step.slice(indent.length)).replace(/\n/g, nl + indent);
}

/** `{lambdaFunctionName: a, qualifier: $LATEST}`, a value quoted where Kubernetes or a flow would read it otherwise. */
function yamlFlowEntry(value: Record<string, string>): string {
  const scalarIn = (v: string) => (/^[A-Za-z0-9$_][A-Za-z0-9$_.-]*$/.test(v) && readsBackPlain(v) ? v : JSON.stringify(v));
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${scalarIn(v)}`).join(', ')}}`;
}
