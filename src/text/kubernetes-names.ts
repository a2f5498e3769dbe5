import PATTERNS from '../../schemas/source/patterns.json';
import { asArray, isObject, obj } from '../data/values';

/**
 * Kubernetes' own name rules (k8s.io/apimachinery pkg/util/validation/validation.go): a namespace is a
 * DNS label (IsDNS1123Label: at most 63 characters), most object names a DNS subdomain
 * (IsDNS1123Subdomain: at most 253, dot-separated labels). A name the API server refuses, written into
 * rendered resources, fails `kubectl apply` after review, so a flag that names one is checked first.
 */
// the patterns the manifests' schemas check metadata with (schemas/source/patterns.json); the lengths
// are the schemas' maxLength
const DNS_LABEL = new RegExp(PATTERNS.dnsLabel.pattern);
const DNS_SUBDOMAIN = new RegExp(PATTERNS.dnsSubdomain.pattern);

export const isNamespaceName = (value: string): boolean => value.length <= 63 && DNS_LABEL.test(value);
export const isObjectName = (value: string): boolean => value.length <= 253 && DNS_SUBDOMAIN.test(value);

/**
 * Why an object selector's `namespace` or `name` selects no object, else undefined: a name no namespace or
 * object of `kind` can have (`Payments`: names are lower case). The API server checks no spec field and
 * Gloo compares them as written, so such a selector is taken and selects nothing.
 */
export function unnameable(namespace: string | undefined, name: string | undefined, kind: string): string | undefined {
  if (namespace !== undefined && !isNamespaceName(namespace)) return `no namespace is named \`${namespace}\` (a namespace's name is lower-case letters, digits and '-')`;
  if (name !== undefined && !isObjectName(name)) return `no ${kind} is named \`${name}\` (a ${kind}'s name is lower-case letters, digits, '-' and '.')`;
  return undefined;
}

/** `namespace/name` with both parts valid, else undefined. */
export function namespacedName(value: string): { namespace: string; name: string } | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const [namespace, name] = [value.slice(0, slash), value.slice(slash + 1)];
  return isNamespaceName(namespace) && isObjectName(name) ? { namespace, name } : undefined;
}

const LABEL_KEY = new RegExp(PATTERNS.labelKey.pattern);
const LABEL_VALUE = new RegExp(PATTERNS.labelValue.pattern);

/**
 * Whether an object can carry every label of a selector's: the API server refuses an object whose label
 * keys are not qualified names or whose values are not label values (pkg/apis/meta/v1/validation,
 * ValidateLabels), so a selector with another matches nothing (GW2013).
 */
function labelsCarriable(labels: Readonly<Record<string, unknown>>): boolean {
  for (const [key, value] of Object.entries(labels)) if (!LABEL_KEY.test(key) || typeof value !== 'string' || !LABEL_VALUE.test(value)) return false;
  return true;
}

/**
 * Whether a VirtualGateway's `workloads` select no pod: given, and every selector names a label no pod
 * can carry (GW2013). Gloo takes them as written, and the gateway then runs on no proxy.
 */
export function selectsNoWorkload(workloads: unknown): boolean {
  const selectors = asArray(workloads).filter(isObject);
  return selectors.length > 0 && selectors.every((w) => !labelsCarriable(obj(obj(w.selector).labels)));
}
