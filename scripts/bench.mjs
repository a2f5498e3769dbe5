#!/usr/bin/env node
// The benchmark (npm run bench): deterministic corpora S, M and L of two shapes (the regular generator,
// one file per team; a monorepo, many small files), then validate, render (envoy, gloo, gateway-api), routes, the floor (the
// fastest YAML parser + the precompiled ajv checkers alone), validate on one core against the default,
// and start-up, each the median of several runs, with peak memory; then adversarial shapes at two sizes
// each, for growth.
// Prints a table, writes docs/benchmark.json, and checks the targets of the README.
//
//   node scripts/bench.mjs [--runs N] [--sizes S,M,L]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './generate-corpus.mjs';
import { writeAdversarial } from './lib/adversarial-corpus.mjs';
import { writeMonorepo } from './lib/monorepo-corpus.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, '.bench');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg('--runs', '5'));
const SIZES = { S: 100, M: 10_000, L: 100_000 };
const sizes = arg('--sizes', 'S,M,L').split(',');
const GWCTL = join(root, 'bin/gwctl');
const RSS = join(work, 'rss');

/**
 * The one core a run is pinned to (`taskset -c`): the first this process may run on, or null where
 * taskset is missing. "Single-core time" is the time on one core: with the parse threads off, V8 still
 * collects garbage on the other cores (validate of L: 19 s of CPU in 14 s), so a run with one thread is
 * not a one-core run.
 */
