// A monorepo-shaped corpus for the benchmark: what a platform team's repository looks like after a few
// years, rather than the regular corpus's one file per team. Many small files of 1 to 20 documents, in
// nested folders; gateway workspaces whose root tables delegate by label with no workspace named (so
// every candidate goes through the export/import check); team workspaces exporting by label and
// importing from a shared workspace by glob; services whose tables delegate to each other by name and by
// label; and the flaws a monorepo collects: tables defined twice in two files, and hosts claimed by two
// root tables. Deterministic: the same `documents` gives the same files.
import { writeFiles } from '../generate-corpus.mjs';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
const SERVICES_PER_TEAM = 6;
const TEAMS_PER_GATEWAY = 40;

/** mulberry32: a small seeded generator, so the corpus is the same on every machine */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const doc = (apiVersion, kind, metadata, spec) => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: ${metadata}\nspec:\n${spec}`;
const table = (metadata, spec) => doc('networking.gloo.solo.io/v2', 'RouteTable', metadata, spec);

/** The corpus of about `documents` documents: file path (relative) to its YAML text. */
export function generateMonorepo(documents) {
  const rand = random(20261202);
  const pick = (n) => Math.floor(rand() * n);
  // a team brings about 4 + 6 services x (1 root + 1 to 20 tables, 10.5 on average) documents
  const teams = Math.max(1, Math.round(documents / (4 + SERVICES_PER_TEAM * 11.5)));
  const gateways = Math.max(1, Math.ceil(teams / TEAMS_PER_GATEWAY));
  const files = new Map();
  const add = (path, docs) => files.set(path, docs.join('\n---\n') + '\n');

  add('platform/shared/workspace.yaml', [
    doc('admin.gloo.solo.io/v2', 'Workspace', '{name: shared-auth, namespace: gloo-mesh}', "  workloadClusters: [{name: '*', namespaces: [{name: shared-auth}]}]"),
    doc('admin.gloo.solo.io/v2', 'WorkspaceSettings', '{name: shared-auth, namespace: shared-auth}', "  exportTo: [{workspaces: [{name: '*'}]}]"),
    doc('infrastructure.gloo.solo.io/v2', 'CloudProvider', '{name: aws, namespace: shared-auth}', "  aws: {accountId: '200000000000', region: us-east-1, lambda: {invokeRoleName: shared-invoker}}"),
  ]);
  for (let g = 0; g < gateways; g++) {
    add(`platform/gateways/gw-${g}/gateway.yaml`, [
      doc('admin.gloo.solo.io/v2', 'Workspace', `{name: gw-${g}, namespace: gloo-mesh}`, `  workloadClusters: [{name: '*', namespaces: [{name: gw-${g}}]}]`),
      doc('admin.gloo.solo.io/v2', 'WorkspaceSettings', `{name: gw-${g}, namespace: gw-${g}}`, `  importFrom:\n    - workspaces: [{selector: {gateway: gw-${g}}}]\n      resources: [{kind: ROUTE_TABLE}]`),
      doc('networking.gloo.solo.io/v2', 'VirtualGateway', `{name: edge, namespace: gw-${g}}`, '  listeners:\n    - port: {number: 8080}\n      http: {}'),
    ]);
  }

  const roots = Array.from({ length: gateways }, () => []);
  for (let t = 0; t < teams; t++) {
    const team = `team-${t}`;
    const g = Math.floor(t / TEAMS_PER_GATEWAY);
    const account = String(100000000000 + (t % 37)).padStart(12, '0');
    const region = REGIONS[t % REGIONS.length];
    add(`teams/${team}/workspace.yaml`, [
      doc('admin.gloo.solo.io/v2', 'Workspace', `{name: ${team}, namespace: gloo-mesh, labels: {gateway: gw-${g}}}`, `  workloadClusters: [{name: '*', namespaces: [{name: ${team}}]}]`),
      doc(
        'admin.gloo.solo.io/v2',
        'WorkspaceSettings',
        `{name: ${team}, namespace: ${team}}`,
        `  exportTo:\n    - workspaces: [{name: gw-${g}}]\n      resources: [{kind: ROUTE_TABLE, labels: {expose: 'true'}}]\n  importFrom:\n    - workspaces: [{name: 'shared-*'}]`,
      ),
    ]);
    const functions = [];
    const services = [];
    for (let s = 0; s < SERVICES_PER_TEAM; s++) {
      const service = `${team}-svc-${s}`;
      const tables = 1 + pick(20);
      services.push({ service, tables });
      for (let i = 0; i < tables; i++) functions.push(`${service}-${i}`);
    }
    add(`teams/${team}/aws/provider.yaml`, [
      doc('infrastructure.gloo.solo.io/v2', 'CloudProvider', `{name: aws, namespace: ${team}}`, `  aws: {accountId: '${account}', region: ${region}, lambda: {invokeRoleName: ${team}-invoker}}`),
    ]);
    add(`teams/${team}/aws/functions.yaml`, [
      doc(
        'infrastructure.gloo.solo.io/v2',
        'CloudResources',
        `{name: functions, namespace: ${team}}`,
        `  provider: aws\n  aws:\n    lambda:\n${functions.map((f) => `      - {lambdaFunctionName: ${f}, qualifier: live}`).join('\n')}`,
      ),
    ]);

    for (const { service, tables } of services) {
      const docs = [];
      // the service's entry table: exported to the gateway, delegating to the service's other tables
      const entryRoutes = [];
      for (let i = 1; i < tables; i++) {
        const byName = i % 2 === 1;
        const selector = byName ? `{name: ${service}-t${i}, namespace: ${team}}` : `{labels: {service: ${service}, part: p${i}}}`;
        entryRoutes.push(`    - name: part-${i}\n      matchers: [{uri: {prefix: /v1/p${i}}}]\n      delegate: {routeTables: [${selector}]}`);
      }
      entryRoutes.push(
        `    - name: health\n      matchers: [{uri: {exact: /healthz}, method: GET}]\n      forwardTo:\n        destinations:\n          - awsLambda: {cloudProvider: {name: aws}, function: ${service}-0, qualifier: live}`,
      );
      docs.push(table(`{name: ${service}, namespace: ${team}, labels: {expose: 'true', app: ${service}}}`, `  http:\n${entryRoutes.join('\n')}`));
      for (let i = 1; i < tables; i++) {
        const labels = i % 2 === 1 ? '' : `, labels: {service: ${service}, part: p${i}}`;
        const method = ['GET', 'POST', 'PUT', 'DELETE'][pick(4)];
        const canary = pick(5) === 0;
        const destinations = canary
          ? `          - awsLambda: {cloudProvider: {name: aws}, function: ${service}-${i}, qualifier: live}\n            weight: 90\n          - awsLambda: {cloudProvider: {name: aws}, function: ${service}-${i}, qualifier: live}\n            weight: 10`
          : `          - awsLambda: {cloudProvider: {name: aws}, function: ${service}-${i}, qualifier: live}`;
        docs.push(
          table(
            `{name: ${service}-t${i}, namespace: ${team}${labels}}`,
            `  http:\n    - name: op\n      matchers: [{uri: {prefix: /v1/p${i}/items}, method: ${method}}, {uri: {regex: '/v1/p${i}/items/[0-9]+'}}]\n      forwardTo:\n        destinations:\n${destinations}`,
          ),
        );
      }
      add(`teams/${team}/services/${service}/routes.yaml`, docs);
      const host = pick(60) === 0 && roots[g].length ? roots[g][pick(roots[g].length)].host : `${service}.example.com`;
      roots[g].push({ service, host });
    }
    // a table copied into a second file, as happens when a service moves between folders
    if (t % 11 === 5) add(`teams/${team}/legacy/moved.yaml`, [table(`{name: ${team}-svc-0, namespace: ${team}, labels: {expose: 'true', app: ${team}-svc-0}}`, '  http:\n    - name: gone\n      directResponse: {status: 410}')]);
  }

  // root tables: one per service, delegating by label with no workspace named, in files of 1 to 20
  for (let g = 0; g < gateways; g++) {
    const list = roots[g];
    for (let start = 0, file = 0; start < list.length; file++) {
      const size = 1 + pick(20);
      const docs = list.slice(start, start + size).map(({ service, host }) =>
        table(
          `{name: ${service}, namespace: gw-${g}}`,
          `  hosts: [${host}]\n  virtualGateways: [{name: edge}]\n  http:\n    - name: ${service}\n      delegate:\n        routeTables: [{labels: {app: ${service}}}]`,
        ),
      );
      add(`platform/gateways/gw-${g}/routes/${String(file).padStart(4, '0')}.yaml`, docs);
      start += size;
    }
  }
  return files;
}

export function writeMonorepo(dir, documents) {
  return writeFiles(dir, generateMonorepo(documents));
}
