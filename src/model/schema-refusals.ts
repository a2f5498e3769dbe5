import type { Finding } from '../diagnostics/finding';
import type { Resource } from '../load/resource';
import type { Anchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import { listUnder } from '../data/under';
import type { Failure } from './destinations';

/**
 * Where the schema refused a value (its errors, GW2xxx), for the model to keep such values out of what
 * is served. Kubernetes admits no object its CRD refuses, so Gloo never sees one; `render --force`
 * writes the input all the same, and a value the CRD refuses is one the targets refuse too (a function
 * name with a space in a Gateway API Backend, a redirect code Envoy has no enum value for). gwctl decides
 * (docs/semantics.md): what holds such a value serves nothing as written. A route is replaced by a 500,
 * as for any misconfiguration (route_table.proto, FailureMode ROUTE_REPLACEMENT); so is a route whose
 * Lambda destination is a CloudProvider or a CloudResources entry with one; a host or a listener with one
 * is left out, and so is every listener of a VirtualGateway whose workloads hold one (they select no
 * proxy); a table's reference to a gateway with a refused cluster attaches it nowhere. A refusal in
 * `metadata` (a name, a namespace, a label or an annotation key) is one of the whole object, as the API
 * server's (ValidateObjectMeta refuses the object, not a field of it): every place of the resource counts
 * as refused, so none of it is served either. The model's findings stay as they are, but for one where it
 * is due: under FREEZE_CONFIG a replaced route freezes its tree (GW4024). Otherwise only what is served
 * changes.
 */
export class SchemaRefusals {
  private readonly byDocument = new Map<ManifestDocument, Array<{ readonly pointer: string; readonly code: Failure['code'] }>>();
  /** the objects whose metadata is refused, by document: the object's own pointer ('' or `/items/N`) */
  private readonly objects = new Map<ManifestDocument, Array<{ readonly object: string; readonly failure: Failure }>>();

  constructor(schemaFindings: readonly Finding[]) {
    for (const f of schemaFindings) {
      if (f.severity !== 'error' || f.at.kind !== 'node') continue;
      listUnder(this.byDocument, f.at.doc).push({ pointer: f.at.pointer, code: f.code });
      const metadata = METADATA.exec(f.at.pointer);
      if (metadata && !this.objects.get(f.at.doc)?.some((o) => o.object === metadata[1])) {
        // as written: a reason is escaped where it is shown (explain-answer.ts), as destinations' are
        const object = f.resource ? `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}` : 'object';
        const reason = `the API server refuses the whole ${object}: the schema refuses the value at ${f.at.pointer}`;
        listUnder(this.objects, f.at.doc).push({ object: metadata[1]!, failure: { code: f.code, reason } });
      }
    }
  }

  /** Whether the schema refused anything in the resource's document: nearly always not. */
  anyIn(resource: Resource): boolean {
    return this.byDocument.has(resource.doc);
  }

  /** The first refusal at or below a place of a resource (`/spec/http/2`), as the reason it is not served. */
  under(resource: Resource, pointer: string): Failure | undefined {
    return this.at(resource.doc, resource.pointer + pointer);
  }

  /** The first refusal at or below an anchor. */
  atAnchor(anchor: Anchor): Failure | undefined {
    return anchor.kind === 'node' ? this.at(anchor.doc, anchor.pointer) : undefined;
  }

  /** A refusal of the resource's metadata, which refuses the whole object. */
  object(resource: Resource): Failure | undefined {
    return this.objectAt(resource.doc, resource.pointer);
  }

  private objectAt(doc: ManifestDocument, pointer: string): Failure | undefined {
    const objects = this.objects.get(doc);
    if (!objects) return undefined;
    for (const o of objects) if (within(pointer, o.object)) return o.failure;
    return undefined;
  }

  // a refusal of the object's metadata first: it refuses every place of the object
  private at(doc: ManifestDocument, pointer: string): Failure | undefined {
    const list = this.byDocument.get(doc);
    if (!list) return undefined;
    const object = this.objectAt(doc, pointer);
    if (object) return object;
    for (const r of list) {
      if (within(r.pointer, pointer)) return { code: r.code, reason: `the schema refuses the value at ${r.pointer}` };
    }
    return undefined;
  }
}

/** An object's metadata: at the document's top, or at an item of a `kind: List` (group 1: the object's pointer). */
const METADATA = /^((?:\/items\/\d+)?)\/metadata(?:\/|$)/;

/** Whether `pointer` is `place` or below it. */
function within(pointer: string, place: string): boolean {
  return pointer.startsWith(place) && (pointer.length === place.length || pointer.charCodeAt(place.length) === 0x2f /* / */);
}
