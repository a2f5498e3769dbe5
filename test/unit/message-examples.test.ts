import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Code } from '../../src/diagnostics/catalogue';
import { exampleMessage } from '../../src/diagnostics/message-examples';
import { NESTING_LIMIT } from '../../src/load/nesting-depth';
import { DELEGATION_DEPTH_LIMIT, FLATTENED_ROUTES_LIMIT } from '../../src/model/flatten';
import { DEFAULT_LIMITS } from '../../src/analyze';

describe('the example messages of the documentation and SARIF rules', () => {
  it('give each limit the value gwctl applies, not another code\'s', () => {
    expect(exampleMessage('GW1010')).toBe(`the document nests deeper than ${NESTING_LIMIT} levels`);
    expect(exampleMessage('GW4022')).toContain(`more than ${DELEGATION_DEPTH_LIMIT} tables deep`);
    expect(exampleMessage('GW4023')).toContain(`more than ${FLATTENED_ROUTES_LIMIT.toLocaleString('en-US')} routes`);
    expect(exampleMessage('GW1013')).toContain(`larger than ${DEFAULT_LIMITS.file / 2 ** 20} MiB`);
  });

  it('fill every placeholder of every code', () => {
    for (const code of Object.keys(CATALOGUE) as Code[]) expect(exampleMessage(code), code).not.toMatch(/\{\w+\}/);
  });
});
