import { GROUP_KINDS, POLICY_GROUPS } from '../load/kinds';
import { POLICY_SPECS, RETRY_TIMEOUT_CONFIG, type Shape } from '../load/policy-shapes';
import { own } from '../data/own';
import { GO_DURATION_PATTERN } from '../text/go-duration';

type Schema = Record<string, unknown>;

/** The policy kinds, each with its group: the keys `gwctl schema` names them by (`policy/JWTPolicy`). */
export const POLICY_KINDS: ReadonlyArray<{ readonly kind: string; readonly group: string }> = Object.entries(GROUP_KINDS)
  .filter(([group]) => group.endsWith(POLICY_GROUPS))
  .flatMap(([group, kinds]) => kinds.map((kind) => ({ kind, group })))
  .sort((a, b) => (a.kind < b.kind ? -1 : 1));

/**
 * A policy kind's JSON Schema, for editors: the shape validate checks its `spec` against
 * (load/policy-shapes.ts, from the 2.14 CRDs and the protos) written as JSON Schema, and the metadata
 * every generated schema has (`metadata`, the generated schemas' own, passed in so that there is one).
 * The same answers as check-policy.ts: a value written `null`, which check-policy reads as unset, is
 * taken where the field is optional (`type` with `null`), and refused where it is required, an item of a
 * list or a value of a map, as check-policy refuses it. A RetryTimeoutPolicy's `config`, which validate reads in its
 * own words (retry-timeout-config.ts), is written here as that reader takes it (RETRY_TIMEOUT_CONFIG).
 */
export function policyJsonSchema(kind: string, metadata: unknown): Schema {
  const entry = POLICY_KINDS.find((p) => p.kind === kind);
  const spec = own(POLICY_SPECS, kind);
  if (!entry || !spec) throw new Error(`no policy kind ${kind}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://gwctl.dev/schemas/policy/${kind}.json`,
    title: `${kind} (${entry.group}/v2, Gloo Platform 2.14)`,
    description: 'Strict schema written by `gwctl schema` from the shapes validate checks policies against (src/load/policy-shapes.ts); unknown fields are rejected.',
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      apiVersion: { const: `${entry.group}/v2` },
      kind: { const: kind },
      metadata,
      spec: kind === 'RetryTimeoutPolicy' ? withConfig(fromShape(spec), fromShape(RETRY_TIMEOUT_CONFIG, false)) : fromShape(spec),
      status: { type: 'object', description: 'Written by the server; ignored.' },
    },
  };
}

/**
 * `shape` as JSON Schema. `nullable`: whether `null` is taken, as check-policy reads a field written
 * `null` as unset; not for a required field (GW2003 to validate), an item of a list or a value of a map
 * (GW2004: the API server refuses a `null` there, as its schema is not `nullable`).
 */
function fromShape(shape: Shape, nullable = true): Schema {
  const type = (name: string) => ({ type: nullable ? [name, 'null'] : name });
  switch (shape.type) {
    case 'any':
      return nullable ? {} : { not: { type: 'null' } };
    case 'string':
      return type('string');
    case 'duration':
      return { ...type('string'), pattern: GO_DURATION_PATTERN };
    case 'labels':
      return { ...type('object'), additionalProperties: { type: 'string' } };
    case 'mapping':
      return type('object');
    case 'integer':
      return { ...type('integer'), minimum: shape.min, maximum: shape.max };
    case 'number':
      return type('number');
    case 'boolean':
      return type('boolean');
    case 'enum':
      return { enum: nullable ? [...shape.values, null] : [...shape.values] };
    case 'list':
      return { ...type('array'), items: fromShape(shape.of, false) };
    case 'map':
      return { ...type('object'), additionalProperties: fromShape(shape.of, false) };
    case 'object': {
      // at most one of each group set (a field set to null is unset): no two of them both there and not
      // null. Of a mapping alone: `required` and `properties` hold of any value that is none, so a `null`
      // written for the whole object matched, and the `not` refused it where it is optional
      const twoSet = (group: readonly string[]) =>
        group.flatMap((a, i) => group.slice(i + 1).map((b) => ({ type: 'object', required: [a, b], properties: { [a]: { not: { type: 'null' } }, [b]: { not: { type: 'null' } } } })));
      const required = shape.required ?? [];
      return {
        ...type('object'),
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k, fromShape(v, !required.includes(k))])),
        ...(required.length ? { required } : {}),
        ...(shape.oneOf ? { allOf: shape.oneOf.map((group) => ({ not: { anyOf: twoSet(group) } })) } : {}),
      };
    }
  }
}

const withConfig = (spec: Schema, config: Schema): Schema => ({ ...spec, properties: { ...(spec.properties as Schema), config } });
