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
 * The same answers as check-policy.ts, but for two things an editor reads otherwise: a value written
 * `null`, which check-policy reads as unset, is taken where the field is (`type` with `null`), and a
 * required field written `null` is not said. A RetryTimeoutPolicy's `config`, which validate reads in its
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
      spec: kind === 'RetryTimeoutPolicy' ? withConfig(fromShape(spec), fromShape(RETRY_TIMEOUT_CONFIG)) : fromShape(spec),
      status: { type: 'object', description: 'Written by the server; ignored.' },
    },
  };
}

function fromShape(shape: Shape): Schema {
  switch (shape.type) {
    case 'any':
      return {};
    case 'string':
      return { type: ['string', 'null'] };
    case 'duration':
      return { type: ['string', 'null'], pattern: GO_DURATION_PATTERN };
    case 'labels':
      return { type: ['object', 'null'], additionalProperties: { type: 'string' } };
    case 'mapping':
      return { type: ['object', 'null'] };
    case 'integer':
      return { type: ['integer', 'null'], minimum: shape.min, maximum: shape.max };
    case 'number':
      return { type: ['number', 'null'] };
    case 'boolean':
      return { type: ['boolean', 'null'] };
    case 'enum':
      return { enum: [...shape.values, null] };
    case 'list':
      return { type: ['array', 'null'], items: fromShape(shape.of) };
    case 'map':
      return { type: ['object', 'null'], additionalProperties: fromShape(shape.of) };
    case 'object': {
      // at most one of each group set (a field set to null is unset): no two of them both there and not null
      const twoSet = (group: readonly string[]) =>
        group.flatMap((a, i) => group.slice(i + 1).map((b) => ({ required: [a, b], properties: { [a]: { not: { type: 'null' } }, [b]: { not: { type: 'null' } } } })));
      return {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k, fromShape(v)])),
        ...(shape.required ? { required: shape.required } : {}),
        ...(shape.oneOf ? { allOf: shape.oneOf.map((group) => ({ not: { anyOf: twoSet(group) } })) } : {}),
      };
    }
  }
}

const withConfig = (spec: Schema, config: Schema): Schema => ({ ...spec, properties: { ...(spec.properties as Schema), config } });
