/**
 * The characters Go's unicode.IsSpace takes for white space, as a character class: what
 * strings.TrimSpace and bytes.TrimLeftFunc(unicode.IsSpace) trim in Kubernetes' readers. Not JavaScript's
 * `\s`, which takes U+FEFF and leaves U+0085.
 */
export const GO_SPACE_CLASS = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
