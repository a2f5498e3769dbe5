import type { Severity } from './severity';

/**
 * Every finding gwctl can report. Codes are stable: a code is never reused for another meaning, and a
 * retired code stays here marked as such. docs/diagnostics.md and the README table are generated from this
 * list (`npm run docs`), and a test keeps them in step.
 *
 * Ranges: GW1xxx reading input, GW2xxx schema, GW3xxx references and collisions, GW4xxx delegation and
 * routes, GW5xxx allowedRoutes filters, GW6xxx workspaces, GW7xxx rendering, GW8xxx live AWS checks.
 */
export interface CodeSpec {
  /** kebab-case name, used in docs anchors and in SARIF rule names */
  readonly name: string;
  readonly severity: Severity;
  /** one line: what is wrong, for lists of rules */
  readonly title: string;
  /** message template: `{placeholder}`s are filled from the finding's arguments */
  readonly message: string;
  /** how to fix it */
  readonly hint: string;
}

export const CATALOGUE = {
  // ---- GW1xxx: reading input -------------------------------------------------------------------
  GW1001: {
    name: 'yaml-syntax', severity: 'error', title: 'YAML syntax error',
    message: 'YAML syntax error: {detail}',
    hint: 'Fix the YAML at this position. A document that does not parse is not checked further.',
  },
  GW1002: {
    name: 'duplicate-key', severity: 'error', title: 'Duplicate mapping key',
    message: 'duplicate key `{key}`: parsers disagree on which value wins, and the Kubernetes API server rejects it',
    hint: 'Remove one of the two entries or merge them.',
  },
  GW1003: {
    name: 'tab-indentation', severity: 'error', title: 'Tab used for indentation',
    message: 'a tab is used for indentation; YAML allows only spaces',
    hint: 'Replace the tabs at the start of the line with spaces.',
  },
  GW1004: {
    name: 'binary-file', severity: 'error', title: 'Binary file',
    message: 'this is a binary file, not YAML or JSON',
    hint: 'Leave binary files out of the paths given to gwctl.',
  },
  GW1005: {
    name: 'invalid-encoding', severity: 'error', title: 'File is not UTF-8',
    message: 'the file is not valid UTF-8: {detail}',
    hint: 'Save the file as UTF-8 (Kubernetes manifests are UTF-8).',
  },
  GW1006: {
    name: 'empty-file', severity: 'warning', title: 'File holds no document',
    message: 'the file holds no YAML document',
    hint: 'Remove the file, or leave it out of the paths given to gwctl.',
  },
  GW1007: {
    name: 'empty-document', severity: 'info', title: 'Empty document skipped',
    message: 'empty document (nothing between two `---` separators) skipped',
    hint: 'Remove the stray separator. Helm emits empty documents for templates that render nothing; they are harmless.',
  },
  GW1008: {
    name: 'not-a-mapping', severity: 'error', title: 'Document is not a mapping',
    message: 'the document is {actual}, not a mapping: a manifest is a mapping with apiVersion, kind and metadata',
    hint: 'Make the document a Kubernetes object, or wrap several objects in `kind: List` with `items`.',
  },
  GW1009: {
    name: 'alias-expansion', severity: 'error', title: 'Aliases expand too far',
    message: 'YAML aliases expand to too many nodes ({detail}); this is how "billion laughs" attacks exhaust memory',
    hint: 'Write the values out instead of nesting aliases of aliases.',
  },
  GW1010: {
    name: 'nesting-too-deep', severity: 'error', title: 'Nesting too deep',
    message: 'the document nests deeper than {limit} levels',
    hint: 'No Gloo resource nests this deep: the file is probably generated wrongly.',
  },
  GW1011: {
    name: 'yaml-warning', severity: 'warning', title: 'YAML warning',
    message: 'YAML: {detail}',
    hint: 'The document parses, but not necessarily as intended; make the YAML explicit.',
  },
  GW1101: {
    name: 'unknown-api-version', severity: 'error', title: 'Known kind with an unknown apiVersion',
    message: '{kind} with apiVersion `{apiVersion}` is not a version gwctl knows; expected {expected}',
    hint: 'Use one of the expected apiVersions. CloudProvider and CloudResources are networking.gloo.solo.io/v2 in Gloo Platform 2.2 and infrastructure.gloo.solo.io/v2 from 2.3 on.',
  },
  GW1102: {
    name: 'other-product', severity: 'info', title: 'Resource of another product skipped',
    message: '{kind} `{apiVersion}` belongs to {product}; skipped (gwctl checks Gloo Platform resources)',
    hint: 'Nothing to fix if the resource is meant for that product.',
  },
  GW1103: {
    name: 'missing-type', severity: 'error', title: 'apiVersion or kind missing',
    message: 'the document has {present} but no `{missing}`',
    hint: 'Every Kubernetes object needs both apiVersion and kind.',
  },
  GW1104: {
    name: 'not-a-manifest', severity: 'info', title: 'Not a Kubernetes manifest',
    message: 'the document has neither apiVersion nor kind: not a Kubernetes manifest; skipped',
    hint: 'Leave non-manifest YAML (CI configs, Helm values) out of the paths, or ignore this note.',
  },
  GW1105: {
    name: 'invalid-list', severity: 'error', title: 'List without items',
    message: '`kind: {kind}` needs an `items` array',
    hint: 'Put the objects under `items:`.',
  },
  GW1106: {
    name: 'default-namespace', severity: 'info', title: 'Namespace defaulted',
    message: '{kind} {name} has no metadata.namespace; gwctl assumes `default`, as `kubectl apply` without -n would',
    hint: 'Set metadata.namespace so that references between resources resolve the same way everywhere.',
  },

  // ---- GW2xxx: schema ----------------------------------------------------------------------------
  GW2001: {
    name: 'unknown-field', severity: 'error', title: 'Unknown field',
    message: 'unknown field `{field}` in {where}{suggestion}',
    hint: 'Remove the field or correct its spelling. Kubernetes would drop it silently, or reject it with --validate=strict.',
  },
  GW2002: {
    name: 'misplaced-field', severity: 'error', title: 'Field in the wrong place',
    message: '`{field}` is not a field of {where}: it belongs {place}',
    hint: 'Move the field to where it belongs; at this position Kubernetes drops it and its meaning is lost.',
  },
  GW2003: {
    name: 'missing-field', severity: 'error', title: 'Required field missing',
    message: '{where} is missing the required field `{field}`',
    hint: 'Add the field.',
  },
  GW2004: {
    name: 'wrong-type', severity: 'error', title: 'Value of the wrong type',
    message: '`{field}` must be {expected}, not {actual}',
    hint: 'Change the value to the expected type; quote numbers that are meant as strings (account ids).',
  },
  GW2005: {
    name: 'invalid-enum', severity: 'error', title: 'Value not among the allowed ones',
    message: '`{field}` must be one of {allowed}; got {value}{suggestion}',
    hint: 'Use one of the allowed values (they are case-sensitive).',
  },
  GW2006: {
    name: 'invalid-format', severity: 'error', title: 'Value has the wrong format',
    message: '`{field}` must be {describe}; got {value}',
    hint: 'Correct the value; AWS and Gloo reject it in this form.',
  },
  GW2007: {
    name: 'out-of-range', severity: 'error', title: 'Value out of range',
    message: '`{field}` must be {bound}; got {value}',
    hint: 'Use a value inside the range.',
  },
  GW2008: {
    name: 'exclusive-fields', severity: 'error', title: 'Mutually exclusive fields set together',
    message: '{where} sets {found}, but only one of {allowed} may be set',
    hint: 'Keep one of them; split the rest into separate entries.',
  },
  GW2009: {
    name: 'schema-violation', severity: 'error', title: 'Schema violation',
    message: '{detail}',
    hint: 'Correct the value as the message says.',
  },
  GW2010: {
    name: 'unknown-suppression', severity: 'warning', title: 'Suppression names an unknown code',
    message: 'the gwctl.dev/suppress annotation names `{code}`, which is not a gwctl diagnostic code',
    hint: 'List codes such as GW4101, separated by commas; see docs/diagnostics.md.',
  },
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CATALOGUE;

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

export function specOf(code: Code): CodeSpec {
  return CATALOGUE[code];
}

/** The docs anchor of a code, as generated in docs/diagnostics.md. */
export function docsAnchor(code: Code): string {
  return `${code.toLowerCase()}-${CATALOGUE[code].name}`;
}
