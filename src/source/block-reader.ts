import { lineIndexAt } from '../text/line-index';
import { EMPTY, UNSURE, Unsure, unsure, type FlowReader, type IndexNode, type Pair } from './block-nodes';

// Plain keys that the core schema reads as something other than a string (numbers, booleans, null):
// the yaml library matches them by their value's String(), not by their text
const NOT_A_STRING_KEY = /^(?:[-+.\d~]|(?:true|false|null)$)/i;

// Nesting deeper than this is left to the yaml library: the index recurses once per level.
const MAX_DEPTH = 256;

/**
 * Reads the block structure of one document: `text` from `start` to `end` (a file's text, which is not
 * copied: a run may index every document). Offsets in the answers are offsets in `text`.
 */
export class BlockReader implements FlowReader {
  // per line: offset of its first character, column of its first non-space, whether it holds only a comment or nothing
  private readonly starts: number[] = [];
  private readonly indents: number[] = [];
  private readonly blank: boolean[] = [];
  // the flow collections read so far, by start
  private readonly flows = new Map<number, IndexNode>();

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    for (let at = start; at <= end; ) {
      let newline = text.indexOf('\n', at);
      if (newline >= end) newline = -1;
      const lineEnd = newline < 0 ? end : newline;
      let i = at;
      while (i < lineEnd && text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      this.starts.push(at);
      this.indents.push(i - at);
      this.blank.push(i === lineEnd || c === 35 /* # */ || (c === 13 && i + 1 === lineEnd));
      if (newline < 0) break;
      at = newline + 1;
    }
  }

  root(): IndexNode {
    let line = this.nextContent(0);
    if (line < 0) unsure();
    // a document start marker alone on its line (the exact path's documents begin with it)
    const first = this.contentAt(line);
    if (this.indents[line] === 0 && (this.text.startsWith('---', first) || this.text.startsWith('...', first)) && this.isSpaceOrEnd(first + 3)) {
      // content on the marker's line (`--- |`, `--- {a: 1}`) is the yaml library's to read
      if (!this.text.startsWith('---', first) || !this.restIsBlank(first + 3)) unsure();
      line = this.nextContent(line + 1);
    }
    if (line < 0) unsure();
    const [node, next] = this.node(this.contentAt(line), -1, 0);
    if (node === EMPTY || next >= 0) unsure();
    return node as IndexNode;
  }

  /**
   * The node whose first character is at `at`, inside a collection whose entries sit at column `parent`.
   * Returns the node and the next line with content after it (-1: the end of the document).
   */
  private node(at: number, parent: number, depth: number): [IndexNode | typeof EMPTY, number] {
    if (depth > MAX_DEPTH) unsure();
    const c = this.text.charCodeAt(at);
    if (c === 45 /* - */ && this.isSpaceOrEnd(at + 1)) return this.sequence(at, depth);
    const key = this.keyAt(at);
    if (key) return this.mapping(at, key, depth);
    return this.leaf(at, parent);
  }

  /** The block mapping whose first key, already read, is `first` at `at`. */
  private mapping(at: number, first: { name: string; end: number; colon: number }, depth: number): [IndexNode, number] {
    const column = this.columnOf(at);
    const pairs = new Map<string, Pair>();
    let keyStart = at;
    for (let key = first; ; key = this.keyAt(keyStart) ?? unsure()) {
      let value: IndexNode | typeof EMPTY;
      let next: number;
      const valueAt = this.skipSpaces(key.colon + 1);
      if (!this.isLineEndOrComment(valueAt)) {
        // a value on the key's line is a scalar or a flow collection: `a: b: c` and `a: - b` are errors
        [value, next] = this.leaf(valueAt, column);
      } else {
        const line = this.nextContent(this.lineOf(valueAt) + 1);
        const start = line < 0 ? -1 : this.contentAt(line);
        if (line >= 0 && this.indents[line]! > column) [value, next] = this.node(start, column, depth + 1);
        // `key:` followed by `- a` at the key's own column: a sequence needs no indentation under a key
        else if (line >= 0 && this.indents[line] === column && this.text.charCodeAt(start) === 45 && this.isSpaceOrEnd(start + 1)) [value, next] = this.sequence(start, depth + 1, true);
        else [value, next] = [EMPTY, line];
      }
      if (!pairs.has(key.name)) pairs.set(key.name, { keyStart, keyEnd: key.end, value });
      if (next < 0 || this.indents[next]! < column) return [{ kind: 'map', start: at, end: this.lineEnd(at), pairs }, next];
      if (this.indents[next]! > column) unsure();
      keyStart = this.contentAt(next);
      // at the mapping's column: another key, or the end of a sequence written at its parent key's column
      if (this.text.charCodeAt(keyStart) === 45 && this.isSpaceOrEnd(keyStart + 1)) return [{ kind: 'map', start: at, end: this.lineEnd(at), pairs }, next];
    }
  }

