/** OpenAPI v3 structural schema (Kubernetes flavour) -> strict JSON Schema draft-07. */
export function toStrictJsonSchema(node: Record<string, unknown>): Record<string, unknown>;
