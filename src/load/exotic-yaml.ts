/**
 * What neither fast reader of YAML takes on (the quick loader in parse-documents.ts, the block index in
 * source/block-index.ts): anchors, aliases and tags (their limits and meanings are the yaml library's),
 * directives, tabs (GW1003) and document end markers, or what looks like one. An indicator counts after a
 * space, a flow indicator or `:` (`{"a":*b}`), not after `-`: a sequence entry needs a space after its
 * dash, so `shared-*`, a workspace glob, is a plain scalar.
 */
export const EXOTIC_YAML = /(?:^|[\s[\]{},:])[&*!][^\s,[\]{}]|^%|\t|^\.\.\.(?:\s|$)/m;
