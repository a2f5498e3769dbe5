import { describe, expect, it } from 'vitest';
import { jsonParseError } from '../../src/text/json-parse-error';

const reason = (text: string) => {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonParseError(error, text).what;
  }
  throw new Error('parsed');
};

describe('jsonParseError', () => {
  it('says what is wrong and where, never the text read', () => {
    // V8's own message quotes the whole of a short text: "Unexpected token 's', "secret: 1" is not valid JSON"
    expect(reason('secret: 1')).toBe('an unexpected character at line 1, column 1');
    // V8 gives no position here: the scan finds it
    expect(reason('{"a": 1,\n "b": yes}')).toBe('an unexpected character at line 2, column 7');
    expect(reason('{"a": 1,\n  "token": "x",\n}')).toBe('Expected double-quoted property name at line 3, column 1');
    expect(reason('{"a":')).toBe('the text ends before the JSON does at line 1, column 6');
    expect(reason('{"a": "unterminated')).toBe('Unterminated string at line 1, column 20');
  });
});
