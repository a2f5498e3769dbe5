/**
 * The YAML parser recurses once per nesting level. Far past a thousand levels it runs out of stack, and
 * near the stack limit V8 can abort the whole process (out of memory while compiling a regular
 * expression), which no try/catch survives. Nesting is therefore measured before parsing, for flow
 * collections ([ {) and block collections (indentation, compact `- - -` sequences). No Gloo resource
 * comes near the limit.
 */
export const NESTING_LIMIT = 256;

/** Offset where nesting first exceeds the limit, or -1. Linear; cheap bounds first. */
export function excessiveNesting(text: string, limit = NESTING_LIMIT): number {
  const flow = excessiveFlowNesting(text, limit);
  return flow >= 0 ? flow : excessiveBlockNesting(text, limit);
}

export function excessiveFlowNesting(text: string, limit = NESTING_LIMIT): number {
  // too few openers to ever reach the limit: the common case, decided without a character loop
  let openers = 0;
  for (let i = text.indexOf('['); i >= 0 && openers <= limit; i = text.indexOf('[', i + 1)) openers++;
  for (let i = text.indexOf('{'); i >= 0 && openers <= limit; i = text.indexOf('{', i + 1)) openers++;
  if (openers <= limit) return -1;

  // From one character that matters to the next: the regular expression skips the rest in native code
  // (a text of corpus L's teams has 265 openers, over the bound; a loop over every character in
  // JavaScript cost 630 ms of validate of L). test() moves lastIndex past the match and builds no array.
  let depth = 0;
  FLOW_MARK.lastIndex = 0;
  while (FLOW_MARK.test(text)) {
    let i = FLOW_MARK.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      // outside a flow collection one opens only where a node can start: elsewhere it is text (`a [b`)
      if ((depth > 0 || startsNode(text, i)) && ++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x23) {
      if (i === 0 || isSpace(text.charCodeAt(i - 1))) i = endOfLine(text, i);
    } else if (c === 0x7c || c === 0x3e) {
      // a block scalar's lines are its text, brackets and quotes included (none in a flow collection)
      if (depth === 0 && startsNode(text, i)) i = endOfBlockScalar(text, i);
    } else if (startsNode(text, i)) {
      i = c === 0x22 ? endOfDoubleQuoted(text, i) : endOfSingleQuoted(text, i);
    }
    FLOW_MARK.lastIndex = i + 1;
  }
  return -1;
}

