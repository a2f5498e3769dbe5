/**
 * The texts of a kind as a pattern analysis reads them (regex-language.ts): the ASCII characters they may
 * hold (a table of 128), whether they may hold any character past ASCII too, those they may begin with
 * when fewer, whether the empty text is one, and their longest length. `what` says so in a message.
 */
export interface NameAlphabet {
  readonly what: string;
  readonly chars: Uint8Array;
  /** the characters a text may begin with; undefined: any of `chars` */
  readonly first: Uint8Array | undefined;
  /** whether the empty text is one of them */
  readonly empty: boolean;
  /** whether a text may hold any character past ASCII (never the first, where `first` is set) */
  readonly beyond: boolean;
  readonly maxLength: number;
}

/** The texts of one character at a time each of which `test` takes; never empty, and ASCII, unless said. */
export function alphabet(what: string, test: (char: string) => boolean, maxLength: number, options: { first?: (char: string) => boolean; empty?: boolean; beyond?: boolean } = {}): NameAlphabet {
  const table = (take: (char: string) => boolean) => {
    const chars = new Uint8Array(128);
    for (let c = 0; c < 128; c++) chars[c] = take(String.fromCharCode(c)) ? 1 : 0;
    return chars;
  };
  return { what, chars: table(test), first: options.first ? table(options.first) : undefined, empty: options.empty ?? false, beyond: options.beyond ?? false, maxLength };
}
