import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRoutingTests, type TestsFileError } from '../../src/inspect/routing-tests-file';
import { ROOT } from '../helpers/run-cli';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { findingsAsNamed } from '../../src/inspect/run-routing-tests';

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
    // YAML has read these as other than they were written (1.0 as 1, yes/True as booleans, an empty value as null)
    ['a header value YAML read as a number', { tests: [{ request: 'GET http://a/', headers: { 'x-version': 1 }, expect: { status: 200 } }] }],
    ['a header value YAML read as null', { tests: [{ request: 'GET http://a/', headers: { 'x-a': null }, expect: { status: 200 } }] }],
    ['a misspelt field of a function', { tests: [{ request: 'GET http://a/', expect: { function: { name: 'f', qualifer: '1' } } }] }],
    ['a status that is no HTTP status', { tests: [{ request: 'GET http://a/', expect: { status: 7 } }] }],
    ['a weight over 100', { tests: [{ request: 'GET http://a/', expect: { weight: 150 } }] }],
    ['a replaced that is no code', { tests: [{ request: 'GET http://a/', expect: { replaced: 'yes' } }] }],
    // joined to its value, `x:a: v` would be read as the header x
    ['a header name that is no HTTP token', { tests: [{ request: 'GET http://a/', headers: { 'x:a': 'v' }, expect: { status: 200 } }] }],
    ['a pseudo-header', { tests: [{ request: 'GET http://a/', headers: { ':authority': 'b' }, expect: { status: 200 } }] }],
    ['a name that is no string', { tests: [{ name: 42, request: 'GET http://a/', expect: { status: 200 } }] }],
    ['an empty provider of a function', { tests: [{ request: 'GET http://a/', expect: { function: { name: 'f', provider: '' } } }] }],
  ])('%s is refused by both', (_, data) => {
    expect(validate(data)).toBe(false);
    expect(readerAccepts(data)).toBe(false);
  });

  it('agree on random files: values of every type in every field, fields missing, misspelt and added', () => {
    const random = seededRandom(20261205);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    // a value of each type a YAML file can give, and some of each kind a field wants
    const anyValue = (): unknown => pick([null, true, 0, 7, 42, 100, 101, 599, 600, -1, 1.5, '', 'x', 'GW4018', 'GW40', ['x'], { x: 1 }, { name: 'f' }, 'GET http://a/', 9007199254740991, 9007199254740992, 200.5]);
    const sometimes = (p: number) => random() < p;
    const functionValue = () =>
      pick<unknown>([
        'arn:aws:lambda:us-east-1:1:function:f',
        { name: pick<unknown>(['f', '', 3]), ...(sometimes(0.5) ? { qualifier: pick<unknown>(['1', 2, 2.5, null, '$LATEST']) } : {}), ...(sometimes(0.4) ? { provider: pick<unknown>(['ns/aws', '', 1]) } : {}), ...(sometimes(0.1) ? { qualifer: '1' } : {}) },
        anyValue(),
      ]);
    // function, whose object has rules of its own, drawn as often as all the others together
    const fields = ['listener', 'route', 'status', 'redirect', 'replaced', 'notServed', 'function', 'service', 'subset', 'subset', 'role', 'weight', 'randomValue', 'path', 'host', 'funtcion', 'constructor', 'toString', ...Array<string>(13).fill('function')];
    const expectation = () => {
      const out: Record<string, unknown> = {};
      for (let n = Math.floor(random() * 3); n >= 0; n--) {
        const field = pick(fields);
        out[field] = field === 'function' ? functionValue() : field === 'subset' && sometimes(0.5) ? pick<unknown>([{}, { version: 'v2' }, { version: 2 }]) : sometimes(0.5) ? pick<unknown>([200, 404, 0, 100, 'GW4018', 'team-a/r', true, 50, 200.5]) : anyValue();
        // a subset's labels are judged where it has the service it needs
        if (field === 'subset' && sometimes(0.7)) out.service = 'team-a/orders';
      }
      return sometimes(0.05) ? pick<unknown>([{}, null, 'x']) : out;
    };
    const test = () => ({
      ...(sometimes(0.5) ? { name: sometimes(0.8) ? 'a test' : anyValue() } : {}),
      ...(sometimes(0.95) ? { request: sometimes(0.85) ? 'GET https://a.example.com/' : anyValue() } : {}),
      ...(sometimes(0.3) ? { headers: sometimes(0.8) ? { [sometimes(0.9) ? 'x-a' : pick(['x a', ':path', 'x:a', 'é'])]: sometimes(0.7) ? 'yes' : anyValue() } : anyValue() } : {}),
      ...(sometimes(0.95) ? { expect: expectation() } : {}),
      ...(sometimes(0.03) ? { extra: 1 } : {}),
    });
    const file = () => ({
      tests: sometimes(0.97) ? Array.from({ length: Math.floor(random() * 3) }, test) : anyValue(),
      ...(sometimes(0.2) ? { findings: sometimes(0.7) ? [pick(['GW4018', 'GW4018@12', '4018', 'GW4018@'])] : anyValue() } : {}),
    });
    let accepted = 0;
    for (let i = 0; i < 6000; i++) {
      const data = file();
      const bySchema = validate(data);
      expect(readerAccepts(data), JSON.stringify(data)).toBe(bySchema);
      if (bySchema) accepted++;
    }
    // both answers are drawn often enough to count
    expect(accepted).toBeGreaterThan(600);
    expect(accepted).toBeLessThan(5400);
  });
});

