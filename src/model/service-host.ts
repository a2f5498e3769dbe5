import type { ServiceDestination } from './types';

/** A Kubernetes Service's cluster-local name: what the proxy resolves, and the Host an automatic rewrite sets. */
export const serviceHost = (d: Pick<ServiceDestination, 'name' | 'namespace'>): string => `${d.name}.${d.namespace}.svc.cluster.local`;
