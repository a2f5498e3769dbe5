import { isObject } from '../data/values';
import { UsageError } from '../errors';
import { pointerSegment } from '../source/pointer';
import { isHttpToken } from '../text/http-token';
import { printable } from '../text/printable';
import { parseRequest, RequestError, type TestRequest } from './match-request';
import type { Expectation } from './routing-expectations';

/** One routing test: a request and what must happen to it. */
export interface RoutingTest {
  readonly name: string;
  readonly request: string;
  /** `Name: value` lines, as -H takes them */
  readonly headers: readonly string[];
  /** the request and its headers as the gateway receives them, read once with the file */
  readonly sent: TestRequest;
  readonly expect: Expectation;
  /** where the test is in its file (`/tests/3`), for messages */
  readonly pointer: string;
}

export interface RoutingTestsFile {
  readonly file: string;
  /** when given: exactly these finding codes (`GW4018`, or `GW4018@12` for one on line 12) */
  readonly findings?: readonly string[];
  readonly tests: readonly RoutingTest[];
}

type Fail = (pointer: string, message: string) => Error;

/** How each expectation is read: the kinds of schemas/gwctl/routing-tests.schema.json, which must agree (test/unit/routing-tests-file.test.ts). */
const TEXT = { kind: 'string' } as const;
const EXPECT_FIELDS = {
  listener: TEXT,
  route: TEXT,
  status: { kind: 'integer', min: 100, max: 599 },
  redirect: TEXT,
  replaced: { kind: 'code' },
  notServed: { kind: 'boolean' },
  function: { kind: 'function' },
  service: TEXT,
  subset: { kind: 'labels' },
  role: TEXT,
  weight: { kind: 'integer', min: 0, max: 100 },
  // Envoy's draw is a uint64; a YAML number past 2^53 is read rounded, and the remainder the pick
  // takes (random_value % total) would be another than router_check_tool's
  randomValue: { kind: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER },
  path: TEXT,
  host: TEXT,
} as const;
const EXPECT_NAMES = Object.keys(EXPECT_FIELDS).join(', ');

/** A routing test file that says what gwctl cannot read: where (a JSON pointer into the file) and why. */
export class TestsFileError extends UsageError {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly detail: string,
  ) {
    super(`${file}: ${pointer || 'the file'}: ${detail}`);
  }
}

/**
 * Reads a routing test file (already parsed from YAML): `tests[]` of `{name, request, headers, expect}`,
 * and optionally `findings`. It takes what the published schema takes and refuses what it refuses: a
 * value of the wrong type is an error that names the file and the place, never read as absent or as
 * its `String()` (a misspelt `qualifer` left the qualifier unchecked, a `status: 7` could never pass,
 * an empty header value read as the text `null`).
 */
export function readRoutingTests(file: string, data: unknown): RoutingTestsFile {
  const fail: Fail = (pointer, message) => new TestsFileError(file, pointer, message);
  if (!isObject(data) || !Array.isArray(data.tests)) throw fail('', 'expected a mapping with a `tests` list');
  for (const key of Object.keys(data)) if (key !== 'tests' && key !== 'findings') throw fail(`/${key}`, 'unknown field (expected tests, findings)');
  let findings: string[] | undefined;
  if (data.findings !== undefined) {
    if (!Array.isArray(data.findings) || !data.findings.every((f) => typeof f === 'string' && /^GW\d{4}(@\d+)?$/.test(f))) throw fail('/findings', 'expected a list of codes such as GW4018 or GW4018@12');
    findings = data.findings as string[];
  }
  const tests = data.tests.map((raw, i): RoutingTest => {
    const pointer = `/tests/${i}`;
    if (!isObject(raw)) throw fail(pointer, 'expected a mapping');
    for (const key of Object.keys(raw)) if (key !== 'name' && key !== 'request' && key !== 'headers' && key !== 'expect') throw fail(`${pointer}/${key}`, 'unknown field (expected name, request, headers, expect)');
    if (typeof raw.request !== 'string' || raw.request === '') throw fail(`${pointer}/request`, 'expected "METHOD URL", such as "GET https://api.example.com/orders"');
    if (raw.name !== undefined && typeof raw.name !== 'string') throw fail(`${pointer}/name`, 'expected a string');
    const headers = raw.headers === undefined ? [] : readHeaders(raw.headers, `${pointer}/headers`, fail);
    const name = (raw.name as string | undefined) ?? raw.request;
    const expect = readExpectation(raw.expect, `${pointer}/expect`, fail);
    // a request no client can make is the file's mistake, named where it is written: the request, or
    // the header (by its index among those read, which is the mapping's order)
    let sent: TestRequest;
    try {
      const test = `test ${printable(JSON.stringify(name))}:`;
      sent = parseRequest(raw.request, headers, { request: `${test} request`, header: `${test} header` });
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      const at = error.header === undefined ? `${pointer}/request` : `${pointer}/headers/${pointerSegment(Object.keys(raw.headers as object)[error.header]!)}`;
      throw fail(at, error.message);
    }
    return { name, request: raw.request, headers, sent, expect, pointer };
  });
  return { file, ...(findings ? { findings } : {}), tests };
}

