import { basename, dirname, extname, join } from 'node:path';
import { envoyPortGroups, envoyServingName } from '../emit/envoy/render-envoy';
import { serializeDocument } from '../emit/serialize';
import type { Model } from '../model/types';
import { outcomeOf, pickWeighted } from './routing-expectations';
import type { TestRun } from './run-routing-tests';
import { version } from '../../package.json';
import { jsonText } from '../text/json-text';
import { NAME_MAX, outDirNames } from '../text/out-dir-names';
import { listUnder } from '../data/under';
import { firstBy } from '../data/first-by';

interface EnvoyRoute {
  readonly name: string;
  readonly route?: { readonly cluster?: string; readonly weighted_clusters?: { readonly clusters: ReadonlyArray<{ readonly name: string; readonly weight: number }> } };
}
interface VirtualHost {
  readonly name: string;
  readonly domains: readonly string[];
  readonly routes: readonly EnvoyRoute[];
}
interface RouteConfiguration {
  readonly name: string;
  readonly virtual_hosts: readonly VirtualHost[];
}

/**
 * The routing tests in the format of Envoy's router_check_tool (test/tools/router_check/validation.proto),
 * against the route configuration gwctl renders for Envoy (upstream form), so that a team that runs Envoy's
 * tool checks that the compiled output agrees with the model. router_check_tool reads one
 * RouteConfiguration per run: the tests are grouped by listener, and each group is written with its
 * listener's route configuration beside it. What each test expects of Envoy (the cluster, the virtual
 * host, the redirect) is what the model answered, translated to the rendered names.
 */
export interface EnvoyTestFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The files to write, in pairs (the tests, then their route configuration), made before any is written,
 * so that the command can refuse a path that is one of its inputs first. With tests on one listener
 * they are `file` and `<file>.route-config.json`; on several, each listener's name is put in: a plain
 * name in `file`'s folder (text/out-dir-names.ts), whatever the listener is called.
 */
export async function envoyTestFiles(model: Model, run: TestRun, file: string): Promise<{ files: EnvoyTestFile[]; unrendered: string[] }> {
  const { renderEnvoy, ENVOY_DEFAULTS } = await import('../emit/envoy/render-envoy');
  const emitted = renderEnvoy(model, { ...ENVOY_DEFAULTS, toolVersion: version });
  const bootstrap = JSON.parse([...serializeDocument(emitted, 0, 'json')].join('')) as { static_resources: { listeners: Array<{ name: string; filter_chains: Array<{ filters: Array<{ typed_config: { route_config: RouteConfiguration } }> }> }> } };
  const routeConfigs = new Map(bootstrap.static_resources.listeners.flatMap((l) => l.filter_chains.map((c) => [c.filters[0]!.typed_config.route_config.name, c.filters[0]!.typed_config.route_config] as const)));
  const ports = envoyPortGroups(model, ENVOY_DEFAULTS, []);

  const groups = new Map<string, unknown[]>();
  // tests answered by a listener the Envoy output leaves out (one port cannot serve it: GW7014)
  const unrendered: string[] = [];
  for (const r of run.results) {
    if (!r.answer) continue; // no listener on the request's port: nothing for a route table to say
    const listener = envoyServingName(r.answer.listener, ports);
    const config = routeConfigs.get(`routes.${listener}`);
    if (!config) {
      unrendered.push(r.test.name);
      continue;
    }
    // indexed once per list: each of 20,000 tests looked through 20,000 virtual hosts, then routes
    const vhost = firstBy(config.virtual_hosts, (v) => v.domains).get(r.answer.host.host);
    const outcome = outcomeOf(r.answer, r.request);
    const randomValue = r.test.expect.randomValue ?? 0;
    const validate: Record<string, unknown> = { virtual_host_name: vhost?.name ?? '' };
    if (outcome.redirect !== undefined) validate.path_redirect = outcome.redirect;
    else validate.cluster_name = outcome.route && outcome.route.action.kind === 'forward' ? clusterOf(vhost, outcome.route.name, randomValue) : '';
    // the path a forward sends on, rewritten or not, with the query (router_check_tool reads :path);
    // none where the output answers instead (a destination it cannot render: a direct response)
    if (validate.cluster_name) validate.path_rewrite = (r.answer.rewrittenPath ?? r.request.path) + (r.request.rawQuery ? `?${r.request.rawQuery}` : '');
    // and the Host header a hostRewrite sets (router_check_tool's host_rewrite; an automatic host rewrite
    // is made from the upstream endpoint, which the tool does not see, so neither is written)
    if (validate.cluster_name && r.answer.rewrittenHost !== undefined) validate.host_rewrite = r.answer.rewrittenHost;
    const item = {
      test_name: r.test.name,
      input: {
        authority: r.request.authority,
        path: r.request.path + (r.request.rawQuery ? `?${r.request.rawQuery}` : ''),
        method: r.request.method,
        ssl: r.answer.listener.protocol === 'https',
        random_value: randomValue,
        additional_request_headers: [...r.request.headers].filter(([k]) => k !== 'host').map(([key, value]) => ({ key, value })),
      },
      validate,
    };
    listUnder(groups, listener).push(item);
  }
  const ext = extname(file) || '.json';
  const stem = basename(file, extname(file));
  const listeners = [...groups.keys()];
  // the listener's part of the name gets what the longer name of a pair leaves of NAME_MAX (at least 40 bytes)
  const room = Math.max(40, NAME_MAX - new TextEncoder().encode(`${stem}..route-config${ext}`).length);
  const parts = groups.size === 1 ? [''] : outDirNames(listeners, room).map((l) => `.${l}`);
  const files = listeners.flatMap((listener, i) => [
    { path: groups.size === 1 ? file : join(dirname(file), `${stem}${parts[i]}${ext}`), text: jsonText({ tests: groups.get(listener) }, 2) + '\n' },
    { path: join(dirname(file), `${stem}${parts[i]}.route-config${ext}`), text: jsonText(routeConfigs.get(`routes.${listener}`), 2) + '\n' },
  ]);
  return { files, unrendered };
}

/** The cluster an Envoy route sends to; for weighted clusters, the one Envoy picks for the draw. */
function clusterOf(vhost: VirtualHost | undefined, routeName: string, randomValue: number): string {
  const route = vhost ? firstBy(vhost.routes, (r) => [r.name]).get(routeName) : undefined;
  if (!route?.route) return '';
  if (route.route.cluster !== undefined) return route.route.cluster;
  return pickWeighted(route.route.weighted_clusters?.clusters ?? [], randomValue)?.name ?? '';
}
