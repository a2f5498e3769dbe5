import { finding, type Finding } from '../../diagnostics/finding';
import type { RouteNode } from '../../model/types';
import { ExtensionRefs, type ExtensionResource } from './extension-refs';

/** kgateway's DirectResponse `body`: at most this many characters (its CRD's maxLength) */
const DIRECT_RESPONSE_BODY_CHARACTERS = 4096;

/**
 * kgateway DirectResponse resources (gateway.kgateway.dev/v1alpha1; kgateway-dev/kgateway
 * api/v1alpha1/kgateway/direct_response_types.go: `status` 200..599, `body` 1..4096 characters), one per
 * namespace, status and body, referenced from a rule by an ExtensionRef filter (same namespace only).
 */
export class DirectResponseSet {
  private readonly refs = new ExtensionRefs('DirectResponse');

  filterFor(namespace: string, status: number, body: string | undefined, route: RouteNode, findings: Finding[]): Record<string, unknown> {
    let s = status;
    if (s < 200 || s > 599) {
      findings.push(finding('GW7103', { route: route.name, what: `the direct response status ${status}`, instead: 'kgateway\'s DirectResponse takes 200 to 599; it answers 500' }, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
      s = 500;
    }
    // characters as the CRD counts them (code points), not UTF-16 units
    const characters = body === undefined || body === '' ? undefined : [...body];
    if (characters && characters.length > DIRECT_RESPONSE_BODY_CHARACTERS) {
      const instead = `kgateway's DirectResponse takes ${DIRECT_RESPONSE_BODY_CHARACTERS.toLocaleString('en-US')} characters; the body is cut there`;
      findings.push(finding('GW7103', { route: route.name, what: `a direct response body of ${characters.length.toLocaleString('en-US')} characters`, instead }, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
    }
    const text = characters && (characters.length > DIRECT_RESPONSE_BODY_CHARACTERS ? characters.slice(0, DIRECT_RESPONSE_BODY_CHARACTERS).join('') : body);
    return this.refs.filterFor(namespace, `${s}|${text ?? ''}`, `direct-${s}`, () => ({ status: s, ...(text !== undefined ? { body: text } : {}) }));
  }

  resources(): ExtensionResource[] {
    return this.refs.resources();
  }
}
