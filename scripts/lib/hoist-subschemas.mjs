// Moves every large subschema of a JSON Schema into `definitions`, replaced by a $ref; identical ones
// share one definition. Compiled by ajv with inlineRefs: false, each definition becomes a function of
// its own, which V8 compiles only when a document reaches it: a small manifest then pays for the few
// parts of a large schema it uses, not for all of it. Bottom-up, so a large subschema made of large
// subschemas becomes a function that calls theirs. Only positions that hold schemas are visited.
const SCHEMA = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);

export function hoistSubschemas(schema, minBytes = 300) {
  const definitions = {};
  const names = new Map();
  const children = (node) => {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_MAPS.has(key)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
      else if (SCHEMA_LISTS.has(key)) out[key] = value.map(visit);
      else if (SCHEMA.has(key) && value && typeof value === 'object') out[key] = visit(value);
      else out[key] = value;
    }
    return out;
  };
  const visit = (node) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    const out = children(node);
    const json = JSON.stringify(out);
    if (json.length < minBytes) return out;
    let name = names.get(json);
    if (!name) {
      name = `s${names.size}`;
      names.set(json, name);
      definitions[name] = out;
    }
    return { $ref: `#/definitions/${name}` };
  };
  return { ...children(schema), definitions };
}
