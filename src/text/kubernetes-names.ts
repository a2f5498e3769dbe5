import PATTERNS from '../../schemas/source/patterns.json';

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

/** `namespace/name` with both parts valid, else undefined. */
export function namespacedName(value: string): { namespace: string; name: string } | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const [namespace, name] = [value.slice(0, slash), value.slice(slash + 1)];
  return isNamespaceName(namespace) && isObjectName(name) ? { namespace, name } : undefined;
}
