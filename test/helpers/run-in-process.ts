import { resolve } from 'node:path';
import { main } from '../../src/cli/main';
import { InputTooLargeError } from '../../src/errors';
import { nodeHost } from '../../src/host/node-host';
import { memoryStream } from './memory-host';
import { cleanEnv, ROOT, type CliResult, type RunOptions } from './run-cli';

/**
 * A command run in this process, as the binary runs it but for the process around it: the same `main`,
 * the real file system, standard input, output and environment given here (runCli's clean environment).
 * For the tests of what a command writes (the emitters' golden files, their checks), where a process
 * each cost about 0.2 s of CPU against 10 ms here; test/e2e runs the built binary itself, for each command
 * and target. No parse threads here (the binary parses some files on one): test/e2e/parse-threads and
 * the binary's renders in test/e2e/render show that they change no output.
 */
export async function runInProcess(args: readonly string[], options: Omit<RunOptions, 'timeout'> & { readonly stderrIsTTY?: boolean } = {}): Promise<CliResult> {
  // the host reads relative paths from this process's folder, which it cannot change for one run
  const cwd = resolve(options.cwd ?? ROOT);
  if (cwd !== process.cwd()) throw new Error(`runInProcess: the tests run in ${process.cwd()}, not ${cwd}; give absolute paths, or run the binary (runCli)`);
  const stdout = memoryStream();
  // a terminal's stderr: what gwctl shows only there (a progress line)
  const stderr = memoryStream(options.stderrIsTTY);
  const input = typeof options.input === 'string' ? Buffer.from(options.input) : (options.input ?? Buffer.alloc(0));
  const host = {
    ...nodeHost(),
    stdout,
    stderr,
    env: cleanEnv(options.env),
    async readStdin(maxBytes = Infinity) {
      if (input.length > maxBytes) throw new InputTooLargeError(maxBytes);
      return input;
    },
  };
  const code = await main(args, host);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