// the characters the flow count acts on: brackets, braces, a comment's #, quotes and block scalar
// indicators that open a scalar
const FLOW_MARK = /[[\]{}#"'|>]/g;

/**
 * Where the block scalar whose indicator (`|` or `>`) is at `i` ends: the end of its last line, or `i`
 * when what follows the indicator on its line makes it no header (YAML 1.2.2, 8.1.1: indentation and
 * chomping indicators, then spaces and a comment). Its lines are those indented past the node that holds
 * it: the key of `key: |`, or the indicator itself after a `- ` (less than the YAML allows there, so a
 * line is never taken for text that is not).
 */
function endOfBlockScalar(text: string, i: number): number {
  const header = /[-+0-9]*[ \t]*(?:#[^\n]*)?(?:\r?\n|$)/y;
  header.lastIndex = i + 1;
  if (!header.test(text)) return i;
  const lineStart = text.lastIndexOf('\n', i) + 1;
  const owner = contentColumn(text, lineStart) - lineStart;
  let end = header.lastIndex - 1;
  for (let start = header.lastIndex; start < text.length; start = endOfLine(text, start) + 1) {
    let j = start;
    while (text.charCodeAt(j) === 0x20) j++;
    const c = text.charCodeAt(j);
    const blank = j >= text.length || c === 0x0a || c === 0x0d;
    if (!blank && j - start <= owner) break;
    end = endOfLine(text, start);
  }
  return end;
}

/**
 * Block nesting: every level indents its content by at least one more column (a compact `- ` by two),
 * so content that never starts past the limit column cannot nest past the limit. Only when some line
 * does is the depth counted, with a stack of indentations that skips block scalar bodies.
 */
export function excessiveBlockNesting(text: string, limit = NESTING_LIMIT): number {
  let deepest = 0;
  for (let start = 0; start < text.length; start = endOfLine(text, start) + 1) {
    deepest = Math.max(deepest, contentColumn(text, start) - start);
    if (deepest > limit) break;
  }
  if (deepest <= limit) return -1;

  const stack: number[] = [];
  let scalarIndent = -1;
  for (let start = 0; start < text.length; start = endOfLine(text, start) + 1) {
    let i = start;
    while (text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    if (i >= text.length || c === 0x0a || c === 0x0d || c === 0x23) continue; // blank or comment
    const indent = i - start;
    if (scalarIndent >= 0 && indent > scalarIndent) continue; // inside a | or > block scalar
    scalarIndent = -1;
    while (stack.length > 0 && stack[stack.length - 1]! >= indent) stack.pop();
    stack.push(indent);
    for (let j = i; isIndicator(text, j); ) {
      j += 2;
      while (text.charCodeAt(j) === 0x20) j++;
      stack.push(j - start);
    }
    if (stack.length > limit) return i;
    const line = text.slice(i, endOfLine(text, i)).replace(/\s+#.*$/, '').trimEnd();
    // its text is indented past the node that holds it, the key of `- key: |` (not the dash: a line at
    // the key's column is the next key, and nesting under it counts), as endOfBlockScalar reads it
    if (/[|>][-+0-9]*$/.test(line)) scalarIndent = contentColumn(text, start) - start;
  }
  return -1;
}

/** Column (as an offset) where a line's content starts, past indentation and `- `, `? `, `: ` indicators. */
function contentColumn(text: string, start: number): number {
  let i = start;
  while (text.charCodeAt(i) === 0x20) i++;
  while (isIndicator(text, i)) {
    i += 2;
    while (text.charCodeAt(i) === 0x20) i++;
  }
  return i;
}

function isIndicator(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return (c === 0x2d || c === 0x3f || c === 0x3a) && (next === 0x20 || next === 0x0a || next === 0x0d || Number.isNaN(next));
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Whether the character at `i` (a quote, a bracket, a block scalar's indicator) starts a node: only
 * where one can start (YAML 1.2.2, 7.3 and 8.2): first on its line, after `[`, `{` or `,`, after a `- `,
 * `? ` or `: ` indicator, or after the `:` of a quoted key (`{"a":"b"}`), with a tag or an anchor before it
 * or not (`!!str "a"`, `&x [a]`). Anywhere else it is a character of the scalar it is in (`don't`,
 * `a: b"`, `x: -'`, `a [b`): taking a quote for one would skip the text up to the next, nesting included.
 */
function startsNode(text: string, at: number): boolean {
  // a node has a tag and an anchor at most (YAML 1.2.2, 6.9): two words to look past, each found once
  for (let i = at, properties = 0; properties <= 2; properties++) {
    let j = i - 1;
    while (j >= 0 && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j--;
    if (j < 0) return true;
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d || c === 0x5b || c === 0x7b || c === 0x2c) return true;
    const before = j === 0 ? 0x20 : text.charCodeAt(j - 1);
    if (c === 0x3a && (j < i - 1 || before === 0x22 || before === 0x27)) return true;
    if ((c === 0x2d || c === 0x3f) && j < i - 1 && isSpace(before)) return true;
    // a tag or an anchor (a word of its own, then a space): the node starts where it could
    if (j === i - 1) return false;
    let w = j;
    while (w >= 0 && !isSpace(text.charCodeAt(w))) w--;
    const first = text.charCodeAt(w + 1);
    if (first !== 0x21 && first !== 0x26) return false;
    i = w + 1;
  }
  return false;
}

function endOfLine(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

function endOfDoubleQuoted(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j;
  }
  return text.length;
}

function endOfSingleQuoted(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text.charCodeAt(j) === 0x27) {
      if (text.charCodeAt(j + 1) === 0x27) j++;
      else return j;
    }
  }
  return text.length;
}
