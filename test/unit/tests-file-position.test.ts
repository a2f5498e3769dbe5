import { describe, expect, it } from 'vitest';
import { positionIn } from '../../src/inspect/tests-file-position';

// Where a routing test file gwctl refuses says what is wrong (src/inspect/tests-file-position.ts)
describe('positionIn', () => {
  const text = `# routing tests
tests:
  - name: first
    request: GET https://a.example.com/
    expect: {route: a, statuz: 200}
  - name: second
    headers:
      x/y: "1"
    expect:
      funtcion: f
`;

  it('names the key where the pointer ends at one, and an item of a list by its index', () => {
    expect(positionIn(text, '/tests/1/expect/funtcion')).toEqual({ line: 10, column: 7 });
    expect(positionIn(text, '/tests/0/expect/statuz')).toEqual({ line: 5, column: 24 });
    expect(positionIn(text, '/tests/1')).toEqual({ line: 6, column: 5 });
    // a key that holds `/` is escaped in the pointer (RFC 6901)
    expect(positionIn(text, '/tests/1/headers/x~1y')).toEqual({ line: 8, column: 7 });
    // the file: where its document begins
    expect(positionIn(text, '')).toEqual({ line: 2, column: 1 });
  });

  it('goes as far as the file holds what the pointer names', () => {
    expect(positionIn(text, '/tests/0/expect/missing')).toEqual({ line: 5, column: 5 });
    expect(positionIn(text, '/tests/7/name')).toEqual({ line: 2, column: 1 });
    expect(positionIn(text, '/tests/x')).toEqual({ line: 2, column: 1 });
  });

  it('says nothing of a text it cannot read, or of an empty one', () => {
    expect(positionIn('tests: [\n  x: :\n', '/tests')).toBeUndefined();
    expect(positionIn('', '')).toBeUndefined();
  });
});
