import { printable } from './printable';

/**
 * Text from the input in a Markdown table cell or summary: pipes and markup must not break the document,
 * and a pull request's text must not make the comment act. GitHub turns `@name` into a mention (a
 * notification to that user or team, from the bot that posts the comment), `#12`, `GH-12` and `owner/repo#12`
 * into references (a "mentioned this" event on that issue), `https://...`, `www.` and `a@b.c` into links;
 * none of that reaches a code span, and escapes do not stop it (it works on the rendered text): a
 * zero-width space (`&#8203;`, as Dependabot writes mentions) after the `@`, the `#` and in `://`, `www.`
 * keeps the text as it reads. `&` is escaped so that an entity in the input shows as written.
 */
export const markdownCell = (s: string) =>
  printable(s)
    .replace(/[\\`*_{}[\]<>|&~]/g, (c) => `\\${c}`)
    .replace(/\s+/g, ' ')
    .replace(/([@#])(?=[\w-])/g, '$1&#8203;')
    .replace(/\b(GH-)(?=\d)/gi, '$1&#8203;')
    .replace(/:\/\//g, ':&#8203;//')
    .replace(/\b(www)\./gi, '$1&#8203;.');

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
