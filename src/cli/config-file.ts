import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { own } from '../data/own';
import { isObject } from '../data/values';
import { UsageError } from '../errors';
import type { Host } from '../host/host';
import { findRepoRoot } from '../report/repo-paths';
import { loadYaml } from '../source/yaml-library';
import { docsUrl } from './options';
import { outsideFolder } from '../text/outside-folder';
import { MAX_CONFIG_SIZE, readSideFile } from '../load/side-file';

export const CONFIG_FILE = '.gwctl.yaml';

type Kind = 'paths' | 'strings' | 'severity' | 'path' | 'string' | 'url' | 'percent' | { readonly choices: readonly string[] };

/** Settings and the option each one sets (its commander attribute name); `paths` are relative to the file. */
const TOP: Readonly<Record<string, { option: string; kind: Kind }>> = {
  inputs: { option: '', kind: 'paths' },
  exclude: { option: 'excludePath', kind: 'strings' },
  context: { option: 'context', kind: 'paths' },
  suppress: { option: 'suppress', kind: 'strings' },
  failSeverity: { option: 'failSeverity', kind: 'severity' },
  minSeverity: { option: 'minSeverity', kind: 'severity' },
  baseline: { option: 'baseline', kind: 'path' },
  docsUrl: { option: 'docsUrl', kind: 'url' },
};
const SECTIONS: Readonly<Record<string, Readonly<Record<string, { option: string; kind: Kind }>>>> = {
  render: {
    target: { option: 'target', kind: { choices: ['envoy', 'gloo', 'gateway-api', 'iam'] } },
    outputFormat: { option: 'outputFormat', kind: { choices: ['yaml', 'json'] } },
    envoyForm: { option: 'envoyForm', kind: { choices: ['upstream', 'listener'] } },
    listen: { option: 'listen', kind: 'string' },
    routeTimeout: { option: 'routeTimeout', kind: 'string' },
    caFile: { option: 'caFile', kind: 'string' },
    namespace: { option: 'namespace', kind: 'string' },
    awsSecret: { option: 'awsSecret', kind: 'string' },
  },
  test: {
    tests: { option: 'tests', kind: 'paths' },
    failUnder: { option: 'failUnder', kind: 'percent' },
  },
};
/** The options whose values are paths, `inputs` (the command's arguments) included. */
const PATH_OPTIONS = new Set([...Object.entries(TOP), ...Object.values(SECTIONS).flatMap((section) => Object.entries(section))].flatMap(([key, spec]) => (spec.kind === 'path' || spec.kind === 'paths' ? [spec.option || key] : [])));

/**
 * The configuration file (--config, else .gwctl.yaml at the repository root), applied to a command
 * before it runs: a setting fills an option the command has and the command line did not set; `inputs`
 * fills the paths when none are given. Paths in the file are relative to its folder. Settings for other
 * commands (a `render:` section when validating) are left alone, but for one a command shares:
 * `render.routeTimeout` is also the route timeout `validate --aws` compares the functions' own with.
 */