  /** `underKey`: the sequence sits at its parent key's column, and a key at that column ends it. */
  private sequence(at: number, depth: number, underKey = false): [IndexNode, number] {
    const column = this.columnOf(at);
    const items: Array<IndexNode | typeof EMPTY> = [];
    let dash = at;
    for (;;) {
      const content = this.skipSpaces(dash + 1);
      let item: IndexNode | typeof EMPTY;
      let next: number;
      if (!this.isLineEndOrComment(content)) {
        [item, next] = this.node(content, column, depth + 1);
      } else {
        const line = this.nextContent(this.lineOf(dash) + 1);
        if (line >= 0 && this.indents[line]! > column) [item, next] = this.node(this.contentAt(line), column, depth + 1);
        else [item, next] = [EMPTY, line];
      }
      items.push(item);
      if (next < 0 || this.indents[next]! < column) return [{ kind: 'seq', start: at, end: this.lineEnd(at), items }, next];
      if (this.indents[next]! > column) unsure();
      dash = this.contentAt(next);
      if (this.text.charCodeAt(dash) !== 45 || !this.isSpaceOrEnd(dash + 1)) {
        if (underKey) return [{ kind: 'seq', start: at, end: this.lineEnd(at), items }, next];
        unsure();
      }
    }
  }

  /**
   * A scalar or a flow collection starting at `at`, and the next line that is not part of it. A plain or
   * block scalar continues on every line indented past `parent`; a quoted scalar or a flow collection
   * must end on its own line (else unsure).
   */
  private leaf(at: number, parent: number): [IndexNode, number] {
    const c = this.text.charCodeAt(at);
    const line = this.lineOf(at);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const end = this.quotedEnd(at);
      if (end < 0 || !this.restIsBlank(end)) unsure();
      return [{ kind: 'leaf', start: at, end, flow: false }, this.nextOutside(line, parent, true)];
    }
    if (c === 91 /* [ */ || c === 123 /* { */) {
      const end = this.flowEnd(at);
      if (end < 0 || !this.restIsBlank(end)) unsure();
      // its inside waits until a path goes into it: most never do (`gwctl routes` places routes, not
      // the matchers and metadata written in flow style), and reading them was half of the index's time
      return [{ kind: 'leaf', start: at, end, flow: true, inside: this }, this.nextOutside(line, parent, true)];
    }
    // indicators that cannot start a plain scalar here, or start what the index does not read
    if ('?:,]}#&*!%@`'.includes(this.text[at]!) || (c === 45 && this.isSpaceOrEnd(at + 1))) unsure();
    // a block scalar (`|`, `>`): what follows at a deeper indentation is its text; where the yaml
    // library ends it depends on chomping and trailing blank lines, so the index does not say
    if (c === 124 || c === 62) return [{ kind: 'leaf', start: at, end: UNSURE, flow: false }, this.nextOutside(line, parent, false)];
    // a plain scalar: it goes on over the lines indented past `parent`, and ends where its last one does
    let end = this.plainEnd(at);
    let comment = false;
    for (let l = line + 1; l < this.starts.length; l++) {
      const content = this.contentAt(l);
      if (this.isLineEndOrComment(content)) {
        // a comment ends the scalar: more text after it would be an error the yaml library recovers from
        comment ||= this.text.charCodeAt(content) === 35;
        continue;
      }
      if (this.indents[l]! <= parent) break;
      end = comment ? UNSURE : this.plainEnd(content);
    }
    return [{ kind: 'leaf', start: at, end, flow: false }, this.nextOutside(line, parent, false)];
  }

  /** Where the plain scalar text from `from` ends on its line: before a comment and trailing spaces. */
  private plainEnd(from: number): number {
    const lineEnd = this.lineEnd(from);
    let end = lineEnd;
    for (let i = from + 1; i < lineEnd; i++) {
      if (this.text.charCodeAt(i) === 35 && this.text.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
    }
    while (end > from && this.text.charCodeAt(end - 1) === 32) end--;
    return end;
  }

  /**
   * The flow collection from `at` to `end` (one line) with its entries indexed, or, where the index
   * cannot read its inside, the collection alone: the document can still be placed around it.
   */
  readFlow(at: number, end: number): IndexNode {
    let node = this.flows.get(at);
    if (!node) this.flows.set(at, (node = this.flowOrOpaque(at, end)));
    return node;
  }

  private flowOrOpaque(at: number, end: number): IndexNode {
    try {
      const [node, after] = this.flowCollection(at, 0);
      if (after !== end) unsure();
      return node;
    } catch (error) {
      if (!(error instanceof Unsure)) throw error;
      return { kind: 'leaf', start: at, end, flow: true };
    }
  }

  /** The flow mapping or sequence at `at`, and the offset after its closing bracket. */
  private flowCollection(at: number, depth: number): [IndexNode, number] {
    if (depth > MAX_DEPTH) unsure();
    const text = this.text;
    const map = text.charCodeAt(at) === 123;
    const close = map ? 125 : 93;
    const pairs = new Map<string, Pair>();
    const items: Array<IndexNode | typeof EMPTY> = [];
    let i = this.skipSpaces(at + 1);
    while (text.charCodeAt(i) !== close) {
      if (map) {
        const keyStart = i;
        const key = this.flowKey(i);
        i = this.skipSpaces(key.end);
        let value: IndexNode | typeof EMPTY = EMPTY;
        if (text.charCodeAt(i) === 58 /* : */) {
          i = this.skipSpaces(i + 1);
          const c = text.charCodeAt(i);
          if (c !== 44 && c !== close) [value, i] = this.flowValue(i, depth);
        }
        if (!pairs.has(key.name)) pairs.set(key.name, { keyStart, keyEnd: key.end, value });
      } else {
        let item: IndexNode;
        [item, i] = this.flowValue(i, depth);
        // `[a: b]` (a single-pair mapping) stops at the `:`, which is neither `,` nor `]`: declined below
        items.push(item);
      }
      i = this.skipSpaces(i);
      const c = text.charCodeAt(i);
      if (c === 44 /* , */) i = this.skipSpaces(i + 1);
      else if (c !== close) unsure();
    }
    const end = i + 1;
    return [map ? { kind: 'map', start: at, end, pairs } : { kind: 'seq', start: at, end, items }, end];
  }

  /** A key in a flow mapping: quoted, or plain up to `:` and a space or a flow indicator, `,` or `}`. */
  private flowKey(at: number): { name: string; end: number } {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(at);
      if (end < 0) unsure();
      const inner = text.slice(at + 1, end - 1);
      if (c === 34 && inner.includes('\\')) unsure();
      return { name: c === 39 ? inner.replace(/''/g, "'") : inner, end };
    }
    const end = this.flowPlainEnd(at);
    const name = text.slice(at, end);
    if (name === '' || NOT_A_STRING_KEY.test(name)) unsure();
    return { name, end };
  }

  /** A value in a flow collection: a nested collection, a quoted scalar or a plain one. */
  private flowValue(at: number, depth: number): [IndexNode, number] {
    const c = this.text.charCodeAt(at);
    if (c === 91 || c === 123) return this.flowCollection(at, depth + 1);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(at);
      if (end < 0) unsure();
      return [{ kind: 'leaf', start: at, end, flow: false }, end];
    }
    const end = this.flowPlainEnd(at);
    if (end === at) unsure();
    return [{ kind: 'leaf', start: at, end, flow: false }, end];
  }

  /**
   * Where a plain scalar in a flow collection ends (trailing spaces left out): before `,`, `]`, `}`, or a
   * `:` followed by a space or a flow indicator. Indicators that start something else are declined.
   */
  private flowPlainEnd(at: number): number {
    const text = this.text;
    if ('-?:'.includes(text[at]!) && (this.isSpaceOrEnd(at + 1) || ',[]{}'.includes(text[at + 1] ?? ''))) unsure();
    if ('[]{},#&*!|>\'"%@`'.includes(text[at]!)) unsure();
    const lineEnd = this.lineEnd(at);
    let end = at;
    for (let i = at; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 44 || ch === 93 || ch === 125) break;
      if (ch === 91 || ch === 123) unsure();
      if (ch === 58 && (this.isSpaceOrEnd(i + 1) || ',[]{}'.includes(text[i + 1] ?? ''))) break;
      if (ch !== 32) end = i + 1;
    }
    return end;
  }

  /** The next line with content after `line` that is not indented past `parent`; `strict`: none may be. */
  private nextOutside(line: number, parent: number, strict: boolean): number {
    for (let l = this.nextContent(line + 1); ; l = this.nextContent(l + 1)) {
      if (l < 0 || this.indents[l]! <= parent) return l;
      if (strict) unsure();
    }
  }

  /** The key at `at` (plain or quoted, on one line, followed by `:` and a space or the line end), or null. */
  private keyAt(at: number): { name: string; end: number; colon: number } | null {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(at);
      if (end < 0) return null;
      const colon = this.skipSpaces(end);
      if (text.charCodeAt(colon) !== 58 || !this.isSpaceOrEnd(colon + 1)) return null;
      const inner = text.slice(at + 1, end - 1);
      // escapes are the yaml library's to decode
      if (c === 34 && inner.includes('\\')) unsure();
      return { name: c === 39 ? inner.replace(/''/g, "'") : inner, end, colon };
    }
    const lineEnd = this.lineEnd(at);
    let colon = -1;
    for (let i = at; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 58 && this.isSpaceOrEnd(i + 1)) {
        colon = i;
        break;
      }
      // ` #` starts a comment: no key on this line
      if (ch === 35 && i > at && text.charCodeAt(i - 1) === 32) return null;
    }
    if (colon < 0) return null;
    // what cannot start a plain key, or starts what the index does not read (flow keys, quoted-looking text)
    if ('[]{},#&*!|>%@`"\''.includes(text[at]!) || ((c === 45 || c === 63 || c === 58) && this.isSpaceOrEnd(at + 1))) unsure();
    const name = text.slice(at, colon).trimEnd();
    if (name === '' || NOT_A_STRING_KEY.test(name)) unsure();
    return { name, end: at + name.length, colon };
  }

  /** Offset after the closing quote of the quoted scalar at `at`, on the same line; -1 if it does not close there. */
  private quotedEnd(at: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    const lineEnd = this.lineEnd(at);
    for (let i = at + 1; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (quote === 34 && ch === 92 /* \ */) i++;
      else if (ch === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /**
   * Offset after the flow collection at `at`, closed on the same line; -1 if not. A quote opens a quoted
   * scalar only where a scalar starts (after `[`, `{`, `,` or `: `): inside a plain scalar (`it's`) it is
   * a character. A comment means the collection goes on past its line.
   */
  private flowEnd(at: number): number {
    const text = this.text;
    const lineEnd = this.lineEnd(at);
    let depth = 0;
    let scalarStart = true;
    // a `:` right after a quoted key is an indicator (`{"a":1}`)
    let quotedEnd = -1;
    for (let i = at; i < lineEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 91 || ch === 123 || ch === 44 /* , */) {
        if (ch !== 44) depth++;
        scalarStart = true;
      } else if (ch === 93 || ch === 125) {
        if (--depth === 0) return i + 1;
        scalarStart = false;
      } else if (ch === 58 /* : */ && (this.isSpaceOrEnd(i + 1) || ',[]{}"\''.includes(text[i + 1] ?? '') || i === quotedEnd)) {
        scalarStart = true;
      } else if (ch === 35 /* # */ && text.charCodeAt(i - 1) === 32) {
        return -1;
      } else if ((ch === 34 || ch === 39) && scalarStart) {
        const end = this.quotedEnd(i);
        if (end < 0) return -1;
        i = end - 1;
        quotedEnd = end;
        scalarStart = false;
      } else if (ch === 63 /* ? */ && scalarStart) {
        return -1; // an explicit key
      } else if (ch !== 32) {
        scalarStart = false;
      }
    }
    return -1;
  }

  private nextContent(line: number): number {
    for (let l = line; l < this.starts.length; l++) {
      if (!this.blank[l]) {
        // document markers inside a document's text are the yaml library's to read
        const at = this.contentAt(l);
        if (this.indents[l] === 0 && (this.text.startsWith('---', at) || this.text.startsWith('...', at)) && this.isSpaceOrEnd(at + 3) && l > 0) unsure();
        return l;
      }
    }
    return -1;
  }

  private contentAt(line: number): number {
    return this.starts[line]! + this.indents[line]!;
  }

  private lineOf(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }

  private columnOf(offset: number): number {
    return offset - this.starts[this.lineOf(offset)]!;
  }

  private lineEnd(at: number): number {
    const newline = this.text.indexOf('\n', at);
    const end = newline < 0 || newline > this.end ? this.end : newline;
    return end > at && this.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  }

  private skipSpaces(at: number): number {
    while (this.text.charCodeAt(at) === 32) at++;
    return at;
  }

  private isSpaceOrEnd(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return at >= this.end || c === 32 || c === 10 || (c === 13 && this.text.charCodeAt(at + 1) === 10);
  }

  private isLineEndOrComment(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return at >= this.end || c === 10 || c === 35 || (c === 13 && this.text.charCodeAt(at + 1) === 10);
  }

  /** Whether only spaces and a comment follow `at` on its line. */
  private restIsBlank(at: number): boolean {
    return this.isLineEndOrComment(this.skipSpaces(at));
  }
}
