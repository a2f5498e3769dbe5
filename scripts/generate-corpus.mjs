#!/usr/bin/env node
// Generates a deterministic, realistic monorepo of Gloo manifests for the benchmark and the scaling tests:
// teams in workspaces with export/import, CloudProviders across accounts and regions, CloudResources with
// many functions, RouteTables three levels deep (gateway root -> team table -> feature tables) with
// allowedRoutes filters, and canaries between function versions. Every document validates clean.
//
//   node scripts/generate-corpus.mjs DIR --documents 10000
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const FEATURES_PER_TEAM = 8;
const FUNCTIONS_PER_FEATURE = 3;

/** About `documents` documents: each team brings 2 workspace documents, 2 provider documents and 9 tables. */
export function generateCorpus(documents) {
  const perTeam = 4 + 1 + FEATURES_PER_TEAM;
  const teams = Math.max(1, Math.round((documents - 2) / perTeam));
  const files = new Map();
  const gateway = [
    `apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: {name: gateways, namespace: gloo-mesh}
spec:
  workloadClusters: [{name: '*', namespaces: [{name: gateways}]}]
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: {name: gateways, namespace: gateways}
spec:
  importFrom:
    - workspaces: [{selector: {tier: apps}}]
      resources: [{kind: ROUTE_TABLE}]
---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: edge, namespace: gateways}
spec:
  listeners:
    - port: {number: 8080}
      http: {}`,
  ];
  for (let t = 0; t < teams; t++) {
    const team = `team-${t}`;
    const account = String(100000000000 + (t % 20)).padStart(12, '0');
    const region = REGIONS[t % REGIONS.length];
    const docs = [];
    docs.push(`apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: {name: ${team}, namespace: gloo-mesh, labels: {tier: apps}}
spec:
  workloadClusters: [{name: '*', namespaces: [{name: ${team}}]}]`);
    docs.push(`apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: {name: ${team}, namespace: ${team}}
spec:
  exportTo:
    - workspaces: [{name: gateways}]
      resources: [{kind: ROUTE_TABLE, labels: {expose: 'true'}}]`);
    docs.push(`apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: ${team}}
spec:
  aws:
    accountId: '${account}'
    region: ${region}
    lambda: {invokeRoleName: ${team}-invoker}`);
    const functions = [];
    for (let f = 0; f < FEATURES_PER_TEAM; f++) {
      for (let n = 0; n < FUNCTIONS_PER_FEATURE; n++) {
        functions.push(`      - {lambdaFunctionName: ${team}-f${f}-${n}, qualifier: '1'}`, `      - {lambdaFunctionName: ${team}-f${f}-${n}, qualifier: '2'}`);
      }
    }
    docs.push(`apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: functions, namespace: ${team}}
spec:
  provider: aws
  aws:
    lambda:
${functions.join('\n')}`);
    docs.push(`apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: ${team}, namespace: ${team}, labels: {expose: 'true', team: '${team}'}}
spec:
  http:
${Array.from({ length: FEATURES_PER_TEAM }, (_, f) => `    - name: feature-${f}
      matchers: [{uri: {prefix: /f${f}}}]
      delegate:
        routeTables: [{labels: {feature: f${f}}, namespace: ${team}}]`).join('\n')}`);
    for (let f = 0; f < FEATURES_PER_TEAM; f++) {
      const routes = Array.from({ length: FUNCTIONS_PER_FEATURE }, (_, n) => {
        const fn = `${team}-f${f}-${n}`;
        const destination = (q, w) => `          - awsLambda: {cloudProvider: {name: aws}, function: ${fn}, qualifier: '${q}'}${w === undefined ? '' : `\n            weight: ${w}`}`;
        // every third function is a canary between its two versions
        const destinations = n % 3 === 0 ? `${destination(1, 90)}\n${destination(2, 10)}` : destination(2);
        return `    - name: op-${n}
      matchers: [{uri: {prefix: /op${n}}, method: ${n % 2 ? 'POST' : 'GET'}}]
      forwardTo:
        destinations:
${destinations}`;
      });
      docs.push(`apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: f${f}, namespace: ${team}, labels: {feature: f${f}}}
spec:
  http:
${routes.join('\n')}`);
    }
    files.set(`teams/${team}.yaml`, docs.join('\n---\n') + '\n');
    gateway.push(`apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: ${team}, namespace: gateways}
spec:
  hosts: [${team}.example.com]
  virtualGateways: [{name: edge}]
  http:
    - name: ${team}
      matchers: [{uri: {prefix: /api}}]
      delegate:
        routeTables: [{labels: {team: '${team}'}, workspace: ${team}}]
        allowedRoutes:
          - cloudProvider:
              aws:
                accountIds: ['${account}']
                regions: [${region}]
                iamRoles: ['${team}-[a-z]+']
                lambdaFunctions: ['${team}-f[0-9]+-[0-9]+']`);
  }
  files.set('gateways.yaml', gateway.join('\n---\n') + '\n');
  return files;
}

/** Writes a corpus (relative path to YAML text) into `dir`, replacing what was there; counts its documents. */
export function writeFiles(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  let count = 0;
  for (const [name, text] of files) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
    count += text.split('\n---\n').length;
  }
  return { files: files.size, documents: count };
}

export function writeCorpus(dir, documents) {
  return writeFiles(dir, generateCorpus(documents));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  const i = process.argv.indexOf('--documents');
  if (!dir || i < 0) {
    console.error('usage: generate-corpus.mjs DIR --documents N');
    process.exit(2);
  }
  console.log(JSON.stringify(writeCorpus(dir, Number(process.argv[i + 1]))));
}
