import { describe, expect, it } from 'vitest';
import { markdownCell, markdownCode } from '../../src/text/markdown-cell';

describe('Markdown from the input', () => {
  it('a cell escapes what would make markup or break the table, and keeps it on one line', () => {
    expect(markdownCell('a|b <script> *x* [l](u)\tnext\nline')).toBe('a\\|b \\<script\\> \\*x\\* \\[l\\](u)\\\\tnext\\\\nline');
  });

  it('a code span shows the text as written, fenced past any backticks inside', () => {
    expect(markdownCode('feature/a_b*c')).toBe('`feature/a_b*c`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('``x')).toBe('``` ``x ```');
    expect(markdownCode('line\nbreak')).toBe('`line\\nbreak`');
    // control characters are escaped as everywhere else
    expect(markdownCode('a\u001b[31m')).toBe("`a\\x1b[31m`");
  });
});
