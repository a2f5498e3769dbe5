// About 64 KB a chunk: a long report or table as one string is not cheap (the routes table of 100,000
// routes: 40 MB; a stylish report of 184,608 findings: 46 MB and 230 MB at the peak of the run with the
// lines it was joined from), and a write per line would be a system call each.
const CHUNK = 1 << 16;

/** Lines, each followed by a line break, in chunks of about 64 KB, made as the lines come. */
export function* lineChunks(lines: Iterable<string>): Generator<string, void, undefined> {
  let buffer = '';
  for (const line of lines) {
    buffer += line + '\n';
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