export async function applyConfigFile(host: Host, command: Command): Promise<void> {
  const opts = command.opts<{ config?: string; root?: string }>();
  const explicit = opts.config;
  const root = opts.root ?? (await findRepoRoot(host, host.cwd())) ?? host.cwd();
  const path = explicit ?? join(root, CONFIG_FILE);
  if (!(await host.stat(path))) {
    if (explicit) throw new UsageError(`--config ${explicit}: no such file`);
    return;
  }
  // Found by itself, the file is the repository's: a link from it to a file outside (a runner's
  // credentials) would be read, and its keys named in the errors.
  if (!explicit) {
    const [real, realRoot] = await Promise.all([host.realpath(path), host.realpath(root)]);
    if (outsideFolder(realRoot, real)) throw new UsageError(`${path} is a link to ${real}, outside the repository; give a configuration outside it with --config`);
  }
  // the yaml library is loaded only when there is a configuration file (see source/yaml-library.ts)
  const { parse } = await loadYaml();
  const text = new TextDecoder().decode(await readSideFile(host, path, 'configuration', MAX_CONFIG_SIZE));
  let data: unknown;
  try {
    // logLevel 'error': the yaml library would print its warnings on stderr itself, with the file's text
    data = parse(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' }) ?? {};
  } catch (error) {
    throw new UsageError(`${path}: not YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const settings = readConfig(path, data);
  // A path a configuration names is read as a path named on the command line is, even when it is not a
  // regular file (a FIFO, process substitution): a pull request's link to /dev/tty or /dev/stdin would
  // wait on the terminal. The configuration names files and folders only.
  for (const [key, value] of settings) {
    if (!PATH_OPTIONS.has(key)) continue;
    for (const named of Array.isArray(value) ? (value as string[]) : [value as string]) {
      const info = await host.stat(named);
      if (info && !info.isFile && !info.isDirectory) throw new UsageError(`${path}: ${named} is neither a file nor a folder (a device, FIFO or socket, or a link to one); a configuration names files and folders only`);
    }
  }
  command.setOptionValueWithSource('configFile', resolve(host.cwd(), path), 'config');
  const has = (option: string) => command.options.some((o) => o.attributeName() === option);
  for (const [key, value] of settings) {
    if (key === 'inputs') {
      const args = command.processedArgs as unknown[];
      const last = args.length - 1;
      if (last >= 0 && Array.isArray(args[last]) && (args[last] as unknown[]).length === 0 && command.registeredArguments.at(-1)?.variadic) args[last] = value;
      continue;
    }
    if (!has(key) || command.getOptionValueSource(key) === 'cli') continue;
    command.setOptionValueWithSource(key, value, 'config');
  }
}

/** Checks the file strictly (unknown keys are errors: a misspelt setting must not be ignored). Returns option name to value. */
export function readConfig(path: string, data: unknown): Map<string, unknown> {
  const fail = (where: string, message: string) => new UsageError(`${path}: ${where}: ${message}`);
  if (!isObject(data)) throw fail('the file', 'expected a mapping of settings');
  const dir = dirname(path);
  const out = new Map<string, unknown>();
  // A repository's configuration names the repository's files: it comes with a pull request, and a path
  // outside (a runner's credentials, another checkout) would be read, and quoted in findings, on its say.
  // Paths outside are given on the command line, which the workflow's author writes.
  const inside = (where: string, p: string): string => {
    const path = resolve(dir, p);
    if (outsideFolder(dir, path)) throw fail(where, `${p} is outside the folder of the configuration file; give paths outside it on the command line`);
    return path;
  };
  const read = (where: string, value: unknown, kind: Kind): unknown => {
    const strings = () => {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw fail(where, 'expected a list of strings');
      return value as string[];
    };
    if (kind === 'paths') return strings().map((p) => inside(where, p));
    if (kind === 'strings') return strings();
    if (kind === 'percent') {
      // `.nan` is a number to YAML, and no coverage is below it: a gate that never closes
      if (typeof value !== 'number' || !(value >= 0 && value <= 100)) throw fail(where, 'expected a percentage from 0 to 100');
      return value;
    }
    if (typeof value !== 'string') throw fail(where, 'expected a string');
    if (kind === 'path') return inside(where, value);
    if (kind === 'severity' && !['error', 'warning', 'info'].includes(value)) throw fail(where, 'expected error, warning or info');
    if (kind === 'url') {
      try {
        return docsUrl(value);
      } catch (error) {
        throw fail(where, (error as Error).message);
      }
    }
    if (typeof kind === 'object' && !kind.choices.includes(value)) throw fail(where, `expected one of ${kind.choices.join(', ')}`);
    return value;
  };
  for (const [key, value] of Object.entries(data)) {
    const section = own(SECTIONS, key);
    if (section) {
      if (!isObject(value)) throw fail(key, 'expected a mapping');
      for (const [k, v] of Object.entries(value)) {
        const spec = own(section, k);
        if (!spec) throw fail(`${key}.${k}`, `unknown setting (expected one of ${Object.keys(section).join(', ')})`);
        out.set(spec.option, read(`${key}.${k}`, v, spec.kind));
      }
      continue;
    }
    const spec = own(TOP, key);
    if (!spec) throw fail(key, `unknown setting (expected one of ${[...Object.keys(TOP), ...Object.keys(SECTIONS)].join(', ')})`);
    out.set(spec.option || key, read(key, value, spec.kind));
  }
  return out;
}
