import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRoutingTests } from '../../src/inspect/routing-tests-file';
import { ROOT } from '../helpers/run-cli';

const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/gwctl/routing-tests.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);
const readerAccepts = (data: unknown) => {
  try {
    readRoutingTests('t.yaml', data);
    return true;
  } catch {
    return false;
  }
};

const files = [
  'fixtures/examples-tests/api.example.com.yaml',
  ...readdirSync(join(ROOT, 'fixtures/model/semantics')).filter((f) => f.endsWith('.tests.yaml')).map((f) => `fixtures/model/semantics/${f}`),
  ...readdirSync(join(ROOT, 'fixtures/real-world')).map((d) => `fixtures/real-world/${d}/tests.yaml`),
];

describe('routing test files: the published JSON Schema and the reader agree', () => {
  it.each(files)('%s is valid for both', (file) => {
    const data = parse(readFileSync(join(ROOT, file), 'utf8'));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    expect(readerAccepts(data)).toBe(true);
  });

  it.each([
    ['no tests', {}],
    ['an unknown top-level field', { tests: [], extra: 1 }],
    ['a test without request', { tests: [{ expect: { status: 200 } }] }],
    ['an empty expectation', { tests: [{ request: 'GET http://a/', expect: {} }] }],
    ['a misspelt expectation', { tests: [{ request: 'GET http://a/', expect: { funtcion: 'x' } }] }],
    ['a function object without a name', { tests: [{ request: 'GET http://a/', expect: { function: { qualifier: '1' } } }] }],
    ['a finding that is not a code', { findings: ['4018'], tests: [] }],
    ['headers as a list', { tests: [{ request: 'GET http://a/', headers: ['x: y'], expect: { status: 200 } }] }],
  ])('%s is refused by both', (_, data) => {
    expect(validate(data)).toBe(false);
    expect(readerAccepts(data)).toBe(false);
  });
});
