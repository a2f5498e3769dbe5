import { beforeAll, describe, expect, it } from 'vitest';
import { eachWithoutStackTraces, withoutStackTraces } from '../../src/source/without-stack-traces';
import { parseDocuments } from '../../src/load/parse-documents';
import { loadYaml } from '../../src/source/yaml-library';
import { SourceFile } from '../../src/source/source-file';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).length;

describe('stack traces while the yaml library works', () => {
  beforeAll(loadYaml);

  it('are not recorded for the Errors made meanwhile, and the limit is restored, after a throw too', () => {
    const before = Error.stackTraceLimit;
    expect(frames(new Error('outside'))).toBeGreaterThan(0);
    expect(frames(withoutStackTraces(() => new Error('inside')))).toBe(0);
    expect(() => withoutStackTraces(() => {
      throw new Error('thrown');
    })).toThrow('thrown');
    expect(Error.stackTraceLimit).toBe(before);
  });

  it('are left out of each item a sequence makes, and kept between items, where the caller works', () => {
    function* errors(): Generator<Error> {
      yield new Error('first');
      yield new Error('second');
    }
    const made: Array<{ item: number; caller: number }> = [];
    for (const error of eachWithoutStackTraces(errors())) made.push({ item: frames(error), caller: frames(new Error('caller')) });
    expect(made.map((m) => m.item)).toEqual([0, 0]);
    expect(made.every((m) => m.caller > 0)).toBe(true);
  });

  it('are recorded again once a file with many syntax errors is parsed', () => {
    const before = Error.stackTraceLimit;
    const parsed = parseDocuments(new SourceFile('t.yaml', `kind: A\nspec: {\n${'a: |\n-\n'.repeat(1000)}`));
    expect(parsed.brokenCount).toBe(1);
    expect(Error.stackTraceLimit).toBe(before);
    expect(frames(new Error('after'))).toBeGreaterThan(0);
  });
});
