import { printable } from './printable';

/** Text from the input in a Markdown table cell or summary: pipes and markup must not break the document. */
export const markdownCell = (s: string) => printable(s).replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

/**
 * Text from the input as a Markdown code span: shown as it is, where a backslash would show (no escape
 * works inside a span, so `feature/a_b` in markdownCell's escapes read `feature/a\_b`). The fence is one
 * backtick longer than the longest run inside (CommonMark 6.1), with a space each side when the text
 * starts or ends with one.
 */
export function markdownCode(s: string): string {
  const text = printable(s).replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