describe('routing test files: what the reader gives', () => {
  it('a version written unquoted is the version it names, as text; the name is the request where none is given', () => {
    const [test] = readRoutingTests('t.yaml', { tests: [{ request: 'GET http://a/', expect: { function: { name: 'f', qualifier: 2 } } }] }).tests;
    expect(test!.expect.function).toEqual({ name: 'f', qualifier: '2' });
    expect(test!.name).toBe('GET http://a/');
  });
});

describe('routing test files: a request no client can make', () => {
  const refusal = (test: Record<string, unknown>) => {
    try {
      readRoutingTests('t.yaml', { tests: [{ request: 'GET http://a.example.com/', expect: { status: 200 } }, { name: 'second', expect: { status: 200 }, ...test }] });
    } catch (error) {
      return error as TestsFileError;
    }
    throw new Error('accepted');
  };

  it('is refused where it is written: the request, or the header by its name', () => {
    const port = refusal({ request: 'GET http://a.example.com:99999/' });
    expect([port.pointer, port.detail]).toEqual(['/tests/1/request', 'test "second": request "GET http://a.example.com:99999/": port 99999 is not a TCP port (0 to 65535)']);
    expect(refusal({ request: 'GET http://a.example.com/\u001b' }).pointer).toBe('/tests/1/request');
    // the header that says why, among others, by its name as a pointer writes it (RFC 6901: ~ and /)
    const value = refusal({ request: 'GET http://a.example.com/', headers: { 'x-a': 'ok', 'x~b': 'a\rb', 'x-c': 'ok' } });
    expect([value.pointer, value.detail]).toEqual(['/tests/1/headers/x~0b', 'test "second": header "x~b: a\\rb": a header value holds no control character but a tab ("\\r"): the gateway answers 400 before routing']);
    expect(refusal({ request: 'GET /', headers: { 'x-a': 'ok' } }).pointer).toBe('/tests/1/request');
  });

  it('names a header that is no token before it is joined to its value, and says where a pseudo-header goes', () => {
    const colon = refusal({ request: 'GET http://a.example.com/', headers: { 'x:a': 'v' } });
    expect([colon.pointer, colon.detail]).toEqual(['/tests/1/headers/x:a', 'the name "x:a" is not an HTTP token (letters, digits and !#$%&\'*+-.^_`|~)']);
    expect(refusal({ request: 'GET http://a.example.com/', headers: { 'a/b': 'v' } }).pointer).toBe('/tests/1/headers/a~1b');
    expect(refusal({ request: 'GET http://a.example.com/', headers: { ':authority': 'b' } }).detail).toContain('a pseudo-header is the request line\'s, written in `request` (METHOD URL)');
  });

  it('is read once, as the gateway receives it', () => {
    const [, second] = readRoutingTests('t.yaml', { tests: [{ request: 'GET http://a.example.com/', expect: { status: 200 } }, { request: 'POST /a/../b', headers: { Host: 'B.example.com:8080', 'x-a': '  yes\t' }, expect: { status: 200 } }] }).tests;
    expect(second!.sent).toMatchObject({ method: 'POST', host: 'b.example.com', port: 8080, path: '/b', sentPath: '/a/../b' });
    expect(second!.sent.headers.get('x-a')).toBe('yes');
  });
});

describe('a findings list with lines for some codes and none for others', () => {
  // the findings as run-routing-tests gives them: every one with its line when some name has one
  const actual = ['GW4015@32', 'GW4015@53', 'GW4036@43'];
  it('pins each code with a line to that line, and the others to any line', () => {
    for (const named of [['GW4015', 'GW4015', 'GW4036@43'], ['GW4015@53', 'GW4036', 'GW4015'], ['GW4015@32', 'GW4015@53', 'GW4036@43']]) expect(findingsAsNamed([...named].sort(), actual), named.join()).toBe(true);
  });

  it('fails on one more, one less, one on another line, or a line named twice that holds one', () => {
    for (const named of [['GW4015', 'GW4036@43'], ['GW4015', 'GW4015', 'GW4036@44'], ['GW4015@32', 'GW4015@32', 'GW4036'], ['GW4015', 'GW4015', 'GW4036', 'GW4036'], ['GW4015', 'GW4036', 'GW4036'], ['GW4015', 'GW4015', 'GW4015']]) expect(findingsAsNamed([...named].sort(), actual), named.join()).toBe(false);
  });
});
