/**
 * A subtree an emitter places many times over that differs in a few scalars only: a Lambda cluster is
 * the same text for every function of a region, role and filter options but for its name (twice) and
 * its function's ARN. The writer writes the subtree once per place (indentation, under a key or as a
 * list item) with markers in those scalars, keeps the text between them, and after that writes each use
 * as those pieces with the values between them (stream-writer.ts). The text is the one writing the whole
 * subtree would give: a scalar is one line, quoted or not, whatever the text around it.
 *
 * `build` makes the plain subtree from the values, for the JSON writer and for anything else that reads
 * it; it must give the same shape for any values, and its values may only be scalars.
 */
export class Template<V extends readonly unknown[] = readonly unknown[]> {
  /** the pieces by place: text, or the index of a value; null where the markers were not found as placed */
  readonly pieces = new Map<number, ReadonlyArray<string | number> | null>();
  /** the plain subtree for these values */
  readonly build: (values: readonly unknown[]) => object;
  constructor(make: (...values: V) => object) {
    this.build = (values) => make(...(values as V));
  }
  fill(...values: V): Filled {
    return new Filled(this as Template, values);
  }
}

/** One use of a template: what the writer writes in its place. */
export class Filled {
  constructor(
    readonly template: Template,
    readonly values: readonly unknown[],
  ) {}
  /** the plain subtree */
  get value(): object {
    return this.template.build(this.values);
  }
}

// What stands for value i while a template's text is made: a string no input holds (it has NUL
// characters, and a part of the run's own), quoted by the writer like any other. It need not be secret:
// a marker met anywhere but where the prototype placed it sends the template back to whole writing, and
// the constant parts of a cluster (a region, a role's ARN, a session name) cannot hold a NUL. Not
// node:crypto's random bytes: loading it costs every render milliseconds (node-builtin.ts).
const NONCE = `${Math.random().toString(36).slice(2, 10)}${process.pid.toString(36)}`;
export const marker = (i: number) => `\u0000gwctl-${NONCE}-${i}\u0000`;

/**
 * The pieces of a template's text at one place: `partsOf` writes a subtree there and gives the parts of
 * its text (a scalar one part, a reusable subtree's text one part), `quoted` is how the writer writes a
 * scalar. Short parts between two values are joined; long ones (a region's TLS settings) stay the
 * strings the reusable subtree's text already is, shared by every template that holds it. Null unless
 * every marker is found exactly where the prototype placed it (then the writer writes the whole subtree
 * each time).
 */
export function templatePieces(template: Template, count: number, partsOf: (value: object) => string[], quoted: (s: string) => string): Array<string | number> | null {
  const prototype = template.build(Array.from({ length: count }, (_, i) => marker(i)));
  const placed = new Array<number>(count).fill(0);
  if (!countMarkers(prototype, placed, count)) return null;
  const holes = new Map(Array.from({ length: count }, (_, i) => [quoted(marker(i)), i]));
  const found = new Array<number>(count).fill(0);
  const pieces: Array<string | number> = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length) pieces.push(run.join(''));
    run = [];
  };
  for (const part of partsOf(prototype)) {
    const hole = holes.get(part);
    if (hole !== undefined) {
      endRun();
      pieces.push(hole);
      found[hole]!++;
    } else if (part.length >= SHARED_LENGTH) {
      endRun();
      pieces.push(part);
    } else run.push(part);
  }
  endRun();
  // a marker anywhere else (inside a longer part, in a key) is not where the prototype placed it
  return found.every((n, i) => n === placed[i] && n > 0) && pieces.every((p) => typeof p === 'number' || !p.includes(NONCE)) ? pieces : null;
}

// a part at least this long is kept as it is, not copied into a joined piece
const SHARED_LENGTH = 128;

/** Counts where the prototype placed each marker; false if a string holds one within other text. */
function countMarkers(value: unknown, placed: number[], count: number): boolean {
  if (typeof value === 'string') {
    if (!value.includes(NONCE)) return true;
    for (let i = 0; i < count; i++) {
      if (value === marker(i)) {
        placed[i]!++;
        return true;
      }
    }
    return false;
  }
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) if (!countMarkers(child, placed, count)) return false;
  }
  return true;
}
