import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Code } from '../../src/diagnostics/catalogue';
import { exampleMessage } from '../../src/diagnostics/message-examples';
import { NESTING_LIMIT } from '../../src/load/nesting-depth';
import { DELEGATION_DEPTH_LIMIT, FLATTENED_ROUTES_LIMIT } from '../../src/model/flatten';
import { DEFAULT_LIMITS } from '../../src/load/read-limits';
import { ROOT } from '../helpers/run-cli';

describe('the example messages of the documentation and SARIF rules', () => {
  it('give each limit the value gwctl applies, not another code\'s', () => {
    expect(exampleMessage('GW1010')).toBe(`the document nests deeper than ${NESTING_LIMIT} levels`);
    expect(exampleMessage('GW4022')).toContain(`more than ${DELEGATION_DEPTH_LIMIT} tables deep`);
    expect(exampleMessage('GW4023')).toContain(`more than ${FLATTENED_ROUTES_LIMIT.toLocaleString('en-US')} routes`);
    expect(exampleMessage('GW1013')).toContain(`larger than ${DEFAULT_LIMITS.file / 2 ** 20} MiB`);
  });

  it('are what gwctl printed in a reviewed golden transcript, where one holds the code', () => {
    const dir = join(ROOT, 'test/golden');
    const transcripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const code of ['GW1005', 'GW3001', 'GW4008', 'GW6008'] as const) expect(transcripts).toContain(`  ${exampleMessage(code)}  ${code}\n`);
    // a code no transcript holds is its template with sample values
    expect(exampleMessage('GW4023', {})).toMatch(/^this table's delegation expands to more than 200,000 routes/);
  });

  it('fill every placeholder of every code', () => {
    for (const code of Object.keys(CATALOGUE) as Code[]) expect(exampleMessage(code), code).not.toMatch(/\{\w+\}/);
  });
});
