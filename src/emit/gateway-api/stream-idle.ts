import { finding, type Finding } from '../../diagnostics/finding';
import { RouteSet } from '../../model/route-set';
import type { RouteNode } from '../../model/types';
import type { RouteWait } from '../route-timeouts';

/**
 * The routes whose timeout outlasts kgateway's stream idle timeout (GW7109). The Gateway API has a
 * request timeout on a rule and no idle timeout; kgateway's gateway keeps Envoy's 5 minutes unless a
 * TrafficPolicy's `timeouts.streamIdle` says otherwise (its CRD), and a function's answer comes whole
 * at its end: a route that waits longer is answered 408 at 5 minutes. The Envoy and Gloo Edge outputs
 * give such a route its own idle timeout; here the finding says what to add. Said once, at the first
 * the route that waits longest, with the idle timeout it needs.
 */
export class OutlastingRoutes {
  private readonly routes = new RouteSet();
  private longest: { readonly route: RouteNode; readonly wait: RouteWait } | undefined;

  note(route: RouteNode, wait: RouteWait): void {
    if (wait.idleSeconds === undefined) return;
    this.routes.add(route);
    if (!this.longest || wait.idleSeconds > this.longest.wait.idleSeconds!) this.longest = { route, wait };
  }

  report(findings: Finding[]): void {
    if (!this.longest) return;
    const { route, wait } = this.longest;
    const from = wait.set ? `the requestTimeout of RetryTimeoutPolicy ${wait.set.policy.ref.namespace}/${wait.set.policy.ref.name}` : '--route-timeout';
    findings.push(
      finding('GW7109', { route: route.name, more: this.routes.more('wait more than 4 minutes too'), wait: wait.seconds === 0 ? 'with no timeout, up to the 15 minutes a function runs,' : wait.timeout, from, idle: `${wait.idleSeconds}s` }, route.source, {
        resource: route.chain[route.chain.length - 1]!.table,
      }),
    );
  }
}
