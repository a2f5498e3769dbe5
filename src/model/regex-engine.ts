/**
 * Regular expressions written by other teams (allowedRoutes filters, route matchers) run on RE2
 * semantics, as Gloo and Envoy run them: linear time whatever the pattern, no backreferences or
 * lookaround. JavaScript's RegExp would accept patterns RE2 rejects and can take exponential time.
 * re2js is a port of RE2/J; it is loaded only when the input has a regular expression.
 */
export interface CompiledRegex {
  /** true when the whole input matches (RE2 FullMatch, as Envoy's safe_regex) */
  matches(input: string): boolean;
}

export interface RegexEngine {
  /** a compiled regex, or the error RE2 reports */
  compile(pattern: string): CompiledRegex | { readonly error: string };
}

let engine: Promise<RegexEngine> | undefined;

export function loadRegexEngine(): Promise<RegexEngine> {
  engine ??= import('re2js').then(({ RE2JS }) => {
    const cache = new Map<string, CompiledRegex | { error: string }>();
    return {
      compile(pattern) {
        let compiled = cache.get(pattern);
        if (!compiled) {
          try {
            const re = RE2JS.compile(pattern);
            compiled = { matches: (input: string) => re.matches(input) };
          } catch (error) {
            compiled = { error: (error as Error).message.replace(/^error parsing regexp: /, '') };
          }
          cache.set(pattern, compiled);
        }
        return compiled;
      },
    };
  });
  return engine;
}
