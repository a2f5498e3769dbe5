import type { RegexRewrite } from '../../model/types';
import { ExtensionRefs, type ExtensionResource } from './extension-refs';

/** kgateway's `urlRewrite.pathRegex` takes a pattern and a substitution of 1 to this many characters (its CRD). */
const PATH_REGEX_CHARACTERS = 1024;

/**
 * Gloo's regexRewrite as kgateway states it: a TrafficPolicy (gateway.kgateway.dev/v1alpha1) holding
 * `urlRewrite.pathRegex {pattern, substitution}`, referred to from the rule by an ExtensionRef filter
 * (kgateway's docs, "Attach the policy to an individual route (ExtensionRef)"). kgateway sets it as the
 * route's Envoy `regex_rewrite` (internal/kgateway/extensions2/plugins/trafficpolicy/url_rewrite.go,
 * `applyURLRewrite`: a RegexMatchAndSubstitute of the pattern and the substitution as written), the
 * very field Gloo's regexRewrite is (route_table.proto, ForwardToAction.regexRewrite), so a function
 * receives the path Gloo sends it. The Gateway API's own URLRewrite replaces a prefix or the whole path,
 * never by a pattern. One TrafficPolicy per namespace, pattern and substitution.
 */
export class RegexRewriteSet {
  private readonly refs = new ExtensionRefs('TrafficPolicy');

  /** The rule's filter, or what kgateway's CRD refuses in the rewrite. */
  filterFor(namespace: string, rewrite: RegexRewrite): { readonly filter: Record<string, unknown> } | { readonly refused: string } {
    // characters as the CRD counts them (code points); Gloo takes an empty substitution (the match removed)
    for (const [field, value] of [['pattern', rewrite.pattern], ['substitution', rewrite.substitution]] as const) {
      const length = [...value].length;
      if (length < 1 || length > PATH_REGEX_CHARACTERS) return { refused: `kgateway's pathRegex takes a ${field} of 1 to ${PATH_REGEX_CHARACTERS.toLocaleString('en-US')} characters, not ${length.toLocaleString('en-US')}` };
    }
    const key = JSON.stringify([rewrite.pattern, rewrite.substitution]);
    return { filter: this.refs.filterFor(namespace, key, 'regex-rewrite', () => ({ urlRewrite: { pathRegex: { pattern: rewrite.pattern, substitution: rewrite.substitution } } })) };
  }

  resources(): ExtensionResource[] {
    return this.refs.resources();
  }
}
