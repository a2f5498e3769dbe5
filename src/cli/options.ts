import { isRoleName } from '../model/aws-names';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SEVERITIES, type Severity } from '../diagnostics/severity';
import type { Host, OutputStream } from '../host/host';
import { FORMAT_NAMES } from '../report/formatters/index';
import type { ReportOptions } from '../report/emit-report';
import { reportFileTargets, type ExtraReport } from '../report/extra-report';
import { version } from '../../package.json';
import { useColor } from './color';
import { DOCS_URL } from '../report/docs-url';
import { redactUrls } from '../text/redact';
import { printable } from '../text/printable';

/** Options every command that reads manifests shares. */
export interface InputFlags {
  stdinFilename: string;
  /** --context: files read and resolved, but not reported on */
  context: string[];
  /** --exclude-path (and the configuration's `exclude`): globs a directory walk leaves out */
  excludePath?: string[];
  /** the configuration file that was read, if any: never read as a manifest */
  configFile?: string;
  maxFileSize?: number;
  maxInputSize?: number;
  maxRoutes?: number;
}

export interface ReportFlags {
  format: string;
  output?: string;
  /** routes, render, test: where the findings go instead of stderr */
  findingsOutput?: string;
  failSeverity: Severity;
  minSeverity: Severity;
  suppress: string[];
  baseline?: string;
  writeBaseline?: string;
  color?: boolean;
  quiet?: boolean;
  root?: string;
  docsUrl: string;
  /** --report: the findings again, in another format, into a file */
  report?: ExtraReport[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The AWS CLI's conventions: --profile, --region, --endpoint-url; the SDK's AWS_* variables apply too. */
export function addAwsOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile (default: the SDK\'s credential chain: AWS_* variables, AWS_PROFILE, SSO, web identity, instance role)')
    .option('--endpoint-url <url>', 'AWS endpoint for Lambda, IAM and STS (default: AWS_ENDPOINT_URL* or AWS)', httpUrl)
    .option('--aws-timeout <seconds>', 'bound on each AWS request, in seconds', (v) => positiveNumber('--aws-timeout', v), 10);
}

/**
 * An endpoint or a documentation link must be an http(s) URL; anything else is a usage error here, not
 * an SDK stack trace later, nor a `javascript:` link in a SARIF log's help.
 */
export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`expected an http:// or https:// URL, got ${redactUrls(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`expected an http:// or https:// URL, got ${redactUrls(value)}`);
  return value;
}

/**
 * The documentation's base URL goes into every SARIF rule, as `helpUri` (a URI, by SARIF's schema) and as
 * a Markdown link GitHub renders: written as the URL parser serialises it (a space, a quote, `<`, `>` or a
 * control character percent-encoded), with no `#fragment` (each code's anchor is appended to it) and no
 * user name or password (a log is shared).
 */
export function docsUrl(value: string): string {
  httpUrl(value);
  const url = new URL(value);
  if (url.hash || value.includes('#')) throw new InvalidArgumentError(`expected a base URL without a #fragment (each code's anchor is appended), got ${redactUrls(value)}`);
  if (url.username || url.password) throw new InvalidArgumentError(`expected a URL without a user name or password, got ${redactUrls(value)}`);
  return url.href;
}

/** An IAM role name (not an ARN: the account is each provider's); anything else is a usage error. */
export function roleName(value: string): string {
  if (!isRoleName(value)) throw new InvalidArgumentError(`expected an IAM role name (letters, digits and +=,.@_-, at most 64), got ${printable(value)}`);
  return value;
}

/** An IAM role's ARN (the gateway's role: its account is its own); anything else is a usage error. */
export function roleArnOption(value: string): string {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(value)) throw new InvalidArgumentError(`expected a role ARN, such as arn:aws:iam::123456789012:role/gateway, got ${printable(value)}`);
  return value;
}

/** `64MiB`, `100M`, `1G`, `500k` or bytes; units are powers of 1024. */
/**
 * A size: bytes, or with a unit (KiB, MiB, GiB; K, M, G and KB, MB, GB are the same 1,024-based units).
 * At least `least` bytes (one, unless the flag needs more): a size of zero is no size, and a number
 * without a unit is bytes, so `--max-heap 512` meant for mebibytes would be 512 bytes.
 */
export function byteSize(flag: string, value: string, least: { readonly bytes: number; readonly text: string; readonly why: string; readonly example: string } = { bytes: 1, text: '1 byte', why: 'zero is no size', example: '64MiB' }): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`${flag}: expected a size such as 64MiB, 100M or 1G, got ${value}`);
  const unit = (m[2] ?? 'b').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g';
  const bytes = Math.floor(Number(m[1]) * { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[unit]);
  if (bytes < least.bytes) {
    throw new InvalidArgumentError(`${flag}: at least ${least.text} (${least.why}), got ${value}${m[2] === undefined ? `, which is bytes: give a unit, as in ${least.example}` : ''}`);
  }
  return bytes;
}

// Number() reads '' and '  ' as 0, and takes 0x10, 1e3 and Infinity: a count is digits, a number decimal
const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export function nonNegativeInteger(flag: string, value: string): number {
  const n = DIGITS.test(value) ? Number(value) : NaN;
  // digits alone: never below 0
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag}: expected a whole number, got ${value}`);
  return n;
}

export function positiveInteger(flag: string, value: string): number {
  const n = DIGITS.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`${flag}: expected a whole number above 0, got ${value}`);
  return n;
}

export function positiveNumber(flag: string, value: string): number {
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag}: expected a positive number, got ${value}`);
  return n;
}

