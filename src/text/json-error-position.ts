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
      if (end.failsAt !== undefined) return end.failsAt;
      i = end.after;
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
      if (end.failsAt !== undefined) return end.failsAt;
      i = end.after;
      expect = 'after';
    } else if (c === 't' || c === 'f' || c === 'n') {
      // as V8 reads a literal: up to the first character that departs from it, the place its message names
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
      for (let k = 1; k < word.length; k++) if (text[i + k] !== word[k]) return i + k;
      i += word.length;
      expect = 'after';
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
      expect = 'after';
    }
  }
}

// a JSON number (RFC 8259, 6), read where the scan is and as far as it goes
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function lastNonSpace(text: string, i: number): number {
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i--;
  return i;
}

/**
 * The offset after a JSON string that opens at `start`, or where it stops being one: the text's end when
 * it ends first (V8's "Unexpected end of JSON input"), else where the string opens (a control character or
 * a bad escape, which V8 places itself).
 */
function stringEnd(text: string, start: number): { readonly after: number; readonly failsAt?: undefined } | { readonly failsAt: number } {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { after: i + 1 };
    if (c < 0x20) return { failsAt: start };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        const digits = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]*$/.test(digits)) return { failsAt: start };
        if (digits.length < 4) break;
        i += 5;
      } else if (e === undefined) break;
      else if ('"\\/bfnrt'.includes(e)) i++;
      else return { failsAt: start };
    }
  }
  return { failsAt: text.length };
}
