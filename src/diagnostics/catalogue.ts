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
  /**
   * why the code is no longer reported, where it is not: the code keeps its entry (and its place in SARIF's
   * rule list) so that it never comes to mean something else
   */
  readonly retired?: string;
}

// what a `*` written as a glob's does in a regex (GW4050, GW5006, and gwctl discover's patterns)
const GLOB_READING = "repeats `{char}`, none or more of it, as a regex reads `*`, where a glob's `*` is any text{sample}: write `{suggestion}` for any text there";

export const CATALOGUE = {
  // ---- GW1xxx: reading input -------------------------------------------------------------------
  GW1001: {
    name: 'yaml-syntax', severity: 'error', title: 'YAML syntax error',
    message: 'YAML syntax error: {detail}',
    hint: 'Fix the YAML at this position. A document that does not parse is not checked further.',
  },
  GW1002: {
    name: 'duplicate-key', severity: 'error', title: 'Duplicate mapping key',
    message: 'duplicate key `{key}`: kubectl refuses it under its default `--validate=strict`, and with validation off silently keeps one of the two',
    hint: 'Remove one of the two entries or merge them. Keys count as Kubernetes writes them into JSON: `y` and `on` are both `true`, `012` and `10` both `10` (docs/semantics.md, "Reading YAML as Kubernetes does").',
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
    name: 'invalid-encoding', severity: 'error', title: 'File is not UTF-8 or UTF-16',
    message: 'the file is not valid {encoding}: {detail}',
    hint: 'Save the file as UTF-8, which every Kubernetes tool reads (kubectl reads UTF-16 too, after a byte order mark).',
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
    hint: 'No Gloo resource nests this deep: the file is probably generated wrongly. The document is not read (its nesting would exhaust the parser\'s stack); the file\'s other documents are.',
  },
  GW1011: {
    name: 'yaml-warning', severity: 'warning', title: 'YAML warning',
    message: 'YAML: {detail}',
    hint: 'The document parses, but not necessarily as intended; make the YAML explicit.',
  },
  GW1012: {
    name: 'unrendered-template', severity: 'error', title: 'Unrendered Helm template',
    message: 'this document holds a template action (`{{ ... }}`): it is a chart\'s template, not a manifest; not checked',
    hint: 'Validate what the chart renders: `helm template CHART | gwctl validate -`. The `templates` folder of a folder holding Chart.yaml is left out of walks, and a file named in it too; a template elsewhere can be left out with exclude in .gwctl.yaml, or --exclude-path.',
  },
  GW1013: {
    name: 'input-too-large', severity: 'error', title: 'Input larger than the limit',
    message: 'this input is larger than {limit}; not read (raise the limit with {flag})',
    hint: 'gwctl bounds what it reads so that no input can make it run without end. Split the input, or raise --max-file-size (default 64 MiB) or --max-input-size (default 512 MiB).',
  },
  GW1014: {
    name: 'yaml-1-1-value', severity: 'warning', title: 'Value Kubernetes reads otherwise than YAML 1.2',
    message: '{detail}',
    hint: 'Kubernetes reads manifests with a YAML 1.1 reader (sigs.k8s.io/yaml), and gwctl checks what it reads. Quote the value if you mean the text (`"yes"`, `"012"`); write `true`, `false` or the number in decimal if you mean those.',
  },
  GW1015: {
    name: 'unreadable-value', severity: 'error', title: 'Value Kubernetes cannot read',
    message: 'Kubernetes cannot read this document: {detail}',
    hint: 'kubectl, Helm and Argo CD refuse the document when they turn its YAML into JSON. Write the value out plainly: no float JSON cannot hold (.nan, .inf), no null or list as a key, no alias to another document\'s anchor, a tag that matches its value.',
  },
  GW1016: {
    name: 'disputed-line-break', severity: 'warning', title: 'Line break readers disagree on',
    message: '{what} is a line break to Kubernetes\' YAML reader (YAML 1.1), and an ordinary character to {others}: what follows it is on a line of its own to the cluster alone{more}',
    hint: 'Write plain line breaks (LF, or CR LF): reviewers and other tools read this file otherwise than the cluster does, and a key after such a character is hidden from them. gwctl reads the file as Kubernetes does.',
  },
  GW1017: {
    name: 'no-gloo-resources', severity: 'warning', title: 'No Gloo Platform resource in the input',
    message: 'nothing in {documents} is a Gloo Platform resource{but}{kinds}: {checked}',
    hint: 'Give the folders or files that hold the CloudProviders, CloudResources, RouteTables, VirtualGateways and Workspaces (or set `inputs` in .gwctl.yaml). A run that checks only changed files gives the rest with --context, and is not warned.',
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
    message: 'the document has neither apiVersion nor kind{more}: not a Kubernetes manifest; skipped',
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
  GW1107: {
    name: 'unknown-kind', severity: 'error', title: 'Kind misspelled in a Gloo API group',
    message: '`{kind}` is not a kind of {group}{suggestion}; the document is not checked',
    hint: 'Correct the kind. The API server refuses an object of a kind its group does not define.',
  },
  GW1108: {
    name: 'kustomize-namespace', severity: 'info', title: 'Namespace replaced by a kustomization',
    message: '{kind} {name} says namespace `{written}`, and kustomize builds it into `{namespace}`: {kustomization} names this file and sets `namespace: {namespace}`',
    hint: 'kustomize\'s `namespace` replaces the namespace of every resource it builds (kubectl.docs.kubernetes.io, kustomization/namespace), and gwctl reads the file as built: its references and workspaces are checked in the kustomization\'s namespace. Write that namespace in the file too, or leave it out, so that the file says where it lands.',
  },
  GW1109: {
    name: 'kustomize-refused', severity: 'error', title: 'A kustomization builds what no cluster takes',
    message: '{kustomization} builds {kind} {name}{more} with `{field}: {value}`, {why}; gwctl reads the file without it',
    hint: 'kustomize does not check its `namespace`, `namePrefix` or `nameSuffix`: it writes them into every resource it builds, and the API server refuses a namespace that is no DNS label and a name with other characters than lower-case letters, digits, `-` and `.`. Correct the kustomization.',
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
    message: '`{field}` must be {describe}; got {value}{note}',
    hint: 'Correct the value: AWS and Gloo reject it in this form, or, in a reference, find nothing by it. A shell variable left in a manifest as the guides write their examples (`$ACCOUNT_ID`, in braces or not) is applied as written: expand it before the manifest is committed, or validate what the pipeline that expands it renders.',
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
  GW2011: {
    name: 'too-many-schema-problems', severity: 'error', title: 'More schema problems than reported',
    message: 'this resource has {remaining}; the first {shown} are reported',
    hint: 'Fix the problems reported and run gwctl again; a resource with this many is usually generated wrongly or is not the kind it says.',
  },
  GW2012: {
    name: 'cluster-variable', severity: 'warning', title: 'Cluster named by a shell variable',
    message: '`{field}` holds the shell variable `{variable}`: gwctl reads it as the cluster it stands for, but applied as written (kubectl does not expand it) it names no cluster, and nothing goes through it',
    hint: 'Expand it before the manifest is committed (the guides\' examples leave `$CLUSTER_NAME` for a heredoc or envsubst to fill in). Where a pipeline expands it (envsubst, Flux\'s post-build substitution), validate what the pipeline renders: `envsubst < gateway.yaml | gwctl validate --stdin-filename gateway.yaml -`.',
  },
  GW2013: {
    name: 'impossible-selector-label', severity: 'warning', title: 'Selector label no object can carry',
    message: '`{field}` selects by a label {part} {value}{note}, which no Kubernetes object can carry (a label {part} is {describe}): the selector matches nothing{effect}',
    hint: 'Write the label as the objects to select carry it. The API server refuses an object whose labels break these rules, so no object has this one; Gloo takes the selector as written and it selects nothing.',
  },
  GW2014: {
    name: 'policy-value-unreadable', severity: 'error', title: 'RetryTimeoutPolicy value the API cannot read',
    message: 'RetryTimeoutPolicy {name}: {what} {why}; Gloo Platform cannot apply the policy, and gwctl reads none of it (its routes keep the renders\' own timeout)',
    hint: 'Write the value as the API defines it (retry_timeout_policy.proto): durations as text with a unit (`30s`, `1m30s`, `1.5h`), `attempts` a whole number of retries, 0 or more, `retryOn` conditions separated by commas, `retryRemoteLocalities` true or false.',
  },
  GW2015: {
    name: 'policy-value-refused', severity: 'warning', title: 'RetryTimeoutPolicy value the API\'s rules refuse',
    message: 'RetryTimeoutPolicy {name}: {what} {why}: the 2.14 CRD does not enforce the API\'s rules, so a 2.14 API server takes the policy as written, as gwctl reads it, and a release whose CRD carries them refuses it at apply',
    hint: 'Keep to the API\'s rules (retry_timeout_policy.proto): durations of 1ms or more, in whole milliseconds; with `attempts: 0` no other retry field; a `config` with `retries` or `requestTimeout`; no empty condition in `retryOn`. To leave a route without a timeout, select it with no RetryTimeoutPolicy that sets one: Istio sets none by default.',
  },
  GW2016: {
    name: 'unknown-retry-condition', severity: 'warning', title: 'Retry condition nothing knows',
    message: 'RetryTimeoutPolicy {name} retries on `{condition}`, {what}: Istio passes it on as written and Envoy ignores it, so the policy never retries on it{suggestion}',
    hint: 'Write a condition of Envoy\'s x-envoy-retry-on or x-envoy-retry-grpc-on (`connect-failure`, `refused-stream`, `reset-before-request`, `5xx`, `gateway-error`, `unavailable`...) or an HTTP status (`503`). Envoy reads a route\'s retry conditions without refusing the unknown ones, so nothing else says this one is never met.',
  },
  GW2017: {
    name: 'policy-value-against-description', severity: 'warning', title: 'Policy value its CRD\'s description rules out',
    message: '{kind} {name}: {what} {why}, where its 2.14 CRD says "{words}" and enforces it nowhere, so the API server takes the policy{then}',
    hint: 'Keep to the rules the CRD writes in its fields\' descriptions ("Configuration constraints"): the API server does not hold a policy to them, and what Gloo Platform\'s translation makes of a value that breaks them the public sources do not say.',
  },

  // ---- GW3xxx: references and collisions ---------------------------------------------------------
  GW3001: {
    name: 'unknown-cloud-provider', severity: 'error', title: 'CloudProvider not found',
    message: 'CloudProvider `{ref}` is not in the input{suggestion}',
    hint: 'Correct the name or namespace, or add the CloudProvider to the files gwctl reads. CloudResources name a provider of their own namespace.',
  },
  GW3002: {
    name: 'logical-name-collision', severity: 'error', title: 'Two functions share a logicalName',
    message: 'logicalName `{name}` is declared twice for CloudProvider {provider}: {winner} wins (older), {loser} is ignored',
    hint: 'Rename one of the entries. Gloo keys the functions of a CloudProvider by logicalName across all of its CloudResources and marks the newer resource INVALID.',
  },
  GW3003: {
    name: 'duplicate-function', severity: 'warning', title: 'Function and qualifier declared twice',
    message: 'function `{name}` with qualifier `{qualifier}` is declared twice for CloudProvider {provider}',
    hint: 'Remove one of the entries.',
  },
  GW3004: {
    name: 'duplicate-resource', severity: 'error', title: 'Resource defined twice',
    message: '{resource} is defined twice; the API server keeps only the last one applied',
    hint: 'Remove or rename one of the two definitions.',
  },
  GW3005: {
    name: 'unknown-function', severity: 'error', title: 'Function not declared',
    message: '{what} is not declared by any CloudResources of CloudProvider {provider}{suggestion}',
    hint: 'Declare the function in a CloudResources of that provider, or correct the name.',
  },
  GW3006: {
    name: 'discovered-function', severity: 'info', title: 'Function left to discovery',
    message: 'function `{name}` (qualifier `{qualifier}`) is declared by no CloudResources; CloudProvider {provider} has discovery enabled, so Gloo may provide it',
    hint: 'Nothing to fix offline; `gwctl validate --aws` checks that the function exists.',
  },
  GW3007: {
    name: 'undeclared-function', severity: 'warning', title: 'Function declared nowhere',
    message: 'function `{name}` (qualifier `{qualifier}`) is declared by no CloudResources of CloudProvider {provider}, and its discovery is off{suggestion}',
    hint: 'Declare the function in a CloudResources (gwctl discover writes one), or enable discovery on the CloudProvider.',
  },
  GW3015: {
    name: 'function-not-discovered', severity: 'warning', title: 'Function its provider\'s discovery leaves out',
    message: 'function `{name}` (qualifier `{qualifier}`) is declared by no CloudResources of CloudProvider {provider}, and its discovery leaves it out: {why}',
    hint: 'Declare the function in a CloudResources (gwctl discover writes one), or widen the CloudProvider\'s discovery filter to take it (discovery.filter.names; latestOnly: false for its versions).',
  },
  GW3016: {
    name: 'destination-port-missing', severity: 'warning', title: 'No port for a destination of several',
    message: 'this destination names no port of {kind} {name}, which provides {ports}: the API requires one where the destination provides more than one',
    hint: 'Name the port the route or policy targets (`port.number`, or an ExternalService port\'s `port.name`): "the port on the destination object being targeted. required if the object provides more than one port" (the RouteTable CRD, and the MirrorPolicy\'s and JWTPolicy\'s of their destinations). Istio, which serves Gloo\'s routes, says the same of a VirtualService (IST0112): which port is served is not defined.',
  },
  GW3017: {
    name: 'destination-port-unknown', severity: 'warning', title: 'Destination port the destination does not provide',
    message: 'this destination targets {port} of {kind} {name}, which provides {ports}{note}',
    hint: 'Target a port the destination provides, by its number (a VirtualDestination\'s `ports[].number`, an ExternalService\'s) or an ExternalService port\'s name, or add the port to the destination. gwctl reads the VirtualDestinations and ExternalServices of its input; a route to one it does not hold, or by a `cluster`, is not asked.',
  },
  GW3018: {
    name: 'destination-object-unread', severity: 'error', title: 'Destination in a namespace Gloo reads no configuration from',
    message: 'this destination names {target}, which is in namespace `{namespace}`, from which Workspace `{workspace}` reads no Gloo configuration (configEnabled: false): Gloo ignores it{consequence}',
    hint: 'Move the VirtualDestination or ExternalService to a namespace its workspace reads configuration from, or set configEnabled: true for its namespace (and explicitly for the namespace\'s siblings), as for a CloudProvider there (GW3001).',
  },
  GW3008: {
    name: 'derived-logical-name', severity: 'info', title: 'logicalName derived',
    message: 'no logicalName: routes name this function `{name}`',
    hint: 'gwctl derives `name` for $LATEST and `name:qualifier` otherwise, the way Gloo\'s discovery names functions. Set logicalName to choose the name.',
  },
  GW3009: {
    name: 'unknown-virtual-gateway', severity: 'warning', title: 'VirtualGateway not in the input',
    message: 'VirtualGateway `{ref}` is not in the input; rendering uses the default listener{suggestion}',
    hint: 'Add the VirtualGateway to the files gwctl reads, or ignore this if it is managed elsewhere.',
  },
  GW3010: {
    name: 'duplicate-route-name', severity: 'warning', title: 'Route name used twice in a table',
    message: 'route name `{name}` is used twice in this RouteTable; Gloo renames this one `{renamed}`',
    hint: 'Give every route of a table its own name: policies, route selectors and metrics refer to routes by name, and Gloo renames duplicates to `duplicate-<name>-<n>`.',
  },
  GW3011: {
    name: 'both-unwraps', severity: 'warning', title: 'unwrapAsAlb and unwrapAsApiGateway both set',
    message: 'both unwrapAsAlb and unwrapAsApiGateway are set; unwrapAsAlb wins',
    hint: 'Keep the one that matches the response format of the function.',
  },
  GW3012: {
    name: 'documented-logical-name', severity: 'info', title: 'logicalName in Gloo\'s documented spelling',
    message: 'logicalName `{name}` matches the entry for function `{function}` qualifier `{qualifier}` (derived as `{derived}`), in the spelling Gloo documents: name and qualifier run together',
    hint: 'Nothing to fix. Set logicalName on the CloudResources entry to give the function one unambiguous name.',
  },
  GW3013: {
    name: 'ambiguous-function', severity: 'error', title: 'Function name declared in several accounts or regions',
    message: 'function `{name}` (qualifier `{qualifier}`) is declared for CloudProvider {provider} only by ARN, in {count} accounts or regions ({places}), and {user} names it by name alone{replaced}',
    hint: 'Name the function by its ARN where the route or policy names it (function: arn:aws:lambda:REGION:ACCOUNT:function:NAME), as the CloudResources entry meant does.',
  },
  GW3014: {
    name: 'unknown-region', severity: 'warning', title: 'A region AWS does not have',
    message: 'region `{region}` is not one AWS has, as {sdk} knows its regions: the gateway would call {endpoint}, which no region answers{suggestion}',
    hint: 'Correct the name (`aws account list-regions` lists them). A region newer than the AWS SDK gwctl ships is reported too: suppress this code for the provider until gwctl is updated.',
  },

  // ---- GW4xxx: delegation and routes -------------------------------------------------------------
  GW4001: {
    name: 'delegated-table-with-hosts', severity: 'error', title: 'Delegated table declares hosts or gateways',
    message: '{table} is delegated to by {parent}, but declares {fields}; a delegated table must leave them empty',
    hint: 'Remove hosts and virtualGateways from the delegated table: it inherits them from its parent. Reported once per table, at the first delegate that selects it.',
  },
  GW4002: {
    name: 'unreachable-table', severity: 'warning', title: 'RouteTable is reached by nothing',
    message: '{table} has no hosts and no delegation selects it: its routes are never served',
    hint: 'Give it hosts, or check the labels and names the parent\'s delegate selects.',
  },
  GW4003: {
    name: 'no-virtual-gateway', severity: 'info', title: 'RouteTable attached to no gateway',
    message: '{table} names no virtualGateways; gwctl renders it on the default listener',
    hint: 'In Gloo Platform a table without virtualGateways applies to sidecars, not to a gateway. Name the VirtualGateway to serve it at the edge.',
  },
  GW4004: {
    name: 'empty-delegation', severity: 'warning', title: 'Delegation selects no table',
    message: 'this delegate selects no RouteTable, so the route serves nothing (404){detail}',
    hint: 'Check the selector\'s labels, name, namespace and workspace against the tables in the input. When the child tables live in files not named on the command line, pass them with --context.',
  },
  GW4005: {
    name: 'delegation-cycle', severity: 'error', title: 'Delegation cycle',
    message: 'delegation cycle: {cycle}; the route that closes it is replaced by a direct response 500',
    hint: 'Break the cycle: a table must not delegate, directly or not, to itself.',
  },
  GW4006: {
    name: 'matcher-conflict', severity: 'error', title: 'Parent and child matchers conflict',
    message: 'this matcher conflicts with the delegating route {parent}: {detail}; the parent route is replaced by a direct response 500',
    hint: 'A child route only matches traffic that matches its parent too. Make the child\'s matchers compatible: prefixes concatenate, headers and methods must agree.',
  },
  GW4007: {
    name: 'shadowed-route', severity: 'warning', title: 'Route never reached',
    message: 'route `{route}` is never reached on {host}: route `{by}` before it matches every request it matches',
    hint: 'Move the narrower route first, or (with delegation) use sortMethod ROUTE_SPECIFICITY.',
  },
  GW4008: {
    name: 'weights-not-100', severity: 'error', title: 'Destination weights do not add up to 100',
    message: 'the weights of the destinations add up to {sum}{detail}',
    hint: 'Make the weights of a route\'s destinations add up to 100, or leave some unweighted to share the remainder.',
  },
  GW4009: {
    name: 'lone-weight', severity: 'info', title: 'Weight on a single destination',
    message: 'a weight on the only destination of a route has no effect',
    hint: 'Remove the weight, or add the second destination of the canary.',
  },
  GW4010: {
    name: 'zero-share', severity: 'error', title: 'No remainder for an unweighted destination',
    message: 'the weighted destinations add up to {sum}, leaving {remainder} for {count} unweighted destination(s); each needs at least 1',
    hint: 'Gloo spreads what the weights leave over the unweighted destinations, at least 1 each; with nothing left the route is invalid. Lower a weight, give this destination one, or remove it.',
  },
  GW4011: {
    name: 'route-without-action', severity: 'warning', title: 'Route without an action',
    message: 'route `{route}` has no action (forwardTo, delegate, redirect or directResponse): it is not served',
    hint: 'Give the route one action.',
  },
  GW4012: {
    name: 'unsupported-action', severity: 'warning', title: 'Action gwctl does not render',
    message: 'route `{route}` uses {action}, which gwctl does not model; {effect}',
    hint: 'Nothing to fix for Gloo Platform itself; no rendered output serves this route. An HTTP route (graphql) is answered 500 in gwctl\'s model and every output, so that its requests do not fall through to the routes after it; a TCP or TLS route is left out.',
  },
  GW4013: {
    name: 'table-not-allowed', severity: 'warning', title: 'Listener does not admit the table',
    message: '{table} attaches to {listener}, whose allowedRouteTables do not admit its hosts {hosts}: they are not served there',
    hint: 'Add an allowedRouteTables entry for the host on the VirtualGateway listener, or attach the table elsewhere.',
  },
  GW4014: {
    name: 'no-destination', severity: 'error', title: 'forwardTo without a destination',
    message: 'forwardTo has no destinations and the RouteTable has no defaultDestination',
    hint: 'List a destination, or set spec.defaultDestination.',
  },
  GW4015: {
    name: 'invalid-route-regex', severity: 'error', title: 'Route regex rejected by RE2',
    message: 'RE2 rejects this regular expression: {detail}',
    hint: 'Envoy matches routes with RE2: no backreferences, no lookaround. Rewrite the expression. The route is replaced by a 500; `render --force` writes it without a matcher that holds the expression, which Envoy would refuse with every route beside it.',
  },
  GW4016: {
    name: 'path-without-slash', severity: 'warning', title: 'Path matcher without a leading slash',
    message: '{kind} `{value}` {problem}, so it never matches',
    hint: 'Start the path with `/`.',
  },
  GW4017: {
    name: 'suffix-matcher', severity: 'warning', title: 'Suffix path matcher',
    message: 'Gloo Platform does not support `uri.suffix`; gwctl matches it as the regex `{regex}`',
    hint: 'Write the matcher as `uri.regex` so that Gloo and gwctl agree.',
  },
  GW4018: {
    name: 'selector-selects-nothing', severity: 'info', title: 'One delegate selector matches no table',
    message: 'this selector matches no RouteTable{detail}; the delegate\'s other selectors do',
    hint: 'Nothing to fix if the selector is wired for a team that comes later: the selectors of a delegate are ORed.',
  },
  GW4019: {
    name: 'ignore-case-on-regex', severity: 'info', title: 'ignoreCase on a regex matcher',
    message: '`ignoreCase` has no effect on a regex match: `{regex}` matches case-sensitively',
    hint: 'Write the case-insensitivity into the expression with `(?i)`, or use a prefix or exact matcher.',
  },
  GW4020: {
    name: 'method-case', severity: 'warning', title: 'Method not in upper case',
    message: 'method `{method}` never matches: clients send `{upper}`, and Envoy compares the method exactly',
    hint: 'Write the method in upper case.',
  },
  GW4021: {
    name: 'east-west-table', severity: 'info', title: 'RouteTable for sidecars (east-west)',
    message: '{table} selects workloads and names no virtualGateways: it routes traffic from sidecars, not at a gateway; gwctl does not render it',
    hint: 'Nothing to fix for mesh routing. To serve these hosts at the edge, name a VirtualGateway.',
  },
  GW4022: {
    name: 'delegation-too-deep', severity: 'error', title: 'Delegation nested too deep',
    message: 'delegation nests more than {limit} tables deep here; gwctl does not follow it further, and replaces this route by a direct response 500',
    hint: 'Gloo sets no such limit, but no real configuration comes near it: a chain this long is generated by mistake. Flatten the chain, or delegate by label from one table to many.',
  },
  GW4023: {
    name: 'too-many-routes', severity: 'error', title: 'Delegation flattens to too many routes',
    message: 'this table\'s delegation expands to more than {limit} routes (a delegated route counts once for each pair of its parent\'s matchers and its own); gwctl stops there and serves none of its routes',
    hint: 'Delegation by label multiplies: every table a level selects gets every table the next level selects; so do matchers, as a delegated route gets every pair of its parent\'s and its own. Select fewer tables per level (by name, or with narrower labels), and fewer matchers on routes that delegate.',
  },
  GW4024: {
    name: 'frozen-route-table', severity: 'error', title: 'A misconfigured route freezes the table tree',
    message: 'failureMode is FREEZE_CONFIG and route `{route}` of this table\'s tree is misconfigured ({code}): Gloo serves every route of this table and of the tables it delegates to from their last accepted configuration, and no change to them takes effect until it is fixed ({count} misconfigured in all)',
    hint: 'Fix the misconfigured routes (their own findings say how). Under FREEZE_CONFIG one of them holds back every update to the tree, the valid ones included; under ROUTE_REPLACEMENT (the default) each would answer 500 alone, as gwctl shows them.',
  },
  GW4025: {
    name: 'listener-without-http', severity: 'warning', title: 'Listener without `http`',
    message: 'listener {port} sets neither `http` nor `tcp`: Gloo reads it as a TCP listener, and it serves no HTTP route',
    hint: 'Add `http: {}` to a listener that should serve the RouteTables attached to this gateway (virtual_gateway.proto: "the listener type is tcp (`tcp` is set, or neither `tcp` nor `http` is set)").',
  },
  GW4026: {
    name: 'gateway-without-http-listener', severity: 'warning', title: 'Gateway with no HTTP listener',
    message: '{table} is attached to VirtualGateway {ref}, which has {why}: gwctl shows its routes on no listener of that gateway',
    hint: 'Give the gateway a listener with `http: {}` and `port.number`. A port given by name is resolved by Gloo from the gateway\'s Service, which manifests do not hold: gwctl cannot place routes on it. Where the gateway has such listeners, the findings on it say why each serves no HTTP route (a TLS mode that passes connections through, a value the schema refuses...).',
  },
  GW4027: {
    name: 'regex-match-path-rewrite', severity: 'warning', title: 'pathRewrite after a regex match',
    message: 'pathRewrite `{rewrite}` with the regex matcher `{regex}`: Gloo Platform does not rewrite the path of a regex match ("Rewriting the path when a regex matcher is used is currently unsupported"); gwctl\'s outputs replace the whole path',
    hint: 'Use `regexRewrite` with a pattern of the whole path (`^.*$` and the new path as its substitution), which Gloo supports, or a prefix or exact matcher.',
  },
  GW4028: {
    name: 'root-only-field-on-delegated-table', severity: 'warning', title: 'A field for root tables on a delegated table',
    message: '{table} is delegated to, and sets {fields}: Gloo takes these from the root table only ("For delegated child route tables, this field must be empty or unset"), so they do nothing here',
    hint: 'Set these fields on the root table, which controls them for every table it delegates to, and remove them here; newer Gloo versions refuse the table when it sets them without hosts.',
  },
  GW4029: {
    name: 'listener-port-clash', severity: 'error', title: 'Two listeners of a gateway that cannot share a port',
    message: 'this listener binds port {port} like an earlier listener of the VirtualGateway, and {reason}: Gloo refuses it, and gwctl serves the earlier one alone',
    hint: 'Give each listener on a port the same appProtocol and its own first host (the host of its first allowedRouteTables entry), or merge them into one listener with several allowedRouteTables entries.',
  },
  GW4030: {
    name: 'listener-tls-mode-unserved', severity: 'warning', title: 'TLS mode under which gwctl serves no HTTP route',
    message: 'listener {port} has TLS mode {mode}: the gateway does not terminate TLS with a certificate of its own there (PASSTHROUGH and AUTO_PASSTHROUGH pass the connection on by SNI; ISTIO_MUTUAL uses the mesh\'s certificates, which no output of gwctl can name), so gwctl serves no HTTP route on it',
    hint: 'Set `mode: SIMPLE` (or MUTUAL, OPTIONAL_MUTUAL) with `files` or `secretName` for a listener that serves the RouteTables\' HTTP routes (a `tls` without `mode` is PASSTHROUGH); route passed-through connections with `tls` routes.',
  },
  GW4031: {
    name: 'subject-alt-names-unchecked', severity: 'warning', title: 'verifySubjectAltName that checks nothing',
    message: 'listener {port} sets verifySubjectAltName, but {why}: no client certificate is checked against these names',
    hint: 'Use mode MUTUAL (or OPTIONAL_MUTUAL), with the CA that signs the client certificates (`files.caCerts`, or the Secret\'s `ca.crt`), or remove verifySubjectAltName.',
  },
  GW4032: {
    name: 'listener-app-protocol', severity: 'error', title: 'appProtocol Gloo refuses for an HTTP listener',
    message: 'listener {port} has appProtocol `{appProtocol}`; an HTTP listener {tls} `tls` takes none or {allowed} (virtual_gateway.proto, app_protocol): Gloo refuses it, and gwctl serves nothing on it',
    hint: 'Remove appProtocol (Gloo infers HTTP, or HTTPS with tls), or set one of the values named; TCP, TLS and the database protocols are for `tcp` listeners.',
  },
  GW4033: {
    name: 'zero-weight', severity: 'warning', title: 'A weight of 0 is no weight',
    message: '`weight: 0` is the same as no weight to Gloo (a proto3 integer, references.proto): this destination shares what the other weights leave, at least 1, instead of getting nothing',
    hint: 'Gloo cannot send a destination 0% of a route: remove the destination to stop its traffic, or give it the share it should have.',
  },
  GW4034: {
    name: 'empty-match-value', severity: 'warning', title: 'An empty matcher value is no value',
    message: '`value: ""` is the same as no value to Gloo (a proto3 string, http_matchers.proto): this matcher requires the {matched} `{name}` with any value, not an empty one',
    hint: 'Leave `value` out to match any value; to require an empty one, write `value: "^$"` with `regex: true`.',
  },
  GW4035: {
    name: 'direct-body-too-large', severity: 'error', title: 'Direct response body over 1 MiB',
    message: 'this body is {size} bytes in UTF-8: Gloo\'s gateway refuses every route of a configuration that holds a direct response body over {maximum} bytes (the CRD counts characters, not bytes)',
    hint: 'Keep direct response bodies under 1 MiB in UTF-8 (characters outside ASCII take 2 to 4 bytes each), or serve a large page from a destination.',
  },
  GW4036: {
    name: 'matcher-name-refused', severity: 'error', title: 'Header or query matcher Envoy refuses',
    message: 'this {matched} matcher {problem}: Envoy refuses the route configuration that holds it, so gwctl replaces the route with a 500',
    hint: 'Name the header or query parameter the route matches on; a header name holds no line break or NUL. `render --force` writes the route without the matcher.',
  },
  GW4037: {
    name: 'direct-status-informational', severity: 'error', title: 'Direct response status below 200',
    message: 'direct response status {status}: Gloo takes 200 to 599 (route_table.proto), though the CRD allows 100, and Envoy refuses a route configuration with a lower one; gwctl replaces the route with a 500',
    hint: 'A direct response is a final answer: use a status from 200 to 599 (204 for an empty answer).',
  },
  GW4038: {
    name: 'prefix-rewrite-slash', severity: 'warning', title: 'A prefix rewrite that doubles or drops a slash',
    message: 'pathRewrite `{rewrite}` after the prefix `{prefix}`: Envoy replaces the characters the prefix matched, so `{example}` reaches the destination as `{sent}`',
    hint: 'End the prefix and the rewrite alike, both with `/` or neither (the prefix `/httpbin/` with the rewrite `/`), and give the path without its last `/` a route of its own if it is served; or use regexRewrite, which replaces what its pattern matches (`^/httpbin/?` with `/`).',
  },
  GW4039: {
    name: 'match-name-twice', severity: 'warning', title: 'A header or query parameter matched twice in one matcher',
    message: 'this matcher names the {matched} `{name}` a second time{spelled}: Gloo Platform hands a matcher to Istio as a VirtualService match, whose {matched}s are a map by name, so the two conditions may become one (which one is Gloo\'s choice); gwctl and its Envoy and Gloo Edge outputs require both',
    hint: 'Match each header or query parameter once per matcher: state both conditions in one regex, or write two matchers where either may match.',
  },
  GW4040: {
    name: 'destination-twice', severity: 'warning', title: 'A route names one destination twice',
    message: 'this destination, {destination}, is destination {position} of the route again: its {weight}% goes to the same backend, {sum}% in all',
    hint: 'In a canary each destination names another version: give this one the qualifier or function it was meant to have, or remove it and give the first its weight.',
  },
  GW4041: {
    name: 'rewrite-group-missing', severity: 'warning', title: 'A regexRewrite names a group its pattern does not have',
    message: 'substitution `{substitution}` names group \\{wanted}, and the pattern `{pattern}` has {groups}: RE2 then replaces nothing, so the path is sent on as it came',
    hint: 'Number the groups as the pattern has them (`\\1` for its first parenthesised group), or add the group to the pattern.',
  },
  GW4042: {
    name: 'rewrite-not-a-path', severity: 'warning', title: 'A pathRewrite that does not start with /',
    message: 'pathRewrite `{to}` does not start with `/`: Envoy puts it in place of what the matcher took, so the destination receives `{receives}`, which is not a path',
    hint: 'Start the rewrite with `/` (`/v2` rather than `v2`).',
  },
  GW4043: {
    name: 'matcher-port-unserved', severity: 'warning', title: 'A matcher of a port no listener of its route has',
    message: 'a matcher of route `{route}` is for port {matcherPort}, and the listeners that serve the route are on {listenerPorts}: {outcome}',
    hint: 'A matcher\'s `port` is the port of the gateway listener a request comes in on, not the destination\'s: use the port of a listener that serves the route, or leave `port` out.',
  },
  GW4044: {
    name: 'too-many-served-routes', severity: 'error', title: 'The listeners serve too many routes in all',
    message: 'the listeners serve more than {maxRoutes} routes in all (a table\'s routes count again on every listener and host that serves them); gwctl stops at host `{host}` of listener {listener}: it and the hosts and listeners after it are not served (raise the limit with --max-routes)',
    hint: 'Attach each table to the listeners and hosts that need it: a table on a hundred gateways of ten listeners serves its routes a thousand times over.',
  },
  GW4045: {
    name: 'matcher-unsendable', severity: 'warning', title: 'A matcher no request can meet',
    message: 'this matcher needs {what}, which no request holds when the gateway routes it: Envoy loads the route and no request ever matches this matcher',
    hint: 'Write the path as the gateway routes it: percent-encoded (`/a%20b` for `/a b`, `/caf%C3%A9` for `/café`), letters, digits and `-._~` unescaped, without dot segments; or match it with a regex. Name a header and a method by an HTTP token (letters, digits and !#$%&\'*+-.^_`|~), and write a header value without a control character but a tab (a YAML block scalar `|` or `>` ends with a line break; `|-` and `>-` do not), and a Host as a request sends it: a host and its port, not a URL. Match a query value as sent: `hello(%20|\\+)world` for `hello world`, one parameter per matcher entry.',
  },
  GW4050: {
    name: 'regex-reads-as-glob', severity: 'warning', title: 'Matcher or rewrite regex written as a glob',
    message: `\`{piece}\` in the regex \`{pattern}\` ${GLOB_READING}`,
    hint: 'Path, header and query regexes are RE2 regular expressions matched against the whole value, and a regexRewrite pattern is searched for in the path: `.*` is any text, `[^/]*` any text within one path segment, and `*` alone repeats the character before it.',
  },
  GW4051: {
    name: 'path-reads-as-glob', severity: 'warning', title: 'Path written as a glob',
    message: 'the {kind} path `{path}` holds `*`, which Envoy compares as an asterisk, as written, where a glob\'s `*` is any text: it matches {what}; write {fix}',
    hint: 'An exact or prefix path is compared character by character. For any path below a folder, the prefix ends with its `/`; for a segment of any name in the middle, or any text, match with a regex (`[^/]*` a segment, `.*` any text).',
  },
  GW4052: {
    name: 'value-reads-as-regex', severity: 'warning', title: 'A regex compared as text',
    message: 'the {field} `{value}` is compared as written, character for character, yet holds {construct}, as a regex does: it matches {matches}; {fix}',
    hint: 'A path is a regex under `uri.regex`, not `uri.exact` or `uri.prefix`; a header or query parameter value is one with `regex: true` beside it.',
  },
  GW4053: {
    name: 'direct-redirect-loop', severity: 'warning', title: 'A direct response that redirects to itself',
    message: 'direct response status {status} is a redirect with no target: Envoy gives a 3xx direct response a `Location` of the request\'s own URL, so a client that follows it asks for the same URL again, without end',
    hint: 'For a redirect, write `redirect` (hostRedirect, pathRedirect, responseCode); for a page that says where something went, answer 200, or 410 for what is gone.',
  },
  GW4054: {
    name: 'header-value-spaced', severity: 'warning', title: 'A header value with whitespace at its ends',
    message: 'the value of `{name}` {shape}, which Envoy strips from the header of an HTTP/1 request before routing: {consequence}',
    hint: 'Write the value without the whitespace at its ends (`"application/json"`, not `"application/json "`); a regex (`regex: true`) such as `\\s*application/json\\s*` takes both.',
  },
  GW4046: {
    name: 'listener-tls-files-incomplete', severity: 'error', title: 'Listener TLS files Istio refuses',
    message: 'listener {port} has TLS mode {mode} from `files` without {missing}: Istio refuses the gateway ("{istio}"), so Gloo serves nothing on this listener, and gwctl serves no route on it',
    hint: 'Give `files.serverCert` and `files.privateKey`, and for MUTUAL and OPTIONAL_MUTUAL `files.caCerts`, the CA that signs the client certificates; or take them all from a Secret (`secretName`, whose `ca.crt` holds the CA).',
  },
  GW4047: {
    name: 'policy-selects-no-route', severity: 'warning', title: 'Policy selects no route',
    message: '{kind} {name} applies to {applies}, and no route the gateways serve is one: Gloo applies it to nothing{security}',
    hint: 'Give the routes it is meant for the labels it selects: on the route, on its RouteTable, or on a route or table that delegates to it (they inherit them); or correct the selector. If those routes are in files not given, validate them together.',
  },
  GW4048: {
    name: 'condition-always-met', severity: 'warning', title: 'An inverted header condition every request meets',
    message: 'no request carries {what}, so this inverted condition is met by every request: it excludes nothing',
    hint: 'Name the header as requests carry it (letters, digits and !#$%&\'*+-.^_`|~: `x-admin`, not `x admin`), and write a value a request may hold: no control character but a tab (a YAML block scalar `|` or `>` ends with a line break; `|-` and `>-` do not).',
  },
  GW4049: {
    name: 'listener-selector-unnameable', severity: 'warning', title: 'A listener\'s table selector no table can meet',
    message: 'this allowedRouteTables entry of listener {port} admits no table: {why}',
    hint: 'Write the namespace and the name as Kubernetes names them, in lower case, and name a workspace of the Workspaces given.',
  },
  GW4055: {
    name: 'retries-run-function-again', severity: 'warning', title: 'Retries that run a function again',
    message: '{kind} {name} retries route `{route}`{more} on {conditions}, up to {attempts} times: the function\'s own answer is the HTTP status the router decides on, so a function that ran and answered so runs again',
    hint: 'Retry a route to Lambda only on what never reached the function: `retryOn: connect-failure,refused-stream,reset-before-request` (what gwctl\'s own outputs retry; all three on the list of conditions the RetryTimeoutPolicy\'s 2.14 CRD supports), or leave the routes to Lambda out of the policy\'s selector. A function that is safe to run twice (idempotent) may keep them: suppress this code for the policy.',
  },
  GW4056: {
    name: 'retry-policies-overlap', severity: 'warning', title: 'Two RetryTimeoutPolicies select one route',
    message: '{kind} {name} and {other} both select route `{route}`{more}: only one RetryTimeoutPolicy applies to a route, the older, and Gloo puts the other in a FAILED state; which is older the manifests do not say',
    hint: 'Make the selectors disjoint (a label only one policy selects), or merge the two policies into one. Where the overlap is meant, the older policy decides: check which it is with `kubectl get retrytimeoutpolicies -A --sort-by=.metadata.creationTimestamp`.',
  },
  GW4057: {
    name: 'policy-selects-no-destination-route', severity: 'warning', title: 'Policy selects routes by a destination none forwards to',
    message: '{kind} {name} selects the routes that forward to {picks}, and no route the gateways serve forwards to one: Gloo applies it to nothing{security}',
    hint: 'A selector of destinations (`withDestinations`, or a HeaderManipulationPolicy\'s `applyToRouteDestinations[].onDestinations`) selects a Service, a VirtualDestination or an ExternalService (DestinationKind), never a Lambda function, a direct response or a redirect. To apply the policy to Lambda routes, select them by label (`applyToRoutes[].route.labels`); otherwise correct the selector, or validate it with the files that hold the routes it is meant for.',
  },
  GW4058: {
    name: 'policy-selects-nothing-by-kind', severity: 'warning', title: 'Policy its own API applies to nothing',
    message: '{kind} {name} has no `{field}` ({words}: {proto}): the policy applies to nothing',
    hint: 'A policy of most kinds applies to every route, destination or workload of its workspace when it selects none; these kinds do not (their protos in solo-io/solo-apis, api/gloo.solo.io/policy/v2/). Add the selector the policy was written for, or remove the policy.',
  },
  GW4059: {
    name: 'policy-destination-kind-unsupported', severity: 'warning', title: 'Policy selects a destination kind its kind does not apply to',
    message: '{kind} {name} selects {selected} here, and its kind applies to {supported} only ("{says}"): this selector selects nothing',
    hint: 'A DestinationSelector selects Kubernetes Services unless its `kind` names another (SERVICE is the default). Name a kind the policy applies to, or move the destinations to a policy of a kind that applies to them; as written, Gloo applies the policy to none of them.',
  },
  GW4060: {
    name: 'origin-suffix-unsupported', severity: 'warning', title: 'Origin matched by a suffix Gloo Platform does not support',
    message: '{kind} {name} matches origins ending in `{suffix}` by `suffix` in `{field}`, which Gloo Platform does not support ("Warning! Suffix-based matching is not currently supported in Gloo Platform"): the API server takes the policy, and the origin is not matched as written; `regex: {regex}` matches the same origins',
    hint: 'Match the origins with a `regex` (RE2, matched against the whole origin: `.*` and the suffix with its dots escaped), or list them with `exact`.',
  },
  GW4061: {
    name: 'rate-limit-limits-nothing', severity: 'warning', title: 'RateLimitPolicy that limits no request',
    message: '{kind} {name} has no `{field}` ("{words}", its 2.14 CRD): the API server takes it, Gloo applies it to its routes, and no request is limited',
    hint: 'A RateLimitPolicy limits requests with three things: the rules that make a request\'s descriptors (a RateLimitClientConfig named in `config.ratelimitClientConfig`, or the same rules inline in `config.raw`), the limits of those descriptors (a RateLimitServerConfig named in `config.ratelimitServerConfig`), and the server that counts them (`config.serverSettings`, or the default). Name what is missing.',
  },

  // ---- GW5xxx: allowedRoutes filters (and discovery's) -------------------------------------------------------------
  GW5001: {
    name: 'invalid-filter-regex', severity: 'error', title: 'Filter regex rejected by RE2',
    message: 'RE2 rejects this regular expression: {detail}',
    hint: 'The regexes of allowedRoutes filters and of a CloudProvider\'s discovery.filter.names are RE2: no backreferences, no lookaround.',
  },
  GW5002: {
    name: 'match-all-filter', severity: 'warning', title: 'Filter allows everything',
    message: '`{pattern}` matches every {subject}: this {field} filter allows everything',
    hint: 'Remove the catch-all entry and list what the delegated team may use.',
  },
  GW5003: {
    name: 'route-not-allowed', severity: 'error', title: 'Route rejected by an allowedRoutes filter',
    message: '{destination} is not allowed by the allowedRoutes of {parent}: {detail}; the route is replaced by a direct response 500',
    hint: 'Route to a function the delegating team allows, or ask it to widen its filter.',
  },
  GW5004: {
    name: 'filter-role-unknown', severity: 'error', title: 'iamRoles filter on an unknown role',
    message: '{destination} cannot be checked against the iamRoles filter of {parent}: {detail}; failing closed, the route is replaced by a direct response 500',
    hint: 'Set spec.aws.lambda.invokeRoleName on the CloudProvider (or the gloo.solo.io/defaultInvokeRole annotation on the RouteTable) so the role is known.',
  },

  GW5006: {
    name: 'filter-regex-reads-as-glob', severity: 'warning', title: 'Filter regex written as a glob',
    message: `\`{piece}\` in the {field} pattern \`{pattern}\` ${GLOB_READING}`,
    hint: 'allowedRoutes and discovery patterns are RE2 regular expressions matched against the whole name: `.*` is any text, and `*` alone repeats the character before it.',
  },
  GW5005: {
    name: 'filter-matches-nothing', severity: 'warning', title: 'Filter entry allows nothing',
    message: '`{pattern}` matches no {subject}: {reason}; this {field} entry allows nothing',
    hint: 'In RE2 `^` is the beginning of the text and `$` its end, so no character can come before a `^` or after a `$`: a shell variable left unexpanded, such as `$ROLE_PATTERN`, is such a pattern. iamRoles matches the invoke role\'s name and lambdaFunctions the function\'s name, neither an ARN. Correct the pattern, or remove the entry.',
  },

  // ---- GW6xxx: workspaces ------------------------------------------------------------------------
  GW6001: {
    name: 'namespace-in-two-workspaces', severity: 'error', title: 'Namespace claimed by two workspaces',
    message: 'namespace `{namespace}` is claimed by workspaces {first} and {second}',
    hint: 'A namespace belongs to one workspace: narrow the globs of one of them.',
  },
  GW6002: {
    name: 'not-exported', severity: 'error', title: 'Reference across workspaces without an export',
    message: '{target} is in workspace `{owner}`, which does not export it to workspace `{consumer}`',
    hint: 'Add an exportTo entry for this resource to the WorkspaceSettings of the owning workspace.',
  },
  GW6003: {
    name: 'not-imported', severity: 'error', title: 'Reference across workspaces without an import',
    message: '{target} is exported by workspace `{owner}`, but workspace `{consumer}` does not import it',
    hint: 'Add an importFrom entry for this resource to the WorkspaceSettings of the consuming workspace.',
  },
  GW6004: {
    name: 'imported-provider-without-role', severity: 'error', title: 'Imported CloudProvider without invokeRoleName',
    message: 'CloudProvider {provider} is imported from workspace `{owner}` but sets no invokeRoleName; an imported provider must name its invoke role',
    hint: 'Set spec.aws.lambda.invokeRoleName on the CloudProvider.',
  },
  GW6005: {
    name: 'outside-workspaces', severity: 'warning', title: 'Resource in no workspace',
    message: '{resource} is in namespace `{namespace}`, which no Workspace claims',
    hint: 'Add the namespace to a Workspace. gwctl still reads the resource as visible to every workspace.',
  },
  GW6006: {
    name: 'unknown-workspace', severity: 'warning', title: 'Workspace not in the input',
    message: 'workspace `{name}` is not in the input{suggestion}',
    hint: 'Correct the name, or add the Workspace to the files gwctl reads.',
  },
  GW6007: {
    name: 'duplicate-workspace-settings', severity: 'warning', title: 'Two WorkspaceSettings for one workspace',
    message: 'workspace `{workspace}` has more than one WorkspaceSettings; gwctl merges them, Gloo does not',
    hint: 'Keep one WorkspaceSettings per workspace.',
  },
  GW6008: {
    name: 'workspace-without-namespaces', severity: 'error', title: 'Workspace clusters with no namespaces',
    message: 'this workloadClusters entry of Workspace `{workspace}` selects no namespaces: it adds none to the workspace, which Gloo reports as an error ("If you do not select any namespaces, the workspace is empty and results in an error")',
    hint: 'List the namespaces the workspace owns in these clusters (`namespaces: [{name: team-a}]`, or `{name: \'*\'}` for all of them).',
  },
  GW6009: {
    name: 'config-not-read', severity: 'warning', title: 'Resource in a namespace Gloo reads no configuration from',
    message: '{resource} is in namespace `{namespace}`, from which Workspace `{workspace}` reads no Gloo configuration (configEnabled: false): Gloo ignores it, and gwctl leaves it out',
    hint: 'Move the resource to a namespace the workspace reads configuration from, or set configEnabled: true for this namespace (and explicitly for its siblings).',
  },
  GW6010: {
    name: 'config-enabled-ignored', severity: 'warning', title: 'configEnabled: false without its siblings set',
    message: 'this configEnabled: false of Workspace `{workspace}` turns nothing off: another {level} entry leaves configEnabled unset, and then Gloo reads configuration from every {level} ("If you omit this field for any {level} ..., it is set to `true` by default")',
    hint: 'Set configEnabled explicitly (true or false) on every entry beside this one, as the Workspace API requires of the clusters of a workspace and of the namespaces of a cluster.',
  },
  GW6011: {
    name: 'namespace-labels-unknown', severity: 'warning', title: 'Workspaces select a namespace by labels the input does not hold',
    message: 'which workspace owns namespace `{namespace}` depends on its labels, and the input has no Namespace object to read them from: workspaces {first} and {others} select namespaces by labels; gwctl takes {first}',
    hint: 'Add the Namespace object, with its labels, to the files gwctl reads (or pass it with --context): gwctl then checks the workspaces\' label selectors as Gloo does.',
  },
  // ---- GW7xxx: rendering -------------------------------------------------------------------------
  GW7001: {
    name: 'envoy-role-not-expressible', severity: 'warning', title: 'Invoke role not expressible in the listener form',
    message: 'the Envoy listener form cannot assume an invoke role: functions of {providers} are invoked with the gateway\'s own credentials',
    hint: 'Render with --envoy-form upstream (Envoy 1.35+), which signs each function\'s requests as its CloudProvider\'s invoke role.',
  },
  GW7002: {
    name: 'lambda-options-approximated', severity: 'warning', title: 'Lambda options without an exact equivalent',
    message: '{target} has no exact equivalent of request {request} with response {response}; rendered as {rendered}',
    hint: 'See "Lambda options" in the README for how each option maps; choose options the target supports exactly.',
  },
  GW7003: {
    name: 'named-service-port', severity: 'warning', title: 'Service port given by name',
    message: 'Service {service} names its port `{port}`, which cannot be resolved without the Service; the destination is rendered as a direct response 503',
    hint: 'Give the port by number.',
  },
  GW7004: {
    name: 'unsupported-destination', severity: 'warning', title: 'Destination kind not rendered',
    message: '{kind} destination {name} cannot be rendered for {target}; the route is rendered as a direct response 503',
    hint: 'Route to a Kubernetes Service or a Lambda function.',
  },
  GW7005: {
    name: 'listener-tls-secret', severity: 'warning', title: 'Listener TLS from a Secret',
    message: 'listener {listener} takes its certificate from Secret `{secret}`, which gwctl cannot read; rendered with the files {certificate} and {key}{ca}',
    hint: 'Mount the certificate where Envoy reads it, or use tls.files on the VirtualGateway listener.',
  },
  GW7006: {
    name: 'lambda-host-rewrite-ignored', severity: 'warning', title: 'hostRewrite on a Lambda route',
    message: 'hostRewrite `{host}` is ignored on a route to Lambda: the Host must be the Lambda endpoint for the request signature to hold',
    hint: 'Remove hostRewrite from routes to Lambda functions.',
  },
  GW7007: {
    name: 'listener-form-rewrite', severity: 'error', title: 'Path rewrite on a Lambda route in the listener form',
    message: 'the path rewrite `{rewrite}` cannot be rendered in the Envoy listener form: the downstream aws_lambda filter signs the invoke path before the rewrite, so the signature would break (envoy issue 32101); the route is rendered as a direct response 500',
    hint: 'Render the upstream form (the default), or remove the rewrite (pathRewrite or regexRewrite) from the route to Lambda.',
  },
  GW7008: {
    name: 'envoy-version-too-old', severity: 'error', title: 'Output needs a newer Envoy',
    message: 'the output needs Envoy {needed} or later for {feature}, and --envoy-version is {chosen}',
    hint: 'Raise --envoy-version to the Envoy the gateway runs, or render what that version can run (the listener form needs 1.30, the upstream form 1.35 where it invokes a function and 1.30 where it routes to Services alone, assumed invoke roles 1.39).',
  },
  GW7009: {
    name: 'assumed-role-hangs', severity: 'error', title: 'Assumed invoke roles hang on this Envoy',
    message: 'with --envoy-version {chosen}, every request to a function invoked as an assumed role ({roles}) hangs when the gateway\'s own credentials come from IRSA, EKS Pod Identity or instance metadata: the assume-role provider never asks its base chain (envoy issue 45643, fixed in 1.39.0)',
    hint: 'Run Envoy 1.39 or later and render with --envoy-version 1.39; or give the gateway static credentials; or leave invokeRoleName unset.',
  },
  GW7010: {
    name: 'edition-difference', severity: 'info', title: 'Gloo Edge editions differ here',
    message: '{option} works on Gloo Edge Enterprise only; open-source Gloo ignores it, so the {edition} output uses {instead}',
    hint: 'Render with --gloo-edition enterprise if the gateway runs Gloo Edge Enterprise.',
  },
  GW7011: {
    name: 'static-keys-with-role', severity: 'warning', title: 'A Secret of static keys and an invoke role',
    message: 'Upstream {upstream} names roleArn {role} and --aws-secret {secret}: Gloo assumes roleArn only with STS credentials, so with static keys the function may be invoked as the keys\' identity',
    hint: 'Use service-account (IRSA) credentials with invoke roles, or drop the role and grant the keys\' identity the invoke permission.',
  },
  // ---- GW8xxx: live AWS checks (validate --aws) -------------------------------------------------
  GW7012: {
    name: 'iam-policy-too-large', severity: 'warning', title: 'Invoke policy larger than IAM allows',
    message: 'the invoke policy of role `{role}` lists {count} ARNs in {size} characters; IAM allows {maximum} in the inline policies of a role',
    hint: 'Split the routes over more invoke roles (one per team or provider), or attach the policy as several managed policies of at most 6,144 characters each.',
  },
  GW7013: {
    name: 'pod-identity-one-role', severity: 'warning', title: 'Several invoke roles trust EKS Pod Identity',
    message: '{count} invoke roles trust EKS Pod Identity ({roles}), but a service account has one Pod Identity association: the gateway gets one role that way, and must assume the others with it',
    hint: 'Render with --gateway-role set to the role associated with the gateway\'s service account: every invoke role then trusts that role, which assumes them (role chaining, as Envoy\'s assume_role_credential_provider and Pod Identity\'s target roles do).',
  },
  GW7014: {
    name: 'shared-port', severity: 'error', title: 'Listeners one proxy cannot serve on one port',
    message: 'listener {listener} shares port {port} with listener {other} in the one {target} proxy gwctl renders, and {reason}',
    hint: 'Give these listeners ports or hosts of their own, or render each gateway workload from its own input: gwctl renders all the listeners of its input into one proxy.',
  },
  GW7015: {
    name: 'optional-mutual-tls', severity: 'warning', title: 'OPTIONAL_MUTUAL rendered as MUTUAL',
    message: 'listener {listener} has TLS mode OPTIONAL_MUTUAL (a client certificate verified when one is presented); Gloo Edge verifies all or none ("If the SSL config has the ca.crt (root CA) provided, Gloo uses it to perform mTLS by default"): rendered as MUTUAL, which refuses a client without a certificate',
    hint: 'Use MUTUAL if every client has a certificate, or SIMPLE if none is checked; Gloo Edge cannot verify a certificate only when one is presented.',
  },
  GW7016: {
    name: 'policy-not-rendered', severity: 'warning', title: 'Policy not rendered',
    message: '{kind} {name} is not rendered for {target}: {applies} are served by this output without it',
    hint: 'gwctl renders routing, and the request timeout of a RetryTimeoutPolicy that selects routes by label; any other policy (authentication, rate limits, transformations, CORS, WAF, retries) is Gloo Platform\'s. Give the output the target\'s equivalent (an Envoy filter, a Gloo Edge option, a kgateway TrafficPolicy) before deploying it where the policy matters.',
  },
  GW7017: {
    name: 'security-policy-not-rendered', severity: 'error', title: 'Security policy not rendered',
    message: '{kind} {name} is not rendered for {target}: {applies} would be served by this output without it, to any caller',
    hint: 'gwctl renders routing; a security policy the gateway enforces (ExtAuthPolicy, JWTPolicy, AccessPolicy, WAFPolicy, DLPPolicy, CSRFPolicy, applied to routes, listeners or the gateway\'s own proxies) is Gloo Platform\'s, and nothing is written without it unless --force. Put the target\'s equivalent in front of the output (an Envoy ext_authz or jwt_authn filter, a Gloo Edge AuthConfig, a kgateway TrafficPolicy) before deploying it, then render with --force or suppress this code for that policy.',
  },
  GW7018: {
    name: 'sts-endpoint-not-rendered', severity: 'warning', title: 'stsEndpoint not rendered',
    message: 'CloudProvider {provider} sets stsEndpoint `{endpoint}`, which the output for {target} has no field for: the gateway gets its credentials from the STS endpoint it finds itself (Envoy: {derived}, from the region)',
    hint: 'Make the endpoint the gateway derives reach what this one does (an STS VPC endpoint with private DNS answers for sts.REGION.amazonaws.com), or keep this provider on Gloo Platform; then suppress this code for the provider.',
  },
  GW7019: {
    name: 'subset-not-rendered', severity: 'warning', title: 'Destination subset not rendered',
    message: 'route `{route}` sends to the endpoints of Service {service} labelled {subset}, which the output for {target} cannot select: it sends the route\'s requests to every endpoint of the Service',
    hint: 'Give the subset a Service of its own (its selector with the subset\'s labels) and route to that, or keep this route on Gloo Platform; then suppress this code for the route.',
  },
  GW7020: {
    name: 'empty-output', severity: 'warning', title: 'Output that serves no route',
    message: 'the output for {target} serves no route: {why}; {effect}',
    hint: 'Render the files that hold both the VirtualGateways and the RouteTables attached to them (a team\'s tables with the gateway they name, or pass the other folder with --context); a RouteTable serves its routes when it has hosts and names a VirtualGateway, or is delegated to from one that does.',
  },
  GW7021: {
    name: 'sts-outside-partition', severity: 'warning', title: 'STS the gateway cannot reach',
    message: 'the functions of CloudProvider {provider} in {region} are of partition {partition}, whose STS endpoint is {sts}; the output for {target} gets the invoke role\'s credentials for them from {derived}, the endpoint Envoy derives from the region, which no STS answers: their requests cannot be signed',
    hint: 'Keep this provider on Gloo Platform, or serve it from a gateway whose credentials need no role assumed (Envoy\'s default chain, from its environment); then suppress this code for the provider.',
  },
  GW7022: {
    name: 'lambda-outside-partition', severity: 'warning', title: 'Lambda endpoint the target cannot name',
    message: 'CloudProvider {provider} routes to functions in {region}, of partition {partition}, whose Lambda endpoint is {endpoint}; the output for {target} reaches them at {made}, the endpoint {maker} makes from the region, which answers for no function there',
    hint: 'Serve these routes from the Envoy output (`render --target envoy` names the partition\'s endpoint), or keep this provider on Gloo Platform; then suppress this code for the provider.',
  },
  GW7023: {
    name: 'pod-identity-other-account', severity: 'warning', title: 'Invoke role Pod Identity cannot give',
    message: '{what} `{role}` is in account {account}, and the EKS cluster {cluster} in {clusterAccount}: Pod Identity gives a cluster\'s pods roles of the cluster\'s own account only, so no association can use the trust policy written for it',
    hint: 'Render with --gateway-role set to a role of the cluster\'s account, the one associated with the gateway\'s service account: the invoke roles, in any account, then trust that role, which assumes them (role chaining, as Pod Identity\'s target roles do).',
  },
  GW7024: {
    name: 'inverted-headers-gloo-edge', severity: 'warning', title: 'Inverted header conditions Gloo Edge cannot write',
    message: 'a matcher of this route has {count} inverted header conditions ({names}) that a request without the header meets on Gloo Platform and not on Gloo Edge; each is written both ways for up to {maximum} of them ({matchers} matchers), and these are written as they are: requests without those headers are not served by this matcher',
    hint: 'Split the matcher, or match what the headers must be rather than what they must not be.',
  },
  GW7025: {
    name: 'retries-not-rendered', severity: 'warning', title: 'Policy retries not rendered',
    message: '{kind} {name} is rendered for {target} without what it says of retries ({written}): {applies} wait its request timeout, and retry as gwctl\'s outputs do, only what never reached the destination',
    hint: 'gwctl\'s outputs retry a failed connection, a refused stream, a reset before the request was sent and Lambda\'s throttling, never what ran (a function again). Where the policy retries more on routes to Services that are safe to repeat, render with --service-retries 5xx; where it disables retries, or retries a function, the output differs from Gloo Platform: check it before switching, then suppress this code for the policy.',
  },
  GW7101: {
    name: 'gateway-api-precedence', severity: 'warning', title: 'Gateway API precedence changes which route serves a request',
    message: 'on {host}, the Gateway API ranks route `{later}` above `{earlier}`, which Gloo matches first ({why}): a request both match, such as `{sample}`, goes to `{later}`',
    hint: 'The Gateway API orders matches by precedence, not by position. Make the earlier route at least as specific (an exact path, a longer prefix, a method or more headers), or narrow the later one, so that both orders agree.',
  },
  GW7102: {
    name: 'gateway-api-segment-prefix', severity: 'info', title: 'Path prefixes match whole segments',
    message: 'route `{route}`: {prefixes} compared by whole path segments in the Gateway API: {effect}',
    hint: 'Gloo compares prefixes character by character (`/api` matches `/apis`); kgateway segment by segment where the prefix does not end in `/` (`/api` matches `/api` and `/api/v1`), and character by character where it does (`/api/` matches `/api/v1`, not `/api`). Where a route relied on the character form, add the other path as a match of its own.',
  },
  GW7103: {
    name: 'gateway-api-inexpressible', severity: 'warning', title: 'Not expressible in the Gateway API',
    message: '{route}: {what} cannot be written for the Gateway API and kgateway; {instead}',
    hint: 'Check that the difference is acceptable for this route before switching, or change the route so that it needs only what the Gateway API can state.',
  },
  GW7104: {
    name: 'gateway-api-tls-files', severity: 'warning', title: 'TLS from files, where a Gateway takes a Secret',
    message: 'listener {listener} serves TLS from files ({files}); a Gateway listener refers to a Secret: the output names Secret `{secret}`, which must be created from them{ca}',
    hint: 'kubectl create secret tls NAME --cert=... --key=... in the Gateway\'s namespace.',
  },
  GW7105: {
    name: 'gateway-api-tls-weakened', severity: 'error', title: 'Listener TLS the rendered Gateway does not enforce',
    message: 'listener {listener} sets {what}, which the Gateway gwctl writes does not state: it would {effect}',
    hint: 'Add client certificate validation to the Gateway (`spec.tls.frontend`, with the CA in a ConfigMap) before it takes traffic, then render with --force; or keep this listener on Gloo.',
  },
  GW7106: {
    name: 'gateway-api-segment-rewrite', severity: 'warning', title: 'A prefix rewrite to `/` that drops the slash after the prefix',
    message: 'route `{route}`: kgateway rewrites the prefix `{prefix}` to `/` with the slashes after it, so `{example}` reaches the destination as `{gatewaySent}`, where Gloo sends `{sent}`',
    hint: 'kgateway writes ReplacePrefixMatch `/` as a regex rewrite of the prefix and the slashes that follow it; Gloo replaces only the characters matched. End the prefix with `/` as well (`/httpbin/` rewritten to `/`), and both send `/get` (GW4038 says the same of Gloo alone).',
  },
  GW7107: {
    name: 'gateway-api-redirect-port', severity: 'info', title: 'An HTTPS redirect that drops the port',
    message: 'listener `{redirecting}` redirects to https, and a Gateway API redirect without a port goes to 443, where Gloo keeps the port the Host header names: `{from}` is sent to `{gatewayTo}`, on Gloo to `{glooTo}`',
    hint: 'Clients that reach the listener through a load balancer on port 80 send no port, and both agree. Where clients name this port, add the port the HTTPS listener is reached on to the HTTPRoute\'s RequestRedirect (`port`).',
    retired: 'kgateway writes a RequestRedirect without a port as Envoy\'s `https_redirect` without `port_redirect` (krtcollections/builtin.go, `convertRequestRedirect`), which keeps the Host header\'s port but for the old scheme\'s default (`:80`), as Gloo\'s redirect does: `http://shop:8080/` goes to `https://shop:8080/` on both (Envoy\'s source/common/http/utility.cc, `processRequestHost`). The difference this code named does not exist.',
  },
  GW7108: {
    name: 'gateway-api-precedence-in-route', severity: 'warning', title: 'Gateway API precedence changes which match of a route rewrites the path',
    message: 'route `{route}` on {host}: the Gateway API ranks its match on {higher} above its match on {lower}, which Gloo tries first ({why}): a request both match, such as `{sample}`, has its path rewritten as after {higher} (pathRewrite `{rewrite}`)',
    hint: 'A pathRewrite replaces what the match matched: the prefix, or the whole path after an exact path or a regular expression. Gloo tries a route\'s matches in order; the Gateway API by precedence. Order the route\'s matches as the Gateway API ranks them (exact paths, then regular expressions, then longer prefixes first), so that both take the same one.',
  },
  GW8001: {
    name: 'aws-other-account', severity: 'error', title: 'Credentials of another account',
    message: 'the AWS credentials are {arn} in account {actual}, but CloudProvider {provider} is account {expected}: it could not be checked',
    hint: 'Run with credentials of the provider\'s account (--profile), one run per account, or skip it knowingly with --suppress "GW8001=CloudProvider NAMESPACE/NAME". A gate that passes what it did not check is not a gate.',
  },
  GW8002: {
    name: 'invoke-role-missing', severity: 'error', title: 'Invoke role does not exist',
    message: 'IAM role `{role}` does not exist in account {account}',
    hint: 'Create the role, or correct the name (a role name, not an ARN).',
  },
  GW8003: {
    name: 'function-missing', severity: 'error', title: 'Function, version or alias does not exist',
    message: '{what} does not exist in account {account}, region {region}',
    hint: 'Deploy or publish it, correct the name or qualifier, or run gwctl discover to list what exists.',
  },
  GW8004: {
    name: 'filter-role-unmatched', severity: 'warning', title: 'iamRoles pattern matches no role',
    message: '`{pattern}` matches none of the {count} IAM roles of account {account}{suggestion}',
    hint: 'A pattern that matches no role is probably a typo: every route it should allow is refused.',
  },
  GW8005: {
    name: 'invoke-denied', severity: 'error', title: 'Invoke role may not invoke the function',
    message: 'role `{role}` may not invoke {arn}: {detail}',
    hint: 'Allow lambda:InvokeFunction on that ARN (a qualified ARN needs `function:name:qualifier`, or `function:name:*`) in a policy of the role, and remove any Deny that matches.',
  },
  GW8006: {
    name: 'invoke-undecidable', severity: 'warning', title: 'Invoke permission depends on a condition',
    message: 'whether role `{role}` may invoke {arn} depends on {keys} in {policy}, which gwctl cannot evaluate offline',
    hint: 'Check the condition by hand; gwctl does not count it as a pass.',
  },
  GW8007: {
    name: 'aws-permission-missing', severity: 'warning', title: 'gwctl lacks a permission to check',
    message: 'could not check {what}: the credentials lack {permission}',
    hint: 'Grant gwctl\'s credentials the permission named (read-only), or suppress this code.',
  },
  GW8008: {
    name: 'resource-policy-denies', severity: 'error', title: 'Cross-account function refuses the role',
    message: 'the resource policy of {arn} (account {account}) does not allow role {role} to invoke it: {detail}',
    hint: 'In the function\'s account, add a permission for the role: aws lambda add-permission --principal <role ARN> --action lambda:InvokeFunction.',
  },
  GW8009: {
    name: 'aws-assume-role-denied', severity: 'error', title: 'Could not assume the checking role',
    message: 'could not assume {role} as {caller}: CloudProvider {provider} could not be checked',
    hint: 'Create the read-only role in that account with a trust policy that lets the CI identity assume it (docs/aws.md lists its permissions), or skip the provider knowingly with --suppress "GW8009=CloudProvider NAMESPACE/NAME".',
  },
  GW8010: {
    name: 'invoke-role-too-broad', severity: 'info', title: 'Invoke role allowed more than its routes need',
    message: 'role `{role}` is allowed more than its routes need: {detail}',
    hint: 'Replace its Lambda statements with the policy `gwctl render --target iam` emits, which allows exactly the ARNs the routes invoke. `validate --aws --strict-iam` makes this an error.',
  },
  GW8011: {
    name: 'aws-name-unchecked', severity: 'error', title: 'Not checked: a name AWS refuses',
    message: '{what} was not checked against AWS: `{value}` is not {kind}',
    hint: 'Write the name as AWS takes it (a region such as us-west-1, an IAM role name, a Lambda function name and qualifier); the schema error on the field says how. AWS looks up no other name: it answers the call with a validation error, or no endpoint answers it, either of which would end the run.',
  },
  GW8012: {
    name: 'invoke-role-trust-open', severity: 'warning', title: 'Invoke role anyone may assume',
    message: 'the trust policy of role `{role}` lets {who} assume it ({by}): whoever does invokes the routed functions as the gateway',
    hint: 'Name who may assume the role: the gateway\'s role ARN, or its service account in a `sub` condition of the OIDC provider (`gwctl render --target iam` writes such a trust policy for each invoke role). With --strict-iam this is an error.',
  },
  GW8013: {
    name: 'invoke-role-unassumable', severity: 'error', title: 'Invoke role no gateway can assume',
    message: 'the trust policy of role `{role}` lets {trusts} assume it: no identity a gateway can have (a role, a service account\'s token through an OIDC provider, EKS Pod Identity) may, so the gateway cannot assume the role and the routes that invoke as it fail',
    hint: 'An invoke role is assumed by the gateway: trust its role, its service account through the cluster\'s OIDC provider (IRSA) or EKS Pod Identity (`gwctl render --target iam` writes such a trust policy). A function\'s execution role, which the Lambda service assumes, is not an invoke role: name another role in the CloudProvider.',
  },
  GW8014: {
    name: 'pod-identity-untagged', severity: 'warning', title: 'Pod Identity may not tag the invoke role\'s session',
    message: 'the trust policy of role `{role}` lets EKS Pod Identity assume it but not tag the session ({why}): Pod Identity tags every session unless its association disables the tags, and STS then refuses it the role',
    hint: 'Allow `sts:TagSession` to `pods.eks.amazonaws.com` with `sts:AssumeRole` (AWS\'s trust policy for Pod Identity, pod-id-role.html), or create the association with session tags disabled; then suppress this code for the role.',
  },
  GW8015: {
    name: 'gateway-role-not-trusted', severity: 'error', title: 'Invoke role the gateway\'s role may not assume',
    message: 'the gateway\'s role {gateway} may not assume role `{role}`: {why}',
    hint: 'Add a statement to the role\'s trust policy that allows the gateway\'s role ARN `sts:AssumeRole` and `sts:TagSession` (`gwctl render --target iam --gateway-role` writes it). A condition gwctl cannot evaluate makes this a warning: check it by hand.',
  },
  GW8016: {
    name: 'gateway-role-untagged', severity: 'warning', title: 'The gateway\'s role may not tag the session',
    message: 'the gateway\'s role {gateway} may assume role `{role}` but not tag the session ({why}): a gateway role given by EKS Pod Identity carries its session tags into every AssumeRole it makes, and STS refuses the call',
    hint: 'Allow `sts:TagSession` with `sts:AssumeRole` (both in the role\'s trust, and in the gateway role\'s policies across accounts), as AWS\'s trust policy for a Pod Identity target role does; where the gateway\'s role comes from IRSA or an instance profile, which tag nothing, suppress this code.',
  },
  GW8017: {
    name: 'gateway-role-policy-denies', severity: 'error', title: 'The gateway\'s role may not call AssumeRole',
    message: 'the policies of the gateway\'s role {gateway} do not allow sts:AssumeRole on role `{role}` ({why}): {needed}',
    hint: 'Allow the gateway\'s role `sts:AssumeRole` and `sts:TagSession` on the invoke role\'s ARN in a policy of its own (`gwctl render --target iam --gateway-role` writes it as `AssumeInvokeRoles`), within its permissions boundary.',
  },
  GW8018: {
    name: 'gateway-role-unchecked', severity: 'warning', title: 'The gateway\'s role not checked',
    message: 'the policies of the gateway\'s role {gateway} were not read in account {account}: {why}; what they allow it to assume and invoke is not judged',
    hint: 'Run with credentials of that account, or with --assume-role naming a read-only role that exists there too; the trust policies of the invoke roles and the functions\' resource policies are judged either way.',
  },
  GW8019: {
    name: 'own-calls-unjudged', severity: 'info', title: 'Calls on the gateway\'s own credentials not judged',
    message: 'functions routed on the gateway\'s own credentials (by a CloudProvider with no invoke role): {count}; whether the gateway may invoke them is not judged without its role',
    hint: 'Give --gateway-role with the ARN of the role the gateway runs as: its policies are then read, and each call judged as an invoke role\'s is.',
  },
  GW8020: {
    name: 'function-outlasts-route', severity: 'warning', title: 'Function that may run longer than its route waits',
    message: '{what} may run for {runs} s (its timeout in Lambda), and the route waits {route} s ({from}): a request it still serves then is answered 504 while the function runs on to its end',
    hint: 'Give the route a timeout longer than the function\'s, with room for a cold start (on Gloo Platform\'s gateway a RetryTimeoutPolicy\'s `config.requestTimeout`, and its `retries.perTryTimeout` where it sets one, which ends each attempt; for the renders `--route-timeout`, or `render.routeTimeout` in .gwctl.yaml, which `validate --aws` reads too), or shorten the function\'s timeout. Against the renders\' default, where no policy selects the route, this is information.',
  },
  GW8021: {
    name: 'function-not-active', severity: 'warning', title: 'Routed function Lambda does not invoke as it stands',
    message: '{what} is {state} in Lambda{reason}: {consequence}',
    hint: 'Failed: fix what its reason names (a subnet out of addresses, an image it cannot pull, a role it cannot assume), then delete the function and create it again, as Lambda requires. Pending: run again once the deployment that created or changed it is done. Inactive: invoke it once to restore it, or keep it warm; a function idle for weeks goes inactive again.',
  },
  GW8022: {
    name: 'function-update-not-in-effect', severity: 'warning', title: 'Routed function whose last update is not in effect',
    message: '{what}: its last update is {status} in Lambda{reason}: {consequence}',
    hint: 'Failed: fix what its reason names (`aws lambda get-function-configuration` shows LastUpdateStatusReason) and deploy again; until then the routes serve the code before the update. InProgress: run again once the deployment is done.',
  },
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CATALOGUE;

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

/** The docs anchor of a code, as generated in docs/diagnostics.md. */
export function docsAnchor(code: Code): string {
  return `${code.toLowerCase()}-${CATALOGUE[code].name}`;
}
