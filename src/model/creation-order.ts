import type { Resource } from '../load/resource';

/**
 * Oldest first: `metadata.creationTimestamp` ascending (RFC 3339 in UTC compares as text), objects that
 * carry none after those that do (they are created when applied, so they are the newest), then input
 * order: files in the order read, documents in file order. Never alphabetical: Gloo keeps tables of equal
 * weight "by creation timestamp when selected by label" (route_table.proto, RouteTableSpec.weight), and
 * a name says nothing about age.
 */
export function creationOrder(a: Resource, b: Resource): number {
  if (a.createdAt !== b.createdAt) {
    if (a.createdAt === undefined) return 1;
    if (b.createdAt === undefined) return -1;
    return a.createdAt < b.createdAt ? -1 : 1;
  }
  return a.order - b.order;
}
