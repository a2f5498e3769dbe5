/**
 * What is wrong with a text JSON.parse refused, without the text: V8 quotes the text it read in some of
 * its messages ("Unexpected token 'd', "[default]\na"... is not valid JSON"), the whole of it when it is
 * short, and a path named by a pull request's .gwctl.yaml may be any file on the runner. The message
 * keeps its kind and gives the place as a line and column.
 */
export function jsonParseError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const at = Number(position[1]);
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return `${message.slice(0, position.index).replace(/\s*in JSON\s*$/, '').trim()} at line ${line}, column ${column}`;
  }
  if (/^Unexpected token/.test(message)) return 'an unexpected character';
  if (/^Unexpected end/.test(message)) return 'it ends before the JSON does';
  return 'not valid JSON';
}
