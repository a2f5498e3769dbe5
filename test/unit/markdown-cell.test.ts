import { describe, expect, it } from 'vitest';
import { markdownCell, markdownCode } from '../../src/text/markdown-cell';

describe('Markdown from the input', () => {
  it('a cell escapes what would make markup or break the table, and keeps it on one line', () => {
    expect(markdownCell('a|b <script> *x* [l](u)\tnext\nline')).toBe('a\\|b \\<script\\> \\*x\\* \\[l\\](u)\\\\tnext\\\\nline');
  });

  it('a cell mentions no one, references no issue and links nowhere, and reads as written', () => {
    // GitHub acts on the rendered text: a mention notifies, a reference posts an event on the issue
    expect(markdownCell('@octocat @org/team a@b.example #12 owner/repo#34 GH-5')).toBe('@&#8203;octocat @&#8203;org/team a@&#8203;b.example #&#8203;12 owner/repo#&#8203;34 GH-&#8203;5');
    expect(markdownCell('https://evil.example/x www.evil.example')).toBe('https:&#8203;//evil.example/x www&#8203;.evil.example');
    // an entity in the input shows as written, and GFM's strikethrough is no markup
    expect(markdownCell('&#64;octocat ~~x~~')).toBe('\\&#&#8203;64;octocat \\~\\~x\\~\\~');
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
