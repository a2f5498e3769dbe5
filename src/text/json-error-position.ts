/**
 * Where strict JSON (RFC 8259) first goes wrong in a text JSON.parse refused, for the messages V8 gives
 * without a position ("Unexpected token 'y', ... is not valid JSON"). A scan of the grammar, without
 * recursion (a bracket stack), so no nesting can exhaust the stack; the text's length when it ends
 * before the value does.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  // what the scan expects next: a value, a key, or what follows one in an object or a list
  const open: string[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    space();
    if (i >= text.length) return expect === 'after' && open.length === 0 ? -1 : i;
    const c = text[i]!;
    if (expect === 'after') {
      const top = open[open.length - 1];
      if (top === undefined) return i; // a second value
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        i++;
        open.pop();
      } else return i;
      continue;
    }
    if (expect === 'key') {
      if (c === '}' && text[lastNonSpace(text, i - 1)] === '{') {
        i++;
        open.pop();
        expect = 'after';
        continue;
      }
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return i;
      i = end;
      space();
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    if (c === '{') {
      open.push('{');
      i++;
      expect = 'key';
    } else if (c === '[') {
      open.push('[');
      i++;
      space();
      if (text[i] === ']') {
        i++;
        open.pop();
        expect = 'after';
      }
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return i;
      i = end;
      expect = 'after';
    } else {
      const literal = /^(?:true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 400));
      if (!literal) return i;
      i += literal[0].length;
      expect = 'after';
    }
  }
}

function lastNonSpace(text: string, i: number): number {
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return i;
}

/** The offset after a JSON string that opens at `start`; -1 if it is not one. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -1;
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
      else return -1;
    }
  }
  return -1;
}
