import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { ROOT } from './run-cli';

/**
 * Seeded mutations of the fixtures, for the property tests that run gwctl on inputs no fixture has:
 * values that reach names, hosts, paths, headers, weights and ports; lists grown and shrunk; fields
 * added and dropped. The same seed gives the same inputs on every run.
 */
const VALUES: readonly unknown[] = ['/a', '/A/b', '/a/', '', '/', '/a b', '/a%20b', '/a//b', '/a/./b', '/x?y', '/ü', 'x'.repeat(300), '/' + 'x'.repeat(1100), 'Api.Example.com', '*.example.com', '*', 'a_b.example.com', '1.2.3.4', 'a.example.com:8080', 'x-h', 'X-H', ':authority', 'x h', 'v', '.*', '(a', '^/a$', '\\1', 'a\\b', 0, 1, 99, 100, 65535, 65536, -1, 1.5, true, null, 'GET', 'get', 'PURGE', 'us-east-1', '$LATEST', '1', 'prod', 'a'.repeat(64), 'a'.repeat(254), 'team-a', 'default', 'gateways', 'constructor', '__proto__', 'toString'];
/** the fields the emitters and the model read, where most mutations go */
const READ = new Set(['name', 'prefix', 'exact', 'regex', 'pathRewrite', 'hostRedirect', 'pathRedirect', 'hosts', 'headers', 'queryParameters', 'destinations', 'matchers', 'http', 'listeners', 'value', 'weight', 'number', 'namespace', 'function', 'qualifier']);
const FIELDS = ['ignoreCase', 'regex', 'invertMatch', 'weight', 'pathRewrite', 'hostRewrite', 'httpsRedirect', 'port', 'method', 'prefix', 'exact'];

/** A list's item again, made distinct where it can be (a host, a name), as a grown list holds. */
function grown(item: unknown, k: number): unknown {
  if (typeof item === 'string') return item.includes('.') ? `x${k}.${item}` : `${item}${k}`;
  if (item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { name?: unknown }).name === 'string') return { ...item, name: `${(item as { name: string }).name}${k}` };
  return item;
}

/** `mutations`: at most this many changes per input; `growth`: at most this many items added to a list. */
export function mutationGenerator(seed: number, options: { mutations: number; growth: number }) {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Each text's data, parsed once for this generator: a mutation changes a copy of it (parsing the text
  // again for every mutation was a fifth of a property test's time; a copy keeps what an alias shares).
  // Kept with the generator, not the module: test files share a worker's modules, and the texts a
  // property mutates again are its own, of no use to the next.
  const parsed = new Map<string, unknown[] | Error>();
  const dataOf = (text: string): unknown[] => {
    let data = parsed.get(text);
    if (data === undefined) {
      try {
        data = parseAllDocuments(text).map((d) => d.toJS({ maxAliasCount: 100 }));
      } catch (error) {
        data = error as Error;
      }
      parsed.set(text, data);
    }
    if (data instanceof Error) throw data;
    return data;
  };
  const mutate = (text: string): string => {
    const docs = structuredClone(dataOf(text));
    const nodes: Array<{ parent: any; key: string | number; value: any }> = [];
    const collect = (value: any, parent: any, key: string | number) => {
      nodes.push({ parent, key, value });
      if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, value, Array.isArray(value) ? Number(k) : k);
    };
    docs.forEach((d, i) => collect(d, docs, i));
    const read = nodes.filter((n) => typeof n.key === 'number' || READ.has(n.key));
    for (let n = 1 + Math.floor(random() * options.mutations); n > 0; n--) {
      const { parent, key, value } = pick(random() < 0.7 && read.length ? read : nodes);
      if (parent === docs) continue;
      const r = random();
      if (r < 0.6 && (value === null || typeof value !== 'object')) parent[key] = pick(VALUES);
      else if (r < 0.75 && Array.isArray(value) && value.length) value.push(...Array.from({ length: 1 + Math.floor(random() * options.growth) }, (_, k) => grown(value[k % value.length], k + 1)));
      else if (r < 0.85 && Array.isArray(parent)) parent.splice(key as number, 1);
      else if (r < 0.95 && value && typeof value === 'object' && !Array.isArray(value)) value[pick(FIELDS)] = pick(VALUES);
      else if (!Array.isArray(parent)) delete parent[key];
    }
    return docs.map((d) => stringify(d, { aliasDuplicateObjects: false })).join('---\n');
  };
  return { random, pick, mutate };
}

/** The YAML files under `dirs` (relative to the repository) but `*.tests.yaml`, in a stable order. */
export function fixtureTexts(dirs: readonly string[]): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && !name.endsWith('.tests.yaml') && statSync(path).size < 60_000) out.push({ name: relative(ROOT, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return out;
}

/**
 * The inputs of a property test: every fixture as it is, then `count` seeded mutations of them (an input
 * the mutation cannot make is skipped). `index` counts both, to find an input again.
 */
export function* fixtureInputs(seeds: ReadonlyArray<{ name: string; text: string }>, generator: ReturnType<typeof mutationGenerator>, count: number): Generator<{ index: number; source: string; text: string }> {
  for (let index = 0; index < seeds.length; index++) yield { index, source: seeds[index]!.name, text: seeds[index]!.text };
  yield* mutatedInputs(seeds, generator, count, seeds.length);
}

/** `count` seeded mutations of the fixtures, numbered from `first`; one the mutation cannot make is skipped. */
export function* mutatedInputs(seeds: ReadonlyArray<{ name: string; text: string }>, generator: ReturnType<typeof mutationGenerator>, count: number, first = 0): Generator<{ index: number; source: string; text: string }> {
  for (let index = first; index < first + count; index++) {
    const seed = generator.pick(seeds);
    let text: string;
    try {
      text = generator.mutate(seed.text);
    } catch {
      continue;
    }
    yield { index, source: seed.name, text };
  }
}

/** One example of each kind of problem a property test finds (its numbers aside), the first met. */
export class FirstOfEachKind {
  private readonly seen = new Map<string, string>();

  add(problem: string, example: string): void {
    const kind = problem.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N');
    if (!this.seen.has(kind)) this.seen.set(kind, example);
  }

  examples(): string[] {
    return [...this.seen.values()];
  }
}
