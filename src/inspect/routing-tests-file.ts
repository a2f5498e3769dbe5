import { isObject, str } from '../data/values';
import { UsageError } from '../errors';
import type { Expectation } from './routing-expectations';

/** One routing test: a request and what must happen to it. */
export interface RoutingTest {
  readonly name: string;
  readonly request: string;
  /** `Name: value` lines, as -H takes them */
  readonly headers: readonly string[];
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

const EXPECT_FIELDS = new Set(['listener', 'route', 'status', 'redirect', 'replaced', 'notServed', 'function', 'service', 'role', 'weight', 'randomValue', 'path', 'host']);

/**
 * Reads a routing test file (already parsed from YAML): `tests[]` of `{name, request, headers, expect}`,
 * and optionally `findings`. Shape errors are usage errors that name the file and the place.
 */
export function readRoutingTests(file: string, data: unknown): RoutingTestsFile {
  const fail = (pointer: string, message: string) => new UsageError(`${file}: ${pointer || 'the file'}: ${message}`);
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
    for (const key of Object.keys(raw)) if (!['name', 'request', 'headers', 'expect'].includes(key)) throw fail(`${pointer}/${key}`, 'unknown field (expected name, request, headers, expect)');
    const request = str(raw.request);
    if (!request) throw fail(`${pointer}/request`, 'expected "METHOD URL", such as "GET https://api.example.com/orders"');
    let headers: string[] = [];
    if (isObject(raw.headers)) headers = Object.entries(raw.headers).map(([k, v]) => `${k}: ${String(v)}`);
    else if (raw.headers !== undefined) throw fail(`${pointer}/headers`, 'expected a mapping of header names to values');
    if (!isObject(raw.expect) || Object.keys(raw.expect).length === 0) throw fail(`${pointer}/expect`, 'expected a mapping with at least one expectation');
    for (const key of Object.keys(raw.expect)) if (!EXPECT_FIELDS.has(key)) throw fail(`${pointer}/expect/${key}`, `unknown expectation (expected one of ${[...EXPECT_FIELDS].join(', ')})`);
    return { name: str(raw.name) ?? request, request, headers, expect: readExpectation(raw.expect, `${pointer}/expect`, fail), pointer };
  });
  return { file, ...(findings ? { findings } : {}), tests };
}

function readExpectation(e: Record<string, unknown>, pointer: string, fail: (pointer: string, message: string) => Error): Expectation {
  const text = (key: string) => {
    if (e[key] === undefined) return undefined;
    if (typeof e[key] !== 'string') throw fail(`${pointer}/${key}`, 'expected a string');
    return e[key] as string;
  };
  const number = (key: string) => {
    if (e[key] === undefined) return undefined;
    if (typeof e[key] !== 'number' || !Number.isInteger(e[key]) || (e[key] as number) < 0) throw fail(`${pointer}/${key}`, 'expected a whole number');
    return e[key] as number;
  };
  let fn: Expectation['function'];
  if (typeof e.function === 'string') fn = e.function;
  else if (isObject(e.function)) {
    const name = str(e.function.name);
    if (!name) throw fail(`${pointer}/function/name`, 'expected the function name');
    const provider = str(e.function.provider);
    const qualifier = e.function.qualifier === undefined ? undefined : String(e.function.qualifier);
    fn = { name, ...(provider ? { provider } : {}), ...(qualifier !== undefined ? { qualifier } : {}) };
  } else if (e.function !== undefined) throw fail(`${pointer}/function`, 'expected an ARN, or {provider, name, qualifier}');
  if (e.notServed !== undefined && typeof e.notServed !== 'boolean') throw fail(`${pointer}/notServed`, 'expected true or false');
  const out: Record<string, unknown> = {
    listener: text('listener'),
    route: text('route'),
    status: number('status'),
    redirect: text('redirect'),
    replaced: text('replaced'),
    notServed: e.notServed,
    function: fn,
    service: text('service'),
    role: text('role'),
    weight: number('weight'),
    randomValue: number('randomValue'),
    path: text('path'),
    host: text('host'),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as Expectation;
}
