#!/usr/bin/env node
// Records what kubectl reads from the fixtures and from gwctl's Gloo Edge and Gateway API goldens into
// test/golden/kubectl/readings.json, which
// test/unit/kubectl-readings.test.ts holds gwctl's reader to: fixtures/kubernetes-yaml in full (reviewed
// by reading it), every other fixture as the SHA-256 of its objects' canonical JSON (the namespace
// `default` left out: kubectl sets it where the file names none), or kubectl's error.
// Needs kubectl on PATH (no cluster: scripts/lib/kubectl-reading.mjs answers its discovery on loopback).
//   node scripts/record-kubectl-readings.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileURLToPath } from 'node:url';
import { canonicalJson, kubectlReadings, kubectlVersion, recordedFiles, withoutDefaultNamespace } from './lib/kubectl-reading.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BATTERY = 'fixtures/kubernetes-yaml/';

const version = await kubectlVersion();
if (!version) {
  console.error('record-kubectl-readings: kubectl is not on PATH');
  process.exit(2);
}
// the fixtures, and what gwctl writes for Kubernetes (the Gloo Edge and Gateway API goldens)
// as bytes: kubectl decodes them itself (a Latin-1 byte, a UTF-16 file), and so must gwctl
const files = recordedFiles(root).map((name) => ({ name, text: readFileSync(join(root, name)) }));
const readings = await kubectlReadings(files);
const battery = {};
const corpus = {};
for (const { name } of files) {
  const reading = readings[name];
  // kubectl's message names the file; the first line says what it refused
  const error = reading.error?.split('\n')[0];
  const items = error ? [] : withoutDefaultNamespace(reading.items);
  if (name.startsWith(BATTERY)) battery[name] = error ? { error } : { items };
  else corpus[name] = error ? { error } : { objects: items.length, sha256: createHash('sha256').update(canonicalJson(items)).digest('hex') };
}
// what kustomize builds of every fixture kustomization that names only files (an overlay builds a base
// folder, which a walk reads as the base's): where each object lands, its name and labels, which
// gwctl's walk of the folder must agree with (test/unit/kubectl-readings.test.ts)
const kustomized = {};
for (const dir of kustomizationFolders(join(root, 'fixtures'))) {
  const kustomization = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0].toJS();
  if (!(kustomization.resources ?? []).every((r) => statSync(join(dir, r), { throwIfNoEntry: false })?.isFile())) continue;
  const built = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  const objects = parseAllDocuments(built)
    .map((doc) => doc.toJS())
    .map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace ?? 'default', labels: o.metadata.labels ?? {} }));
  kustomized[relative(root, dir)] = objects.sort((a, b) => `${a.kind}/${a.name}`.localeCompare(`${b.kind}/${b.name}`));
}
const out = join(root, 'test/golden/kubectl/readings.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ kubectl: version, battery, corpus, kustomized }, null, 1)}\n`);
console.log(`recorded ${files.length} files read by kubectl ${version} in ${relative(root, out)}`);

function kustomizationFolders(dir) {
  const entries = readdirSync(dir, { withFileTypes: true });
  const here = entries.some((e) => e.isFile() && e.name === 'kustomization.yaml') ? [dir] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => kustomizationFolders(join(dir, e.name)))];
}
