import { describe, expect, it } from 'vitest';
import { jsonParseError } from '../../src/text/json-parse-error';

const reason = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonParseError(error, text);
  }
  throw new Error('parsed');
};

describe('jsonParseError', () => {
  it('says what is wrong and where, never the text read', () => {
    // V8's own message quotes the whole of a short text: "Unexpected token 's', "secret: 1" is not valid JSON"
    expect(reason('secret: 1')).toBe('an unexpected character');
    expect(reason('{"a": 1,\n  "token": "x",\n}')).toBe('Expected double-quoted property name at line 3, column 1');
    expect(reason('{"a":')).toBe('it ends before the JSON does');
    expect(reason('{"a": "unterminated')).toBe('Unterminated string at line 1, column 20');
  });
});
