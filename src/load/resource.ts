import type { ResourceRef } from '../diagnostics/finding';
import { nodeAnchor, type Anchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import type { CrdCheckedKind, Dialect, KnownKind } from './kinds';

/**
 * An object of the input that was checked, with where it came from: what the reports list as passed and
 * what a `gwctl.dev/suppress` annotation is read from (report/suppress.ts). A CheckedObject, or a policy
 * (checked against its kind's CRD: load/check-policy.ts), which the model reads as a PolicyNode.
 */
export interface PlacedObject {
  readonly doc: ManifestDocument;
  /** where the object sits in its document: '' or `/items/N` inside a `kind: List` */
  readonly pointer: string;
  readonly ref: ResourceRef;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * A Gloo Platform object checked against the schema of its kind, with where it came from: a Resource, or
 * an object of a kind checked against its CRD alone (CRD_CHECKED_KINDS), of which no output is made (the
 * model reads a VirtualDestination's or ExternalService's ports and sharing: model/destination-objects.ts).
 */
export interface CheckedObject extends PlacedObject {
  readonly kind: KnownKind | CrdCheckedKind;
  readonly apiVersion: string;
  readonly dialect: Dialect;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: Readonly<Record<string, unknown>>;
}

/** A policy of a kind its group defines, checked against its CRD (load/check-policy.ts), as written. */
export interface PolicyObject extends PlacedObject {
  readonly kind: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** A Gloo Platform object of a kind gwctl models, with where it came from. */
export interface Resource extends CheckedObject {
  readonly kind: KnownKind;
  /** metadata.creationTimestamp when present: decides which of two colliding objects is older */
  readonly createdAt: string | undefined;
  /** position in the input (files in the order read, then documents, then List items): the last tie-break */
  readonly order: number;
  /**
   * The object as YAML gave it, and `value.spec` when that is a mapping (else an empty one: later stages
   * read it leniently). The model stage releases both once it has read them (see releaseData): on a large
   * input the raw data is the largest thing in memory, and nothing after the model needs it.
   */
  value: Readonly<Record<string, unknown>>;
  spec: Readonly<Record<string, unknown>>;
}

const RELEASED: Readonly<Record<string, unknown>> = Object.freeze({});

/** Drops a resource's raw data; what it is (kind, name, labels, annotations, place) stays. */
export function releaseData(resource: Resource): void {
  resource.value = RELEASED;
  resource.spec = RELEASED;
}

/** An anchor inside a resource, by a pointer relative to the resource (`/spec/hosts/0`). */
export function anchorIn(resource: PlacedObject, pointer: string, part: 'key' | 'value' = 'value'): Anchor {
  return nodeAnchor(resource.doc, resource.pointer + pointer, part);
}
