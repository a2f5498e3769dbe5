import { Command, CommanderError, Option } from 'commander';
import { version } from '../../package.json';
import { HostError, UsageError } from '../errors';
import type { Host } from '../host/host';
import { nodeHost } from '../host/node-host';
import { ENVOY_DEFAULTS } from '../emit/envoy/envoy-defaults';
import { formatVersion } from '../emit/envoy/envoy-version';
import { addAwsOptions, addInputOptions, addReportOptions, byteSize, nonNegativeInteger, percent, positiveInteger, positiveNumber, roleArnOption, roleName } from './options';
import { printable } from '../text/printable';
import { redactUrls } from '../text/redact';

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * The command line. Commands are imported when run, so `gwctl --version` loads neither the schemas nor
 * the emitters nor the AWS SDK. Returns the exit code: 0 clean, 1 findings at or above the fail
 * severity, 2 usage or I/O error (and internal errors: a bug is not a finding).
 */
export async function main(args: readonly string[], host: Host): Promise<number> {
  let exitCode: number = EXIT.ok;
  let debug = args.includes('--debug');
  const output = {
    writeOut: (s: string) => host.stdout.write(s),
    writeErr: (s: string) => host.stderr.write(s),
    // commander's messages quote what was typed: a flag or argument is input too
    // (its only line breaks of its own come before a suggestion, which joins the line instead)
    outputError: (s: string, write: (s: string) => void) => write(`gwctl: ${printable(redactUrls(s.trimEnd().replace(/\n\(Did you mean /g, ' (did you mean ')))}\n`),
  };
  const program = new Command('gwctl')
    .description('Validate Gloo Platform Lambda routing, render it for Envoy, Gloo Edge or the Gateway API, test and diff its routing, discover Lambda functions.')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces of internal errors, and how many files other threads parsed')
    .showHelpAfterError('(run gwctl help for usage)')
    .exitOverride()
    .configureOutput(output);

  addAwsOptions(addReportOptions(addInputOptions(
    program
      .command('validate')
      .summary('check manifests and report every problem found')
      .description('Parse, schema-check and cross-check Gloo Platform manifests; report findings with stable codes.')
      .argument('[paths...]', 'files, directories (recursive) or - for standard input')
      .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')
      .option('--aws', 'also check against the live AWS account: roles, functions, qualifiers, invoke permissions, filters')
      .option('--region <region>', 'with --aws: the region for STS (functions are checked in their providers\' regions)')
      .option('--assume-role <name>', 'with --aws: check each provider\'s account as the role of this name in it (one CI job, many accounts)', roleName)
      .option('--strict-iam', 'with --aws: an invoke role allowed more than its routes need is an error (default: information)')
      .option('--gateway-role <arn>', 'with --aws: the role the gateway runs as: check that it may assume each invoke role and invoke the functions routed on its own credentials', roleArnOption)
      // no default here: where it was set (the command line, render.routeTimeout in the configuration, or
      // neither) decides whether a function outlasting it is a warning or information (GW8020)
      .option('--route-timeout <duration>', `with --aws: the route timeout the renders write (default ${ENVOY_DEFAULTS.routeTimeoutSeconds}s): a function whose own timeout is longer is reported`),
  ))).action(async (paths: string[], flags, command: Command) => {
    const { validate } = await import('./commands/validate');
    exitCode = await validate(host, paths, { ...flags, routeTimeoutFrom: command.getOptionValueSource('routeTimeout') });
  });

  const collect = (value: string, previous: string[]) => [...previous, value];
  addReportOptions(
    addInputOptions(
      program
        .command('routes')
        .summary('print the flattened routing table, or which route serves a request')
        .description('Resolve the manifests and print every route per listener and host, or answer --request. Findings go to stderr.')
        .argument('[paths...]', 'files, directories (recursive) or - for standard input')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .option('-o, --output <file>', 'write the table (or the answer) to this file (atomically) instead of stdout')
        .option('--request <request>', 'which route serves this request: "METHOD URL", e.g. "GET https://api.example.com/orders"')
        .option('-H, --header <header>', 'a request header for --request, "Name: value" (repeatable)', collect, []),
    ),
    '--findings-format <format>',
  ).action(async (paths: string[], flags) => {
    const { routes } = await import('./commands/routes');
    exitCode = await routes(host, paths, { ...flags, routesFormat: flags.format, routesOutput: flags.output, format: flags.findingsFormat, output: undefined });
  });

  addReportOptions(
    addInputOptions(
      addTargetOptions(program
        .command('render')
        .summary('emit Envoy, Gloo Edge or Gateway API configuration, or the invoke roles\' IAM policies, from the manifests')
        .description('Resolve the manifests and emit an Envoy v3 bootstrap, Gloo Edge Upstreams, Gateways and VirtualServices, or Gateway API resources for kgateway (Gateway, HTTPRoutes, Backends, DirectResponses, ReferenceGrants). Findings go to stderr; errors stop the output unless --force.')
        .argument('[paths...]', 'files, directories (recursive) or - for standard input')
        .addOption(new Option('-t, --target <target>', 'what to emit: envoy, gloo, gateway-api (Gateway API with kgateway), or iam (least-privilege policies of the invoke roles)').choices(['envoy', 'gloo', 'iam', 'gateway-api']))
        .option('-o, --output <file>', 'write the output to this file (atomically) instead of stdout')
        .option('--out-dir <dir>', 'write one file per resource into this directory (gloo)')
        .addOption(new Option('--output-format <format>', 'output syntax').choices(['yaml', 'json']).default('yaml'))
        .option('--force', 'render even when the input has errors: failed routes become direct responses 500')),
    ),
    '--findings-format <format>',
  ).action(async (paths: string[], flags, command: Command) => {
    // not a mandatory option to commander, which checks those before .gwctl.yaml's render.target is read
    if (flags.target === undefined) throw new UsageError(`required option '-t, --target <target>' not specified, here or as render.target in .gwctl.yaml`);
    const { render } = await import('./commands/render');
    exitCode = await render(host, paths, { ...flags, out: flags.output, format: flags.findingsFormat, outputFormatGiven: command.getOptionValueSource('outputFormat') === 'cli' });
  });

  addReportOptions(
    addInputOptions(
      addTargetOptions(program
        .command('migrate-report')
        .summary('what a move to another target keeps, changes and loses, route by route')
        .description('Resolve the manifests, render them for the target (without writing it), and report route by route what the move keeps, changes and loses: the checklist to work through before switching. Exit 1 when the input has errors.')
        .argument('[paths...]', 'files, directories (recursive) or - for standard input')
        .addOption(new Option('-t, --target <target>', 'the target to move to').choices(['gateway-api', 'gloo', 'envoy']).default('gateway-api'))
        .addOption(new Option('--format <format>', 'report format').choices(['markdown', 'json']).default('markdown'))
        .option('-o, --output <file>', 'write the report to this file (atomically) instead of stdout')),
    ),
    '--findings-format <format>',
  ).action(async (paths: string[], flags) => {
    const { migrateReport } = await import('./commands/migrate-report');
    exitCode = await migrateReport(host, paths, { ...flags, reportFormat: flags.format, out: flags.output, format: flags.findingsFormat, outputFormat: 'yaml' });
  });

  addReportOptions(
    addInputOptions(
      program
        .command('test')
        .summary('run routing tests: which route, function, role and status each request must get')
        .description('Resolve the manifests and check each request of the routing test files against what the gateway would do. Findings go to stderr.')
        .argument('[paths...]', 'files, directories (recursive) or - for standard input')
        .option('--tests <path>', 'a routing test file, or a directory of them (repeatable)', collect, [])
        .addOption(new Option('--format <format>', 'test result format').choices(['text', 'json', 'junit']).default('text'))
        .option('-o, --output <file>', 'write the test results to this file (atomically) instead of stdout')
        .option('--fail-under <percent>', 'exit 1 when fewer than this percent of the routes are reached by a test', (v) => percent(v))
        .option('--export-envoy-tests <file>', 'also write the tests for Envoy\'s router_check_tool, with the rendered route configuration beside them')
        .option('--max-route-checks <count>', 'routes tried for all the tests together (each request against its host\'s routes, in order); past it gwctl stops (default 200000000)', (v) => positiveInteger('--max-route-checks', v)),
    ),
    '--findings-format <format>',
  ).action(async (paths: string[], flags) => {
    const { test } = await import('./commands/test');
    exitCode = await test(host, paths, { ...flags, testFormat: flags.format, format: flags.findingsFormat });
  });

  addInputOptions(
    program
      .command('diff')
      .summary('what a change does to routing: routes added, removed, moved and changed')
      .description('Compare the routing of two sets of manifests: paths, or git revisions of this repository (gwctl diff origin/main HEAD -- gloo/). Exit 0 when routing is unchanged, 1 when it changed.')
      .argument('<base>', 'a path, or a git revision')
      .argument('<head>', 'a path, or a git revision')
      .argument('[paths...]', 'with revisions: the files or directories to read in each (after --)')
      .addOption(new Option('--format <format>', 'diff format').choices(['text', 'json', 'markdown']).default('text'))
      .option('-o, --output <file>', 'write the diff to this file (atomically) instead of stdout')
      .option('-q, --quiet', 'no summary line on stderr'),
  ).action(async (base: string, head: string, paths: string[], flags) => {
    const { diff } = await import('./commands/diff');
    exitCode = await diff(host, base, head, paths, { ...flags, diffFormat: flags.format });
  });

  program
    .command('schema')
    .summary('print or write the JSON Schemas, for editors')
    .description('Print a JSON Schema by name, list the names, or write them all (with manifests.schema.json, which picks by apiVersion and kind) for the YAML language server.')
    .argument('[name]', 'a schema name, such as v2.3/RouteTable or gwctl/routing-tests.schema')
    .option('--out-dir <dir>', 'write every schema into this directory')
    .action(async (name: string | undefined, flags) => {
      const { schema } = await import('./commands/schema');
      exitCode = await schema(host, name, flags);
    });

  addAwsOptions(
    addInputOptions(
      program
        .command('discover')
        .summary('list the Lambda functions of a CloudProvider\'s account into CloudResources')
        .description('List functions with their versions and aliases from AWS and print them as CloudResources, or merge them into a file (--write) keeping what is written there.')
        .argument('[paths...]', 'manifests holding the CloudProvider (or give --account and --region)')
        .requiredOption('--provider <namespace/name>', 'the CloudProvider to discover for')
        .option('--account <id>', 'without manifests: the 12-digit account id')
        .option('--region <region>', 'the region to list (default: the CloudProvider\'s)')
        .option('--role <name>', 'without manifests: the invoke role name', roleName)
        .addOption(new Option('--dialect <dialect>', 'without manifests: the CloudResources dialect').choices(['v2.2', 'v2.3']).default('v2.3'))
        .option('--assume-role <name>', 'list as the role of this name in the provider\'s account', roleName)
        .option('--assume-discovery-role', 'list as the provider\'s discovery role (or its invoke role)')
        .option('--qualifiers <list>', 'what to list per function: latest, versions, aliases', 'latest,aliases')
        .option('--include <regex>', 'only functions whose name matches (RE2, whole name; repeatable)', collect, [])
        .option('--exclude <regex>', 'leave out functions whose name matches (RE2, whole name; repeatable)', collect, [])
        .option('--name <name>', 'metadata.name of a new CloudResources (default: <provider>-functions)')
        .option('--write <file>', 'merge into this file (created if missing), atomically')
        .option('--prune', 'with --write: remove entries whose function or qualifier no longer exists')
        .option('--concurrency <n>', 'AWS calls in flight for versions and aliases', (v) => Math.max(1, Math.floor(positiveNumber('--concurrency', v))), 8)
        .option('-q, --quiet', 'no progress and no summary line on stderr'),
    ),
  ).action(async (paths: string[], flags) => {
    const { discover } = await import('./commands/discover');
    exitCode = await discover(host, paths, flags);
  });

  for (const command of program.commands) command.exitOverride().configureOutput(output);
  // .gwctl.yaml (or --config) fills what the command line leaves unset; loaded only when a command runs
  program.hook('preAction', async (_program, command) => {
    const { applyConfigFile } = await import('./config-file');
    await applyConfigFile(host, command);
  });

  try {
    await program.parseAsync([...args], { from: 'user' });
    debug ||= Boolean(program.opts().debug);
    if (debug && host.parser?.answered) host.stderr.write(`gwctl: debug: ${host.parser.answered} files read and parsed on ${host.parser.threads} other thread(s)\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version succeed; help shown because no command was given is a usage error
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof HostError) {
      host.stderr.write(`gwctl: error: ${printable(redactUrls(error.message))}\n`);
      return EXIT.usage;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    host.stderr.write(debug ? `gwctl: internal error: ${redactUrls(e.stack ?? e.message).split('\n').map(printable).join('\n')}\n` : `gwctl: internal error: ${printable(redactUrls(e.message))} (run with --debug for the stack trace)\n`);
    return EXIT.usage;
  }
}

/** Entry point of bin/gwctl. */
export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), nodeHost({ parseWorker: new URL('./parse-worker.js', import.meta.url) }));
}

/** The options of each target's output: render takes them, and migrate-report, which renders without writing. */
function addTargetOptions(command: Command): Command {
  return command
        .addOption(new Option('--envoy-form <form>', 'envoy: upstream (honours invoke roles; Envoy 1.35+, 1.39+ with roles) or listener (Envoy 1.30+)').choices(['upstream', 'listener']).default(ENVOY_DEFAULTS.form))
        .option('--listen <address:port>', 'envoy: the listener for tables attached to no VirtualGateway', `${ENVOY_DEFAULTS.listen.address}:${ENVOY_DEFAULTS.listen.port}`)
        .option('--route-timeout <duration>', 'timeout of routes to Lambda and Services (at most 15m, Lambda\'s limit)', `${ENVOY_DEFAULTS.routeTimeoutSeconds}s`)
        .option('--envoy-version <x.y>', 'envoy: the Envoy release the output must run on; newer features are refused with a finding', formatVersion(ENVOY_DEFAULTS.envoyVersion))
        .option('--trusted-hops <n>', 'envoy: proxies in front of the gateway whose X-Forwarded-For entries are trusted', (v) => nonNegativeInteger('--trusted-hops', v), ENVOY_DEFAULTS.trustedHops)
        .addOption(new Option('--service-retries <policy>', 'retries of routes to Services: safe (only what never reached them), 5xx (also 5xx replies: idempotent services only), none').choices(['safe', '5xx', 'none']).default(ENVOY_DEFAULTS.serviceRetries))
        .addOption(new Option('--max-request-size <size>', 'envoy: what a request may buffer; larger ones are answered 413 (Lambda takes 6 MB synchronously)').argParser((v) => byteSize('--max-request-size', v, { bytes: 1024, text: '1KiB', why: 'every request with a larger body is answered 413', example: '6MiB' })).default(ENVOY_DEFAULTS.bufferLimit, '6MiB'))
        .addOption(new Option('--escaped-slashes <action>', 'envoy: a path with %2F or %5C is refused (reject), redirected unescaped (redirect), or kept (keep)').choices(['reject', 'redirect', 'keep']).default('reject'))
        .addOption(new Option('--max-heap <size>', 'envoy: the overload manager\'s heap bound').argParser((v) => byteSize('--max-heap', v, { bytes: 64 * 1024 ** 2, text: '64MiB', why: 'Envoy\'s own heap takes a good part of less, and past 98% of the bound the overload manager refuses every request', example: '1GiB' })).default(ENVOY_DEFAULTS.maxHeapBytes, '1GiB'))
        .addOption(new Option('--gloo-edition <edition>', 'gloo: the edition the output runs on; open-source Gloo ignores Enterprise-only fields').choices(['oss', 'enterprise']).default('oss'))
        .option('--ca-file <path>', 'envoy: CA bundle that verifies the Lambda endpoints', ENVOY_DEFAULTS.caFile)
        .option('--namespace <namespace>', 'gloo: namespace of the generated resources; gateway-api: of the Gateway for tables attached to no VirtualGateway', 'gloo-system')
        .option('--gateway-class <name>', 'gateway-api: the Gateways\' gatewayClassName', 'kgateway')
        .option('--aws-secret <namespace/name>', 'gloo: Secret with AWS keys for the Upstreams (default: service-account credentials)')
        .addOption(new Option('--iam-format <format>', 'iam: policy JSON, or Terraform aws_iam_policy_document data sources (.tf.json)').choices(['json', 'terraform']).default('json'))
        .option('--service-account <namespace/name>', 'iam: the gateway\'s Kubernetes service account the trust policies are pinned to')
        .option('--eks-cluster <name-or-arn>', 'iam: the gateway\'s EKS cluster the Pod Identity trust policies are pinned to')
        .option('--oidc-provider <issuer-or-arn>', 'iam: trust the cluster\'s OIDC provider (IRSA) instead of EKS Pod Identity')
        .option('--gateway-role <arn>', 'iam: trust this role (the gateway\'s own, which assumes the invoke roles) instead of EKS Pod Identity; with --service-account, --eks-cluster or --oidc-provider, its own trust is written too', roleArnOption);
}
