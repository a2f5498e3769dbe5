import type { Finding } from '../diagnostics/finding';
import type { Resource } from '../load/resource';
import type { Anchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
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
 * proxy); a table's reference to a gateway with a refused cluster attaches it nowhere. The model's
 * findings stay as they are, but for one where it is due: under FREEZE_CONFIG a replaced route freezes
 * its tree (GW4024). Otherwise only what is served changes.
 */
export class SchemaRefusals {
  private readonly byDocument = new Map<ManifestDocument, Array<{ readonly pointer: string; readonly code: Failure['code'] }>>();

  constructor(schemaFindings: readonly Finding[]) {
    for (const f of schemaFindings) {
      if (f.severity !== 'error' || f.at.kind !== 'node') continue;
      const list = this.byDocument.get(f.at.doc);
      const entry = { pointer: f.at.pointer, code: f.code };
      if (list) list.push(entry);
      else this.byDocument.set(f.at.doc, [entry]);
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

  private at(doc: ManifestDocument, pointer: string): Failure | undefined {
    const list = this.byDocument.get(doc);
    if (!list) return undefined;
    for (const r of list) {
      if (r.pointer === pointer || (r.pointer.startsWith(pointer) && r.pointer.charCodeAt(pointer.length) === 0x2f /* / */)) {
        return { code: r.code, reason: `the schema refuses the value at ${r.pointer}` };
      }
    }
    return undefined;
  }
}