const ONE_CORE = (() => {
  if (spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return allowed ? allowed[1] : null;
})();

/** Wall time (ms) and peak RSS (bytes) of one process; the process must succeed. `oneCore`: pinned to ONE_CORE. */
function measure(args, { allowExit = [0], env = {}, oneCore = false } = {}) {
  const start = process.hrtime.bigint();
  const node = [process.execPath, '-r', join(root, 'scripts/lib/max-rss.cjs'), ...args];
  const [command, ...rest] = oneCore ? ['taskset', '-c', ONE_CORE, ...node] : node;
  const r = spawnSync(command, rest, {
    cwd: root,
    env: { ...process.env, GWCTL_BENCH_RSS_FILE: RSS, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!allowExit.includes(r.status)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  const [rss, cpu] = readFileSync(RSS, 'utf8').split(' ').map(Number);
  return { ms, rss, cpuMs: cpu / 1000 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summarize(label, samples) {
  const result = { label, ms: Math.round(median(samples.map((s) => s.ms))), cpuMs: Math.round(median(samples.map((s) => s.cpuMs))), rssMB: Math.round(median(samples.map((s) => s.rss)) / 1048576) };
  console.error(`  ${label.padEnd(38)} ${String(result.ms).padStart(8)} ms ${String(result.cpuMs).padStart(8)} ms CPU ${String(result.rssMB).padStart(6)} MB`);
  return result;
}

function bench(label, args, n = runs, options = {}) {
  return summarize(label, Array.from({ length: n }, () => measure(args, options)));
}

/**
 * Several commands measured side by side: run i of every command, then run i + 1 of every command. A
 * shared machine's load drifts; taken in turns, the commands a ratio compares see the same drift.
 */
function benchSide(entries, n = runs) {
  const samples = Object.fromEntries(Object.keys(entries).map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const [key, { args, options }] of Object.entries(entries)) samples[key].push(measure(args, options));
  return Object.fromEntries(Object.entries(entries).map(([key, { label }]) => [key, summarize(label, samples[key])]));
}

/**
 * The commands measured on a corpus. `withErrors`: the corpus has errors (the monorepo's duplicates), so
 * gwctl exits 1, and render writes nothing unless --force: it is given, so that render is measured
 * writing its output. `yamlFloor`: also the floor with the yaml library.
 */
function commands(dir, { large, withErrors = false, yamlFloor = true }) {
  const options = { allowExit: withErrors ? [0, 1] : [0] };
  const render = (target, out) => [GWCTL, 'render', dir, '--target', target, '-q', ...(withErrors ? ['--force'] : []), '-o', join(work, out)];
  return {
    floorJsYaml: { label: 'floor (js-yaml + ajv)', args: [join(root, 'scripts/lib/floor.mjs'), dir, '--parser', 'js-yaml'] },
    ...(yamlFloor ? { floorYaml: { label: 'floor (yaml + ajv)', args: [join(root, 'scripts/lib/floor.mjs'), dir, '--parser', 'yaml'] } } : {}),
    validate: { label: 'gwctl validate', args: [GWCTL, 'validate', dir, '-q'], options },
    ...(large ? { validateOneThread: { label: 'gwctl validate, GWCTL_PARSE_THREADS=0', args: [GWCTL, 'validate', dir, '-q'], options: { ...options, env: { GWCTL_PARSE_THREADS: '0' } } } } : {}),
    // on one core gwctl starts no parse thread (it counts the cores it may use)
    ...(large && ONE_CORE !== null ? { validateOneCore: { label: `gwctl validate on one core (taskset -c ${ONE_CORE})`, args: [GWCTL, 'validate', dir, '-q'], options: { ...options, oneCore: true } } } : {}),
    renderEnvoy: { label: 'gwctl render --target envoy', args: render('envoy', 'envoy.yaml'), options },
    renderGloo: { label: 'gwctl render --target gloo', args: render('gloo', 'gloo.yaml'), options },
    renderGatewayApi: { label: 'gwctl render --target gateway-api', args: render('gateway-api', 'gateway-api.yaml'), options },
    routes: { label: 'gwctl routes', args: [GWCTL, 'routes', dir, '-q', '-o', join(work, 'routes.txt')], options },
  };
}

mkdirSync(work, { recursive: true });
console.error(`corpora in ${work}`);
const corpora = {};
for (const size of sizes) {
  const dir = join(work, `corpus-${size}`);
  // what was generated is recorded beside the corpus, not in it: gwctl reads every .json file in it
  const info = join(work, `corpus-${size}.json`);
  if (!existsSync(info) || JSON.parse(readFileSync(info, 'utf8')).requested !== SIZES[size]) {
    writeFileSync(info, JSON.stringify({ requested: SIZES[size], ...writeCorpus(dir, SIZES[size]) }));
  }
  corpora[size] = { dir, ...JSON.parse(readFileSync(info, 'utf8')) };
  console.error(`  ${size}: ${corpora[size].documents} documents in ${corpora[size].files} files`);
}
// the monorepo shape at M and L (its findings, duplicates and shared hosts, make validate exit 1)
const monorepo = {};
for (const size of sizes.filter((s) => s !== 'S')) {
  const dir = join(work, `monorepo-${size}`);
  const info = join(work, `monorepo-${size}.json`);
  if (!existsSync(info) || JSON.parse(readFileSync(info, 'utf8')).requested !== SIZES[size]) {
    writeFileSync(info, JSON.stringify({ requested: SIZES[size], ...writeMonorepo(dir, SIZES[size]) }));
  }
  monorepo[size] = { dir, ...JSON.parse(readFileSync(info, 'utf8')) };
  console.error(`  monorepo ${size}: ${monorepo[size].documents} documents in ${monorepo[size].files} files`);
}

const results = { startup: {}, sizes: {} };
console.error('start-up');
results.startup = benchSide(
  {
    node: { label: 'node -e 0', args: ['-e', '0'] },
    version: { label: 'gwctl --version', args: [GWCTL, '--version'] },
    validateSmall: { label: 'gwctl validate (one small file)', args: [GWCTL, 'validate', 'fixtures/seeds/01-gloo-platform-lambda.yaml', '-q'] },
  },
  runs * 4,
);

for (const size of sizes) {
  const { dir, documents } = corpora[size];
  const n = size === 'L' ? Math.min(runs, 3) : runs;
  console.error(`${size} (${documents} documents)`);
  results.sizes[size] = { documents, ...benchSide(commands(dir, { large: size === 'L' }), n) };
}

// the floor is the fastest way measured
for (const size of sizes) {
  const s = results.sizes[size];
  s.floor = s.floorJsYaml.ms <= s.floorYaml.ms ? { ...s.floorJsYaml, parser: 'js-yaml' } : { ...s.floorYaml, parser: 'yaml' };
}

// the monorepo: the floor with js-yaml (the faster parser on every corpus above), gwctl's commands
results.monorepo = {};
for (const [size, { dir, documents, files }] of Object.entries(monorepo)) {
  const n = size === 'L' ? Math.min(runs, 3) : runs;
  console.error(`monorepo ${size} (${documents} documents in ${files} files)`);
  const { floorJsYaml, ...rest } = benchSide(commands(dir, { large: size === 'L', withErrors: true, yamlFloor: false }), n);
  results.monorepo[size] = { documents, files, floor: { ...floorJsYaml, parser: 'js-yaml' }, ...rest };
}

// both cores: on L, validate on one core (the target's single-core time) and with the parse threads
// turned off, measured beside the default (one parse thread fewer than the cores); the reading and
// parsing of files is what is split, the model is built on one thread
results.cores = { available: availableParallelism() };
const coreRuns = (s) => ({ oneThread: s.validateOneThread, ...(s.validateOneCore ? { oneCore: s.validateOneCore } : {}) });
if (results.sizes.L) results.cores.regular = coreRuns(results.sizes.L);
if (results.monorepo.L) results.cores.monorepo = coreRuns(results.monorepo.L);

// adversarial shapes, each at two sizes: growth must stay linear (time ratio no more than the size ratio, +5%)
const SHAPE_SIZES = { children: [10_000, 100_000], 'one-host': [5_000, 50_000], 'one-name': [5_000, 50_000], 'one-prefix': [5_000, 20_000], 'mixed-paths': [5_000, 50_000], workspaces: [1_000, 10_000], 'one-function': [2_000, 20_000] };
// validate, but for a shape whose cost is in what render makes (a cluster per role; the output to /dev/null)
const VALIDATE = { label: 'validate', args: ['validate'] };
const SHAPE_COMMANDS = { 'one-function': { label: 'render envoy', args: ['render', '--target', 'envoy'] }, 'mixed-paths': { label: 'render gateway-api', args: ['render', '--target', 'gateway-api'] } };
results.shapes = {};
if (!process.argv.includes('--no-shapes')) {
  console.error('adversarial shapes');
  for (const [shape, [small, large]] of Object.entries(SHAPE_SIZES)) {
    const run = (n) => {
      const file = join(work, 'shapes', `${shape}-${n}.yaml`);
      if (!existsSync(file)) writeAdversarial(shape, n, file);
      const [command, ...options] = (SHAPE_COMMANDS[shape] ?? VALIDATE).args;
      return bench(`${shape} ${n}`, [GWCTL, command, file, ...options, '-q', '--max-file-size', '1G', '--max-input-size', '1G'], 3);
    };
    results.shapes[shape] = { command: (SHAPE_COMMANDS[shape] ?? VALIDATE).label, small: { n: small, ...run(small) }, large: { n: large, ...run(large) } };
  }
}

// targets (README, "Speed")
const checks = [];
const check = (name, value, limit, unit = '') => checks.push({ name, value: Number(value.toFixed(2)), limit, unit, ok: value <= limit });
for (const size of sizes.filter((s) => s !== 'S')) {
  const s = results.sizes[size];
  check(`${size}: validate / floor (${s.floor.parser})`, s.validate.ms / s.floor.ms, 1.5, 'x');
  check(`${size}: render envoy / validate`, s.renderEnvoy.ms / s.validate.ms, 1.3, 'x');
  check(`${size}: render gloo / validate`, s.renderGloo.ms / s.validate.ms, 1.3, 'x');
  check(`${size}: render gateway-api / validate`, s.renderGatewayApi.ms / s.validate.ms, 1.3, 'x');
  check(`${size}: routes / validate`, s.routes.ms / s.validate.ms, 1.3, 'x');
}
if (results.sizes.M) check('M: validate, CPU time per document', (results.sizes.M.validate.cpuMs * 1000) / results.sizes.M.documents, 250, ' µs');
if (results.monorepo.M) check('monorepo M: validate, CPU time per document', (results.monorepo.M.validate.cpuMs * 1000) / results.monorepo.M.documents, 250, ' µs');
if (results.sizes.M && results.sizes.L) {
  check('validate time(L) / time(M)', results.sizes.L.validate.ms / results.sizes.M.validate.ms, 10.5, 'x');
  check('L: peak memory of validate', results.sizes.L.validate.rssMB, 600, ' MB');
  check('L: peak memory of render envoy', results.sizes.L.renderEnvoy.rssMB, 600, ' MB');
  check('L: peak memory of render gloo', results.sizes.L.renderGloo.rssMB, 600, ' MB');
  check('L: peak memory of render gateway-api', results.sizes.L.renderGatewayApi.rssMB, 600, ' MB');
}
for (const [size, m] of Object.entries(results.monorepo)) {
  check(`monorepo ${size}: validate / floor (js-yaml)`, m.validate.ms / m.floor.ms, 1.5, 'x');
  check(`monorepo ${size}: render envoy / validate`, m.renderEnvoy.ms / m.validate.ms, 1.3, 'x');
  check(`monorepo ${size}: render gloo / validate`, m.renderGloo.ms / m.validate.ms, 1.3, 'x');
  check(`monorepo ${size}: render gateway-api / validate`, m.renderGatewayApi.ms / m.validate.ms, 1.3, 'x');
  check(`monorepo ${size}: routes / validate`, m.routes.ms / m.validate.ms, 1.3, 'x');
}
if (results.monorepo.M && results.monorepo.L) {
  check('monorepo: validate time(L) / time(M)', results.monorepo.L.validate.ms / results.monorepo.M.validate.ms, 10.5, 'x');
  check('monorepo L: peak memory of validate', results.monorepo.L.validate.rssMB, 600, ' MB');
}
for (const [name, cores, l] of [['L', results.cores.regular, results.sizes.L], ['monorepo L', results.cores.monorepo, results.monorepo.L]]) {
  if (cores?.oneCore) check(`${name}: validate wall time, default / one core`, l.validate.ms / cores.oneCore.ms, 0.6, 'x');
  else if (cores) check(`${name}: validate wall time, default / one thread (taskset missing: no one-core run)`, l.validate.ms / cores.oneThread.ms, 0.6, 'x');
}
for (const [shape, { small, large }] of Object.entries(results.shapes)) {
  check(`${shape}: time(${large.n}) / time(${small.n})`, large.ms / small.ms, Number(((large.n / small.n) * 1.05).toFixed(2)), 'x');
}
if (results.shapes['one-host']) check(`one-host ${results.shapes['one-host'].large.n} routes: peak memory`, results.shapes['one-host'].large.rssMB, 300, ' MB');
check('start-up: --version / node -e 0', results.startup.version.ms / results.startup.node.ms, 1.3, 'x');
check('start-up: validate one file / node -e 0', results.startup.validateSmall.ms / results.startup.node.ms, 1.6, 'x');

const machine = { platform: `${platform()} ${release()}`, cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, memoryGB: Math.round(totalmem() / 1073741824), node: process.version };
const report = { date: new Date().toISOString().slice(0, 10), machine, runs, results, checks };
writeFileSync(join(root, 'docs/benchmark.json'), JSON.stringify(report, null, 2) + '\n');

console.log(`\nmachine: ${machine.cpus}, ${machine.memoryGB} GB, ${machine.platform}, Node ${machine.node}; median of ${runs} runs (3 on L)\n`);
console.log('| corpus | documents | floor: js-yaml + ajv | floor: yaml + ajv | validate | render envoy | render gloo | render gateway-api | routes | peak memory (validate / envoy / gloo / gateway-api / routes) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const size of sizes) {
  const s = results.sizes[size];
  console.log(`| ${size} | ${s.documents} | ${s.floorJsYaml.ms} ms | ${s.floorYaml.ms} ms | ${s.validate.ms} ms | ${s.renderEnvoy.ms} ms | ${s.renderGloo.ms} ms | ${s.renderGatewayApi.ms} ms | ${s.routes.ms} ms | ${s.validate.rssMB} / ${s.renderEnvoy.rssMB} / ${s.renderGloo.rssMB} / ${s.renderGatewayApi.rssMB} / ${s.routes.rssMB} MB |`);
}
if (Object.keys(results.monorepo).length) {
  console.log('\n| monorepo | documents | files | floor: js-yaml + ajv | validate | validate: one thread, one core | render envoy | render gloo | render gateway-api | routes | peak memory (validate / envoy / gloo / gateway-api / routes) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [size, m] of Object.entries(results.monorepo)) {
    const one = size === 'L' && results.cores.monorepo ? `${results.cores.monorepo.oneThread.ms} ms${results.cores.monorepo.oneCore ? `, one core ${results.cores.monorepo.oneCore.ms} ms` : ''}` : '';
    console.log(`| ${size} | ${m.documents} | ${m.files} | ${m.floor.ms} ms | ${m.validate.ms} ms | ${one} | ${m.renderEnvoy.ms} ms | ${m.renderGloo.ms} ms | ${m.renderGatewayApi.ms} ms | ${m.routes.ms} ms | ${m.validate.rssMB} / ${m.renderEnvoy.rssMB} / ${m.renderGloo.rssMB} / ${m.renderGatewayApi.rssMB} / ${m.routes.rssMB} MB |`);
  }
}
if (results.cores.regular) console.log(`\nregular L, validate on one thread: ${results.cores.regular.oneThread.ms} ms (${results.cores.regular.oneThread.rssMB} MB)${results.cores.regular.oneCore ? `, on one core: ${results.cores.regular.oneCore.ms} ms` : ''}; ${results.cores.available} cores available`);
if (Object.keys(results.shapes).length) {
  console.log('\n| shape | command | small | time | large | time | peak memory (large) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [shape, { command, small, large }] of Object.entries(results.shapes)) console.log(`| ${shape} | ${command} | ${small.n} | ${small.ms} ms | ${large.n} | ${large.ms} ms | ${large.rssMB} MB |`);
}
console.log(`\nstart-up: node -e 0 ${results.startup.node.ms} ms, gwctl --version ${results.startup.version.ms} ms, validate of one small file ${results.startup.validateSmall.ms} ms\n`);
console.log('| target | measured | limit | |');
console.log('| --- | ---: | ---: | --- |');
for (const c of checks) console.log(`| ${c.name} | ${c.value}${c.unit} | ${c.limit}${c.unit} | ${c.ok ? 'met' : 'MISSED'} |`);
console.log('\nwritten: docs/benchmark.json');
