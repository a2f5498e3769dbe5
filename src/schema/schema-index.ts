import type { JsonSchema } from './json-schema';

/**
 * What error explanations need to know of a schema: the fields allowed at each place (by generic path,
 * `spec.http[].matchers[]`), every place a field name is valid, and the schema at an ajv schemaPath.
 */
export class SchemaIndex {
  /** field name -> generic paths of the objects that define it */
  private readonly places = new Map<string, string[]>();

  constructor(readonly root: JsonSchema) {
    this.walk(root, '');
  }

  /** Generic paths of the objects where `field` is a valid key. */
  placesOf(field: string): readonly string[] {
    return this.places.get(field) ?? [];
  }

  /** The sub-schema an ajv `schemaPath` (`#/properties/spec/...`) points at. */
  at(schemaPath: string): JsonSchema | undefined {
    let node: unknown = this.root;
    for (const segment of schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean)) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return node as JsonSchema | undefined;
  }

  private walk(node: JsonSchema, path: string): void {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const list = this.places.get(key) ?? [];
      list.push(path);
      this.places.set(key, list);
      this.walk(child, join(path, key));
    }
    if (node.items) this.walk(node.items, path + '[]');
    if (node.additionalProperties && typeof node.additionalProperties === 'object') this.walk(node.additionalProperties, path + '{*}');
  }
}

export const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
