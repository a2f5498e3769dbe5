// What kubectl itself reads from manifest files: `kubectl create --dry-run=client -o json` decodes YAML
// into JSON with sigs.k8s.io/yaml, exactly as `kubectl apply` does, and prints it without changing it.
// kubectl asks the API server's discovery which kinds exist before it decodes, so a discovery-only
// server on loopback answers for every apiVersion and kind the files name; nothing is sent anywhere else.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileText } from './file-text.mjs';

/** The apiVersion and kind pairs a text names, Lists' items included (for discovery only). */
function kindsOf(text) {
  const kinds = new Set();
  const add = (value) => {
    if (!value || typeof value !== 'object') return;
    if (typeof value.apiVersion === 'string' && typeof value.kind === 'string') kinds.add(`${value.apiVersion} ${value.kind}`);
    if (Array.isArray(value.items)) value.items.forEach(add);
  };
  for (const doc of parseAllDocuments(text, { merge: true, logLevel: 'error' })) {
    try {
      add(doc.toJS({ maxAliasCount: 1000 }));
    } catch {
      // kubectl says what is wrong with it
    }
  }
  return kinds;
}

/** A discovery-only API server for these kinds; resolves to its URL and a close function. */
function discoveryServer(kinds) {
  const byVersion = new Map();
  for (const pair of kinds) {
    const [apiVersion, kind] = pair.split(' ');
    if (!byVersion.has(apiVersion)) byVersion.set(apiVersion, []);
    byVersion.get(apiVersion).push({ name: `${kind.toLowerCase()}s`, singularName: kind.toLowerCase(), namespaced: true, kind, verbs: ['create', 'get', 'list'] });
  }
  const groups = [...byVersion.keys()].filter((v) => v.includes('/')).map((v) => ({ name: v.split('/')[0], versions: [{ groupVersion: v, version: v.split('/')[1] }], preferredVersion: { groupVersion: v, version: v.split('/')[1] } }));
  const server = createServer((req, res) => {
    const path = req.url.split('?')[0];
    let body;
    if (path === '/api') body = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
    else if (path === '/apis') body = { kind: 'APIGroupList', apiVersion: 'v1', groups };
    else {
      const version = path === '/api/v1' ? 'v1' : path.startsWith('/apis/') ? path.slice('/apis/'.length) : undefined;
      if (version !== undefined) body = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: version, resources: byVersion.get(version) ?? [] };
    }
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/**
 * kubectl's reading of each file (its text, or its bytes as they are): `{ items }` (each object it
 * decoded, a `kind: List` expanded into its items as kubectl expands it), or `{ error }` with kubectl's
 * message. Resolves to undefined when kubectl is not installed.
 */
export async function kubectlReadings(files) {
  const kinds = new Set();
  for (const { text } of files) for (const k of kindsOf(typeof text === 'string' ? text : fileText(text))) kinds.add(k);
  const server = await discoveryServer(kinds);
  const scratch = mkdtempSync(join(tmpdir(), 'gwctl-kubectl-'));
  try {
    const kubeconfig = join(scratch, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server.url}"}}]\ncontexts: [{name: c, context: {cluster: c, namespace: default}}]\ncurrent-context: c\nusers: [{name: u, user: {}}]\n`);
    const readings = {};
    for (const [i, { name, text }] of files.entries()) {
      const path = join(scratch, `${i}.yaml`);
      writeFileSync(path, text);
      const result = await new Promise((resolve) =>
        execFile('kubectl', ['create', '--dry-run=client', '-o', 'json', '--validate=false', '-f', path], { env: { PATH: process.env.PATH, HOME: scratch, KUBECONFIG: kubeconfig }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ error, stdout, stderr }),
        ),
      );
      if (result.error?.code === 'ENOENT') return undefined;
      if (result.error) {
        readings[name] = { error: result.stderr.replaceAll(path, name).trim() };
        continue;
      }
      // one JSON object per object created, one after the other; a `kind: List` is created item by item
      readings[name] = { items: jsonObjects(result.stdout).flatMap((o) => (o.kind === 'List' && Array.isArray(o.items) ? o.items : [o])) };
    }
    return readings;
  } finally {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The JSON values of a text that holds them one after the other. */
function jsonObjects(text) {
  const values = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return values;
}

/**
 * What `kubectl create --dry-run=client -f DIR` makes of a folder, as `kubectl apply -f DIR` reads it
 * (the files whose extension is .json, .yaml or .yml, hidden ones too): `{ objects }`, each as kubectl
 * names it, or `{ error }` with kubectl's message. Resolves to undefined when kubectl is not installed.
 */
export async function kubectlFolder(dir) {
  const kinds = new Set();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (/\.(json|ya?ml)$/.test(name) && statSync(path).isFile()) for (const k of kindsOf(fileText(readFileSync(path)))) kinds.add(k);
  }
  const server = await discoveryServer(kinds);
  const scratch = mkdtempSync(join(tmpdir(), 'gwctl-kubectl-'));
  try {
    const kubeconfig = join(scratch, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "${server.url}"}}]\ncontexts: [{name: c, context: {cluster: c, namespace: default}}]\ncurrent-context: c\nusers: [{name: u, user: {}}]\n`);
    const result = await new Promise((resolve) =>
      execFile('kubectl', ['create', '--dry-run=client', '-o', 'name', '--validate=false', '-f', dir], { env: { PATH: process.env.PATH, HOME: scratch, KUBECONFIG: kubeconfig }, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ error, stdout, stderr }),
      ),
    );
    if (result.error?.code === 'ENOENT') return undefined;
    if (result.error) return { error: result.stderr.trim() };
    return { objects: result.stdout.split('\n').filter(Boolean) };
  } finally {
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** kubectl's version line, for the record. */
export function kubectlVersion() {
  return new Promise((resolve) => execFile('kubectl', ['version', '--client', '-o', 'json'], (error, stdout) => resolve(error ? undefined : JSON.parse(stdout).clientVersion.gitVersion)));
}

/** JSON with every mapping's keys in order (kubectl prints Go maps, whose keys come sorted). */
export function canonicalJson(value) {
  const sorted = (v) => (Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return JSON.stringify(sorted(value));
}

/**
 * Objects made comparable, whoever read them: kubectl sets its context's namespace (`default` here) on an
 * object that names none, which the file does not say; `default` is left out on both sides.
 */
export function withoutDefaultNamespace(items) {
  return items.map((item) => {
    if (item?.metadata?.namespace !== 'default') return item;
    const { namespace: _, ...metadata } = item.metadata;
    return { ...item, metadata };
  });
}

/**
 * The files whose kubectl reading is recorded: the fixtures, and what gwctl writes for Kubernetes (the
 * Gloo Edge and Gateway API goldens), by name relative to `root`, sorted.
 */
export function recordedFiles(root) {
  return ['fixtures', 'test/golden/gloo', 'test/golden/gateway-api'].flatMap((dir) => [...manifestFiles(root, join(root, dir))]);
}

// kustomize's own files are no manifests: gwctl's walk leaves them out (KUSTOMIZATION_FILES in
// src/load/kustomization.ts) and `kubectl apply -f` has no resource for their kind
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

function* manifestFiles(root, dir) {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* manifestFiles(root, path);
    else if (KUSTOMIZATION_FILES.has(entry)) continue;
    // the large generated inputs of bad-input test limits, not reading
    else if (/\.(?:ya?ml|json)$/.test(entry) && statSync(path).size < 1 << 20) yield relative(root, path);
  }
}
