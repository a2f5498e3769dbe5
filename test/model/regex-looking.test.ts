import { describe, expect, it } from 'vitest';
import { regexConstruct } from '../../src/model/regex-looking';

describe('an exact value or path written as a regex', () => {
  it.each([
    ['Bearer .*', '`.*`'],
    ['/static/.+', '`.+`'],
    ['\\d+', '`\\d`'],
    ['\\w+-\\w+', '`\\w`'],
    ['a\\sb', '`\\s`'],
    ['/api\\/v1', '`\\/`'],
    ['api\\.example\\.com', '`\\.`'],
    ['[0-9]+', '`[0-9]`'],
    ['/files/[^/]+', '`[^/]`'],
    ['(v1|v2)', '`(v1|v2)`'],
    ['^/health$', '`^` and `$`'],
  ])('%s holds %s', (value, construct) => {
    expect(regexConstruct(value)).toBe(construct);
  });

  it.each([
    // what clients send as text: media ranges, wildcards, dots, brackets without a range, a lone anchor
    '*/*',
    'text/html, application/xhtml+xml',
    'v1.2.3',
    '/api/v1',
    'no-cache',
    '[1]',
    '$LATEST',
    '^caret',
    '(optional)',
    'a.b',
  ])('%s is text', (value) => {
    expect(regexConstruct(value)).toBeUndefined();
  });
});
