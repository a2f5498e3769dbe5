import type { RegexRewrite } from '../../model/types';
import { gatewayDuration } from '../../text/duration-forms';
import { ExtensionRefs, type ExtensionResource } from './extension-refs';

/** kgateway's `urlRewrite.pathRegex` takes a pattern and a substitution of 1 to this many characters (its CRD). */
const PATH_REGEX_CHARACTERS = 1024;

/** What a rule needs of a kgateway TrafficPolicy: a regex rewrite, a stream idle timeout, or both. */
export interface RulePolicy {
  readonly rewrite?: RegexRewrite | undefined;
  /** how long the rule's stream may sit idle: longer than kgateway's default of 5 minutes (route-timeouts.ts) */
  readonly streamIdleSeconds?: number | undefined;
}

/**
 * The kgateway TrafficPolicies (gateway.kgateway.dev/v1alpha1) rules refer to by an ExtensionRef filter
 * (kgateway's docs, "Attach the policy to an individual route (ExtensionRef)"), one per rule at most, so
 * that what kgateway makes of two on one route is not a question. kgateway applies both fields to the
 * route (kgateway-dev/kgateway pkg/kgateway/extensions2/plugins/trafficpolicy/traffic_policy_plugin.go,
 * `handlePerRoutePolicies`):
 * - Gloo's regexRewrite, as `urlRewrite.pathRegex {pattern, substitution}`, set as the route's Envoy
 *   `regex_rewrite` (url_rewrite.go, `applyURLRewrite`: a RegexMatchAndSubstitute of the pattern and the
 *   substitution as written), the very field Gloo's regexRewrite is (route_table.proto,
 *   ForwardToAction.regexRewrite), so a function receives the path Gloo sends it. The Gateway API's own
 *   URLRewrite replaces a prefix or the whole path, never by a pattern.
 * - a stream idle timeout, as `timeouts.streamIdle`, the route's Envoy `idle_timeout` (timeout_retry.go,
 *   `constructTimeoutRetry`; "Idle stream timeouts", kgateway.dev/docs: Envoy's default of 5 minutes
 *   otherwise), for a route that waits longer than that for a function's answer, which comes whole at
 *   its end: the Envoy and Gloo Edge outputs give such a route the same. kgateway sets the route's
 *   request timeout only where the HTTPRoute's `timeouts.request` did not, which every forwarding rule
 *   gwctl writes does.
 * One TrafficPolicy per namespace and content.
 */
export class TrafficPolicySet {
  private readonly refs = new ExtensionRefs('TrafficPolicy');

  /** What kgateway's CRD refuses in a regex rewrite, if anything. */
  refusal(rewrite: RegexRewrite): string | undefined {
    // characters as the CRD counts them (code points); Gloo takes an empty substitution (the match removed)
    for (const [field, value] of [['pattern', rewrite.pattern], ['substitution', rewrite.substitution]] as const) {
      const length = [...value].length;
      if (length < 1 || length > PATH_REGEX_CHARACTERS) return `kgateway's pathRegex takes a ${field} of 1 to ${PATH_REGEX_CHARACTERS.toLocaleString('en-US')} characters, not ${length.toLocaleString('en-US')}`;
    }
    return undefined;
  }

  /** The rule's filter, referring to the TrafficPolicy that holds what it needs (a rewrite `refusal` took no exception to). */
  filterFor(namespace: string, policy: RulePolicy): Record<string, unknown> {
    const { rewrite, streamIdleSeconds } = policy;
    const key = JSON.stringify([rewrite?.pattern, rewrite?.substitution, streamIdleSeconds]);
    return this.refs.filterFor(namespace, key, rewrite ? 'regex-rewrite' : 'stream-idle', () => ({
      ...(rewrite ? { urlRewrite: { pathRegex: { pattern: rewrite.pattern, substitution: rewrite.substitution } } } : {}),
      ...(streamIdleSeconds !== undefined ? { timeouts: { streamIdle: gatewayDuration(streamIdleSeconds) } } : {}),
    }));
  }

  resources(): ExtensionResource[] {
    return this.refs.resources();
  }
}
