import { extname } from 'node:path';
import { envoyPortGroups, envoyServingName } from '../emit/envoy/render-envoy';
import { serializeDocument } from '../emit/serialize';
import type { Host } from '../host/host';
import type { Model } from '../model/types';
import { outcomeOf, pickWeighted } from './routing-expectations';
import type { TestRun } from './run-routing-tests';
import { version } from '../../package.json';
import { jsonText } from '../text/json-text';

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
export async function exportEnvoyTests(host: Host, model: Model, run: TestRun, file: string): Promise<{ written: Array<{ tests: string; routeConfig: string }>; unrendered: string[] }> {
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
    const vhost = config.virtual_hosts.find((v) => v.domains.includes(r.answer!.host.host));
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
    groups.set(listener, [...(groups.get(listener) ?? []), item]);
  }
  const ext = extname(file) || '.json';
  const stem = file.slice(0, file.length - extname(file).length);
  const written: Array<{ tests: string; routeConfig: string }> = [];
  for (const [listener, tests] of groups) {
    const base = groups.size === 1 ? stem : `${stem}.${listener}`;
    const paths = { tests: groups.size === 1 ? file : `${base}${ext}`, routeConfig: `${base}.route-config${ext}` };
    await host.writeFileAtomic(paths.tests, jsonText({ tests }, 2) + '\n');
    await host.writeFileAtomic(paths.routeConfig, jsonText(routeConfigs.get(`routes.${listener}`), 2) + '\n');
    written.push(paths);
  }
  return { written, unrendered };
}

/** The cluster an Envoy route sends to; for weighted clusters, the one Envoy picks for the draw. */
function clusterOf(vhost: VirtualHost | undefined, routeName: string, randomValue: number): string {
  const route = vhost?.routes.find((r) => r.name === routeName);
  if (!route?.route) return '';
  if (route.route.cluster !== undefined) return route.route.cluster;
  return pickWeighted(route.route.weighted_clusters?.clusters ?? [], randomValue)?.name ?? '';
}
