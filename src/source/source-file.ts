import { lineIndexAt } from '../text/line-index';

/** A file's text and its line index. Line starts are computed on first use: most files never need one. */
export class SourceFile {
  private lineStarts: number[] | undefined;
  private kept: string | undefined;

  /**
   * `name` is how findings show the file: the path as given, or the --stdin-filename. `source`: the
   * text, or how to read it when it is first needed (a file parsed on a parse thread).
   */
  constructor(
    readonly name: string,
    private source: string | (() => string),
  ) {
    if (typeof source === 'string') this.kept = source;
  }

  get text(): string {
    return (this.kept ??= (this.source as () => string)());
  }

  /**
   * Lets go of the text, to be read again if it is needed (to place a finding). On a large input the
   * texts are a fifth of the heap, and a run with few findings needs few of them.
   */
  forget(readAgain: () => string): void {
    this.source = readAgain;
    this.kept = undefined;
  }

  /**
   * Lets go of a text read again after `forget`, and of its line index, once the caller is done with the
   * file (the locator, placing every route of a large input, would otherwise bring back every text).
   * A text the file was given stays.
   */
  release(): void {
    if (typeof this.source === 'string') return;
    this.kept = undefined;
    this.lineStarts = undefined;
  }

  /** 1-based line and column (in UTF-16 units, as editors and GitHub count them) of an offset. */
  positionAt(offset: number): { line: number; column: number } {
    const starts = this.lines();
    const line = lineIndexAt(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1 };
  }

  /** Offset of the end of the line holding `offset` (before any \r\n). */
  lineEndAt(offset: number): number {
    let end = this.text.indexOf('\n', offset);
    if (end < 0) end = this.text.length;
    if (end > offset && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  private lines(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
