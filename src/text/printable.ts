// C0 and C1 control characters, DEL, the Unicode line and paragraph separators, the bidirectional
// controls that reorder what a terminal shows (Trojan Source), and the format characters that show as
// nothing (zero-width space and joiners, word joiner, soft hyphen, byte order mark): nothing from the
// input may reach a terminal or a CI log as one of these, where it could clear the screen, set a window
// title, start a GitHub workflow command on a line of its own, or make text read differently from what
// it is (a path `/admin` with a zero-width space after it reads as `/admin`).
// Past the C0 range: DEL, C1, the separators, the bidi controls and the invisible format characters
// (JSON.stringify leaves exactly these raw).
export const BEYOND_C0 = '\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff';
const UNSAFE = new RegExp(`[\u0000-\u001f${BEYOND_C0}]`, 'g');
const ANY_UNSAFE = new RegExp(`[\u0000-\u001f${BEYOND_C0}]`);

/**
 * The first `#` of a CI system's log command that acts anywhere in a line: GitHub's legacy `##[error]`,
 * `##[add-mask]`, `##[stop-commands]` (the runner tries its `::` form first and falls back to this one,
 * found by `message.IndexOf("##[")`: actions/runner, src/Runner.Worker/ActionCommandManager.cs,
 * TryProcessCommand, and ActionCommand.TryParse), Azure Pipelines' `##vso[` (the agent acts on one in a
 * line of stdout or stderr and leaves the line out of the log: microsoft/azure-pipelines-agent,
 * src/Microsoft.VisualStudio.Services.Agent/Command.cs, TryParse, `message.IndexOf("##vso[")`) and
 * TeamCity's `##teamcity[` (its parser of mixed text, jetbrains.buildServer.messages.serviceMessages
 * .ServiceMessage, splitTextToServiceMessagesAndRegularText). A route prefix `/##vso[task.setvariable
 * variable=X]1` quoted by a finding set a pipeline variable, and `/##[stop-commands]x` turned off the
 * annotations after it. .NET's IndexOf(string) compares by culture, which passes over characters that
 * show as nothing: those may stand between. Any case.
 */
const IGNORED = '\\p{Default_Ignorable_Code_Point}*';
const spelt = (word: string) => [...word].join(IGNORED);
const LOG_COMMAND_SOURCE = `#(?=${IGNORED}#${IGNORED}(?:(?:${spelt('vso')}|${spelt('teamcity')})${IGNORED})?\\[)`;
export const LOG_COMMAND = new RegExp(LOG_COMMAND_SOURCE, 'giu');
const ANY_LOG_COMMAND = new RegExp(LOG_COMMAND_SOURCE, 'iu');
/** Whether a text holds the start of such a log command (`#` is rare: tested first). */
export const hasLogCommand = (text: string) => text.includes('#') && ANY_LOG_COMMAND.test(text);

/**
 * GitHub's `::` commands act where a line starts with one, past the whitespace .NET's TrimStart takes and
 * the characters its culture-aware StartsWith passes over (actions/runner, ActionCommand.TryParseV2).
 * Text from the input begins a line where it is a report's first column (a routes table's listener, its
 * namespace from the input) or a file's path (`::stop-commands::x.yaml`, a file a pull request adds,
 * named relative to the folder validated): its first `:` is escaped wherever it stands.
 */
const LEADING_COMMAND = /^[\s\u0085\p{Default_Ignorable_Code_Point}]*:\p{Default_Ignorable_Code_Point}*:/u;
const startsCommand = (text: string) => {
  const c = text.charCodeAt(0);
  return (c === 0x3a || c === 0x20 || c === 0x09 || c >= 0x80) && LEADING_COMMAND.test(text);
};

/** Whether a string holds anything `printable` would escape (compiled once: the YAML writer asks per scalar). */
export const hasUnsafe = (text: string) => ANY_UNSAFE.test(text) || hasLogCommand(text) || startsCommand(text);
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\x1b', '\u0000': '\\0' };

/**
 * Input-derived text as it may be shown in a text format: every unsafe character written out as an
 * escape (`\n`, `\x1b`, `\u202e`). Idempotent: escaped text has nothing left to escape. gwctl's own line
 * breaks are never inside such a string, so each output line stays one line.
 */
export function printable(text: string): string {
  // most text has nothing to escape: a test is cheaper than a replace that finds nothing (the routes
  // table of L asks for 900,000 cells)
  if (!hasUnsafe(text)) return text;
  const escaped = text.replace(UNSAFE, (c) => NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  // `##vso[` shown as `\x23#vso[`, a leading `::` as `\x3a:`: the text still reads, and no runner or
  // agent finds a command in it
  const inert = hasLogCommand(escaped) ? escaped.replace(LOG_COMMAND, '\\x23') : escaped;
  return startsCommand(inert) ? inert.replace(/:/, '\\x3a') : inert;
}

/** Lines of a text report, each made printable, joined: a line break inside one comes out as `\n`. */
export function printableLines(lines: readonly string[]): string {
  return lines.map(printable).join('\n');
}
