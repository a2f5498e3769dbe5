import { printable } from './printable';

/** Text from the input in a Markdown table cell or summary: pipes and markup must not break the document. */
export const markdownCell = (s: string) => printable(s).replace(/[\\`*_{}[\]<>|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