export function percent(value: string): number {
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError(`expected a percentage from 0 to 100, got ${value}`);
  return n;
}

export function addInputOptions(command: Command): Command {
  return command
    .option('--stdin-filename <name>', 'name standard input (-) in findings', '<stdin>')
    .option('--context <path>', 'also read these files or directories to resolve references, but report only on the paths (repeatable)', collect, [])
    .option('--exclude-path <glob>', 'leave these files out of directory walks: globs relative to the repository root, ** for any folders (repeatable)', collect, [])
    .option('--config <file>', 'read settings from this file (default: .gwctl.yaml at the repository root, if there is one)')
    .option('--max-file-size <size>', 'a larger input is not read, and reported (default 64MiB)', (v) => byteSize('--max-file-size', v))
    .option('--max-input-size <size>', 'what all inputs may add up to (default 512MiB)', (v) => byteSize('--max-input-size', v))
    .option('--max-routes <count>', 'routes the listeners may serve in all, each host counted; past it gwctl stops, and reports it (default 500000)', (v) => positiveInteger('--max-routes', v));
}

/**
 * The findings options. `formatFlag` lets a command whose --format selects something else (routes,
 * render) offer the findings format under another name.
 */
export function addReportOptions(command: Command, formatFlag = '-f, --format <format>'): Command {
  // commands whose stdout is something else (routes, render, test) report findings on stderr, or to a file
  if (formatFlag !== '-f, --format <format>') command.option('--findings-output <file>', 'write the findings report to this file (atomically) instead of stderr');
  return command
    .addOption(new Option(formatFlag, 'findings format').choices(FORMAT_NAMES).default('stylish'))
    .addOption(new Option('--fail-severity <level>', 'lowest severity that makes the exit code 1').choices(SEVERITIES).default('error'))
    .addOption(new Option('--min-severity <level>', 'lowest severity shown (does not change the exit code)').choices(SEVERITIES).default('info'))
    .option('--suppress <rule>', 'drop findings: CODE or "CODE=Kind namespace/name" (globs allowed; repeatable)', collect, [])
    .option('--baseline <file>', 'drop findings recorded in this baseline file')
    .option('--write-baseline <file>', 'record the current findings as the baseline (and pass)')
    .option('--report <format=file>', `also write the findings in this format to this file (atomically), from the same run: ${FORMAT_NAMES.join(', ')} (repeatable)`, extraReport, [])
    .option('--color', 'force colour')
    .option('--no-color', 'never colour')
    .option('-q, --quiet', 'no summary line on stderr, and nothing at all on a clean run')
    .option('--root <dir>', 'the repository root that reports name files relative to (default: the folder holding .git)')
    .option('--docs-url <url>', 'base URL of the diagnostics documentation, for SARIF help links', docsUrl, DOCS_URL);
}

/**
 * `--report <format>=<file>`: the format before the first `=`, the file after it (a file name may hold
 * `=`). Checked here, so that a misspelt format stops the run before anything is read or written.
 */
export function extraReport(value: string, previous: ExtraReport[] = []): ExtraReport[] {
  const at = value.indexOf('=');
  if (at < 0) throw new InvalidArgumentError(`expected <format>=<file>, as sarif=gwctl.sarif (formats: ${FORMAT_NAMES.join(', ')})`);
  const format = value.slice(0, at);
  const file = value.slice(at + 1);
  if (!FORMAT_NAMES.includes(format)) throw new InvalidArgumentError(`${printable(format)} is no format: one of ${FORMAT_NAMES.join(', ')}`);
  if (file === '') throw new InvalidArgumentError(`no file after ${format}=`);
  // `-` would be a file of that name; standard output has the report of -f/--format
  if (file === '-') throw new InvalidArgumentError(`standard output takes the report of -f/--format (-f ${format}); name a file of that name ./-`);
  return [...previous, { format, file }];
}

/**
 * The files a command writes of its findings besides its own output (--findings-output, --write-baseline,
 * --report), as the output guards name them: every command checks them with its own outputs.
 */
export const findingsFileTargets = (flags: Pick<ReportFlags, 'findingsOutput' | 'writeBaseline' | 'report'>): Array<readonly [flag: string, path: string | undefined]> => [
  ['--findings-output', flags.findingsOutput],
  ['--write-baseline', flags.writeBaseline],
  ...reportFileTargets(flags.report ?? []),
];

/** Findings options from the flags; `stream` decides colour (stdout for validate, stderr for the others). */
export function reportOptions(host: Host, flags: ReportFlags, stream: OutputStream, outputFlag = '-o/--output'): ReportOptions {
  return {
    format: flags.format,
    output: flags.output,
    outputFlag,
    failSeverity: flags.failSeverity,
    minSeverity: flags.minSeverity,
    suppress: flags.suppress,
    baseline: flags.baseline,
    writeBaseline: flags.writeBaseline,
    color: useColor(host, stream, flags.color),
    quiet: Boolean(flags.quiet),
    toolVersion: version,
    stdinName: (flags as Partial<InputFlags>).stdinFilename ?? '<stdin>',
    root: flags.root,
    docsUrl: flags.docsUrl ?? DOCS_URL,
    reports: flags.report ?? [],
  };
}
