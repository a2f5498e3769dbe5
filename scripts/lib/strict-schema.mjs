// OpenAPI v3 structural schemas (the Kubernetes flavour, as in CRDs) to strict JSON Schema draft-07.
// Shared by scripts/generate-schemas.mjs and the tests that validate rendered Gloo Edge resources.

const INT_RANGES = { int32: [-2147483648, 2147483647] };

/** OpenAPI v3 structural schema (Kubernetes flavour) -> strict JSON Schema draft-07. */
export function toStrictJsonSchema(node) {
  const out = {};
  if (node.description) out.description = node.description;
  let type = node.type;
  if (node['x-kubernetes-int-or-string']) type = ['integer', 'string'];
  if (type && node.nullable) type = [].concat(type, 'null');
  if (type) out.type = type;
  for (const k of ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'required']) {
    if (node[k] !== undefined) out[k] = node[k];
  }
  if (INT_RANGES[node.format]) {
    out.minimum ??= INT_RANGES[node.format][0];
    out.maximum ??= INT_RANGES[node.format][1];
  }
  for (const k of ['oneOf', 'anyOf', 'allOf']) if (node[k]) out[k] = node[k].map(toStrictJsonSchema);
  if (node.not) out.not = toStrictJsonSchema(node.not);
  if (node.properties) {
    out.properties = {};
    for (const key of Object.keys(node.properties).sort()) out.properties[key] = toStrictJsonSchema(node.properties[key]);
  }
  if (node.items) out.items = toStrictJsonSchema(node.items);
  if (typeof node.additionalProperties === 'object') out.additionalProperties = toStrictJsonSchema(node.additionalProperties);
  else if (node.additionalProperties === true || node['x-kubernetes-preserve-unknown-fields']) {
    // an open map: nothing to add
  } else if (node.type === 'object') {
    // Kubernetes prunes unknown fields of a structural object; `kubectl --validate=strict` rejects them.
    out.additionalProperties = false;
  }
  return out;
}
