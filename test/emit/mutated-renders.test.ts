import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { host } from '../../scripts/lib/fuzz-check.mjs';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { envoyBehaviourViolations } from '../helpers/envoy/behaviour';
import { envoyProtos } from '../helpers/envoy/envoy-protos';
import { envoyInvariantViolations } from '../helpers/envoy/invariants';
import { checkProtoJson } from '../helpers/envoy/proto-json';
import { gatewayApiErrors, unresolvedReferences } from '../helpers/gateway-api-checks';
import { glooBehaviourViolations, glooCrdErrors } from '../helpers/gloo-checks';
import { ROOT } from '../helpers/run-cli';

/**
 * Whatever the input, a render that exits 0 without --force writes what its target takes: the Gateway
 * API's and kgateway's CRDs (their CEL rules and list maps too) with every reference resolved, Gloo
 * Edge's CRDs and a proxy team's checks, Envoy's protos and the checks of a deployable config. The
 * inputs are seeded mutations of the fixtures (values that reach names, hosts, paths, headers, weights
 * and ports; lists grown and shrunk), a fixed number of them: the same inputs on every run. Runs of the
 * same kind over 50,000 to 110,000 inputs found a name with a label of dots and dashes, a path over 1,024
 * characters, a header named twice, a rule name given twice and a destination named twice (each has a
 * test of its own); this sample fails on the build before those fixes (a header and a query parameter
 * named twice), and takes a few seconds.
 */
const INPUTS = 1500;
const VALUES: readonly unknown[] = ['/a', '/A/b', '/a/', '', '/', '/a b', '/a%20b', '/a//b', '/a/./b', '/x?y', '/ü', 'x'.repeat(300), '/' + 'x'.repeat(1100), 'Api.Example.com', '*.example.com', '*', 'a_b.example.com', '1.2.3.4', 'a.example.com:8080', 'x-h', 'X-H', ':authority', 'x h', 'v', '.*', '(a', '^/a$', '\\1', 'a\\b', 0, 1, 99, 100, 65535, 65536, -1, 1.5, true, null, 'GET', 'get', 'PURGE', 'us-east-1', '$LATEST', '1', 'prod', 'a'.repeat(64), 'a'.repeat(254), 'team-a', 'default', 'gateways'];
const READ = new Set(['name', 'prefix', 'exact', 'regex', 'pathRewrite', 'hostRedirect', 'pathRedirect', 'hosts', 'headers', 'queryParameters', 'destinations', 'matchers', 'http', 'listeners', 'value', 'weight', 'number', 'namespace', 'function', 'qualifier']);
const FIELDS = ['ignoreCase', 'regex', 'invertMatch', 'weight', 'pathRewrite', 'hostRewrite', 'httpsRedirect', 'port', 'method', 'prefix', 'exact'];

/** A list's item again, made distinct where it can be (a host, a name), as a grown list holds. */
function grown(item: unknown, k: number): unknown {
  if (typeof item === 'string') return item.includes('.') ? `x${k}.${item}` : `${item}${k}`;
  if (item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { name?: unknown }).name === 'string') return { ...item, name: `${(item as { name: string }).name}${k}` };
  return item;
}

function generator(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const mutate = (text: string): string => {
    const docs = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 100 }));
    const nodes: Array<{ parent: any; key: string | number; value: any }> = [];
    const collect = (value: any, parent: any, key: string | number) => {
      nodes.push({ parent, key, value });
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, value, Array.isArray(value) ? Number(k) : k);
    };
    docs.forEach((d, i) => collect(d, docs, i));
    // most mutations where the emitters read: names, paths, hosts, matchers, destinations, listeners
    const read = nodes.filter((n) => typeof n.key === 'number' || READ.has(n.key));
    for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
      const { parent, key, value } = pick(random() < 0.7 && read.length ? read : nodes);
      if (parent === docs) continue;
      const r = random();
      if (r < 0.6 && (value === null || typeof value !== 'object')) parent[key] = pick(VALUES);
      else if (r < 0.75 && Array.isArray(value) && value.length) value.push(...Array.from({ length: 1 + Math.floor(random() * 20) }, (_, k) => grown(value[k % value.length], k + 1)));
      else if (r < 0.85 && Array.isArray(parent)) parent.splice(key as number, 1);
      else if (r < 0.95 && value && typeof value === 'object' && !Array.isArray(value)) value[pick(FIELDS)] = pick(VALUES);
      else if (!Array.isArray(parent)) delete parent[key];
    }
    return docs.map((d) => stringify(d, { aliasDuplicateObjects: false })).join('---\n');
  };
  return { pick, mutate };
}

function fixtures(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && !name.endsWith('.tests.yaml') && statSync(path).size < 60_000) out.push({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of ['fixtures/examples', 'fixtures/model', 'fixtures/render', 'fixtures/real-world', 'fixtures/seeds']) walk(join(ROOT, dir));
  return out;
}

describe('a render that exits 0 writes what its target takes, on mutated fixtures', () => {
  let main: (args: string[], h: unknown) => Promise<number>;
  let protos: Awaited<ReturnType<typeof envoyProtos>>;
  beforeAll(async () => {
    ({ main } = await import(join(ROOT, 'dist/cli.js')));
    protos = await envoyProtos();
  });

  it(`on ${INPUTS.toLocaleString('en-US')} seeded inputs, for the Gateway API, Gloo Edge and Envoy`, async () => {
    const { pick, mutate } = generator(20261204);
    const seeds = fixtures();
    const broken = new Map<string, string>();
    let written = 0;
    for (let i = 0; i < INPUTS; i++) {
      const source = pick(seeds);
      const target = pick(['gateway-api', 'gloo', 'envoy'] as const);
      let input: string;
      try {
        input = mutate(source.text);
      } catch {
        continue;
      }
      const h = host({ 'in.yaml': input });
      if ((await main(['render', '-t', target, 'in.yaml', '-o', 'out.yaml'], h)) !== 0) continue;
      written++;
      const docs = parseAllDocuments(h.file('out.yaml') ?? '').map((d) => d.toJS()).filter(Boolean);
      const problems =
        target === 'gateway-api'
          ? [...docs.flatMap((r: any) => gatewayApiErrors(r).map((e) => `${r.kind}: ${e}`)), ...unresolvedReferences(docs)]
          : target === 'gloo'
            ? [...docs.flatMap((r: any) => glooCrdErrors(r).map((e) => `${r.kind}: ${e}`)), ...glooBehaviourViolations(docs, 'enterprise')]
            : [...checkProtoJson(protos, 'envoy.config.bootstrap.v3.Bootstrap', docs[0]), ...envoyInvariantViolations(docs[0]), ...envoyBehaviourViolations(docs[0])];
      // one example of each kind of problem, numbers aside
      for (const p of problems) if (!broken.has(p.replace(/\d+/g, 'N'))) broken.set(p.replace(/\d+/g, 'N'), `${target}, input ${i} from ${source.name}: ${p}`);
    }
    expect([...broken.values()]).toEqual([]);
    // most inputs are refused (exit 1): enough are written for the property to say something
    expect(written).toBeGreaterThan(INPUTS / 4);
  });
});