/**
 * Header values are strings. A YAML number or boolean is refused rather than turned back into text: the
 * parser has already lost how it was written (`1.0` is read as 1, `007` as 7, `True` as true), and a
 * request carrying another value than the one written can match a route the real one does not.
 */
function readHeaders(headers: unknown, pointer: string, fail: Fail): string[] {
  if (!isObject(headers)) throw fail(pointer, 'expected a mapping of header names to values');
  return Object.entries(headers).map(([name, value]) => {
    // checked before the name is joined to its value: `x:a` would be read as the header x
    if (!isHttpToken(name)) throw fail(`${pointer}/${pointerSegment(name)}`, `the name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~)${name.startsWith(':') ? ': a pseudo-header is the request line\'s, written in `request` (METHOD URL)' : ''}`);
    if (typeof value !== 'string') {
      const written = value === null ? 'empty (null)' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `the ${typeof value} ${String(value)}`;
      throw fail(`${pointer}/${pointerSegment(name)}`, `expected a string, and YAML read ${written}: quote the value as the request carries it (${JSON.stringify(name)}: "...")`);
    }
    return `${name}: ${value}`;
  });
}

function readExpectation(e: unknown, pointer: string, fail: Fail): Expectation {
  if (!isObject(e) || Object.keys(e).length === 0) throw fail(pointer, 'expected a mapping with at least one expectation');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    const at = `${pointer}/${key}`;
    if (!Object.hasOwn(EXPECT_FIELDS, key)) throw fail(at, `unknown expectation (expected one of ${EXPECT_NAMES})`);
    const spec = EXPECT_FIELDS[key as keyof typeof EXPECT_FIELDS];
    if (spec.kind === 'string' && typeof value !== 'string') throw fail(at, 'expected a string');
    if (spec.kind === 'boolean' && typeof value !== 'boolean') throw fail(at, 'expected true or false');
    if (spec.kind === 'code' && (typeof value !== 'string' || !/^GW\d{4}$/.test(value))) throw fail(at, 'expected a finding code, such as GW4018');
    if (spec.kind === 'labels' && (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string'))) throw fail(at, 'expected a mapping of label names to string values, such as {version: v2}');
    if (spec.kind === 'integer' && (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max)) throw fail(at, `expected a whole number from ${spec.min} to ${spec.max}`);
    out[key] = spec.kind === 'function' ? readFunction(value, at, fail) : value;
  }
  if (out.subset !== undefined && out.service === undefined) throw fail(`${pointer}/subset`, 'a subset goes with the service it selects endpoints of (service: namespace/name[:port])');
  return out as Expectation;
}

function readFunction(fn: unknown, pointer: string, fail: Fail): Expectation['function'] {
  if (typeof fn === 'string') return fn;
  if (!isObject(fn)) throw fail(pointer, 'expected an ARN, or {provider, name, qualifier}');
  for (const key of Object.keys(fn)) if (key !== 'provider' && key !== 'name' && key !== 'qualifier') throw fail(`${pointer}/${key}`, 'unknown field (expected provider, name, qualifier)');
  if (typeof fn.name !== 'string' || fn.name === '') throw fail(`${pointer}/name`, 'expected the function name');
  if (fn.provider !== undefined && (typeof fn.provider !== 'string' || fn.provider === '')) throw fail(`${pointer}/provider`, 'expected namespace/name of a CloudProvider');
  // a version is a whole number; one written unquoted (`qualifier: 2`) is the version it names
  const q = fn.qualifier;
  if (q !== undefined && typeof q !== 'string' && !(typeof q === 'number' && Number.isInteger(q))) throw fail(`${pointer}/qualifier`, 'expected a version or an alias');
  return { name: fn.name, ...(fn.provider !== undefined ? { provider: fn.provider } : {}), ...(q !== undefined ? { qualifier: String(q) } : {}) };
}
