import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli';

const check = (script: string) => {
  try {
    execFileSync(process.execPath, [script, '--check'], { cwd: ROOT, stdio: 'pipe' });
    return 'up to date';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }
};

describe('generated files', () => {
  it('schemas/v2.2 and schemas/v2.3 match their sources (npm run schemas)', () => {
    expect(check('scripts/generate-schemas.mjs')).toBe('up to date');
  });

  it('schemas/source/aws-partitions.json holds the regions of the AWS SDK installed (scripts/generate-aws-partitions.mjs)', () => {
    expect(check('scripts/generate-aws-partitions.mjs')).toBe('up to date');
  });

  it('docs/diagnostics.md and the README code table match the catalogue (npm run docs)', () => {
    expect(check('scripts/generate-docs.mjs')).toBe('up to date');
  });
});
