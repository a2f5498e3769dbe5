import { jsonErrorPosition } from './json-error-position';

/**
 * What is wrong with a text JSON.parse refused, and where, without the text: V8 quotes the text it read
 * in some of its messages ("Unexpected token 'd', "[default]\na"... is not valid JSON"), the whole of it
 * when it is short, and a path named by a pull request's .gwctl.yaml may be any file on the runner. The
 * message keeps its kind; the place is V8's where it gives one, else json-error-position.ts's scan.
 */
export function jsonParseError(error: unknown, text: string): { readonly at: number; readonly what: string } {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : Math.max(0, jsonErrorPosition(text));
  const kind = position
    ? message.slice(0, position.index).replace(/\s*in JSON\s*$/, '').trim()
    : /^Unexpected token/.test(message)
      ? 'an unexpected character'
      : /^Unexpected end/.test(message)
        ? 'the text ends before the JSON does'
        : 'not valid JSON';
  const before = text.slice(0, at);
  return { at, what: `${kind} at line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}` };
}
