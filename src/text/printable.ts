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
 * The first `#` of a CI system's log command that acts anywhere in a line, not only at its start as
 * GitHub's `::` commands do (keeping a name on its line stops those): Azure Pipelines' `##vso[` (the agent
 * acts on one in a line of stdout or stderr and leaves the line out of the log:
 * microsoft/azure-pipelines-agent, src/Microsoft.VisualStudio.Services.Agent/Command.cs, TryParse,
 * `message.IndexOf(LoggingCommandPrefix)`) and TeamCity's `##teamcity[` (its parser of mixed text,
 * jetbrains.buildServer.messages.serviceMessages.ServiceMessage, splitTextToServiceMessagesAndRegularText,
 * `text.indexOf(SERVICE_MESSAGE_START)`). A route prefix `/##vso[task.setvariable variable=X]1` quoted by
 * a finding set a pipeline variable. Older Azure agents compared by culture, where characters that show
 * as nothing are passed over: those may stand between. Any case.
 */
const IGNORED = '\\p{Default_Ignorable_Code_Point}*';
const spelt = (word: string) => [...word].join(IGNORED);
const LOG_COMMAND_SOURCE = `#(?=${IGNORED}#${IGNORED}(?:${spelt('vso')}|${spelt('teamcity')})${IGNORED}\\[)`;
export const LOG_COMMAND = new RegExp(LOG_COMMAND_SOURCE, 'giu');
const ANY_LOG_COMMAND = new RegExp(LOG_COMMAND_SOURCE, 'iu');
/** Whether a text holds the start of such a log command (`#` is rare: tested first). */
export const hasLogCommand = (text: string) => text.includes('#') && ANY_LOG_COMMAND.test(text);

/** Whether a string holds anything `printable` would escape (compiled once: the YAML writer asks per scalar). */
export const hasUnsafe = (text: string) => ANY_UNSAFE.test(text) || hasLogCommand(text);
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
  // `##vso[` shown as `\x23#vso[`: the text still reads, and no agent finds a command in it
  return hasLogCommand(escaped) ? escaped.replace(LOG_COMMAND, '\\x23') : escaped;
}

/** Lines of a text report, each made printable, joined: a line break inside one comes out as `\n`. */
export function printableLines(lines: readonly string[]): string {
  return lines.map(printable).join('\n');
}
