/**
 * A shell variable in a value: `${CLUSTER_NAME}` as Solo's guides write their examples (for a heredoc or
 * `envsubst` to expand), `${var:=default}` as Flux's post-build substitution reads them, or `$ACCOUNT_ID`.
 * `$LATEST` is Lambda's qualifier, not a variable. A default is read up to 256 characters: a value of many
 * unclosed `${a:-` is then read in linear time.
 */
const VARIABLE = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]{0,256})?\}|\$(?!LATEST(?![A-Z0-9_]))[A-Z_][A-Z0-9_]*/;

/**
 * What GW2006 adds to a value of the wrong format that holds a shell variable: the variable, not the
 * format, is the mistake to name. kubectl applies the text as written, so a manifest copied from a guide
 * and committed without the expansion reaches the cluster with `${CLUSTER_NAME}` in it.
 */
export function unexpandedVariableNote(value: unknown): string {
  const variable = shellVariableIn(value);
  if (variable === undefined) return '';
  const what = variable === value ? ', a shell variable' : `, which holds the shell variable \`${variable}\``;
  return `${what} never expanded (kubectl sends the text as written)`;
}

/** The first shell variable a value holds (`${NAME}`, `${name:=default}`, `$NAME`), if it is text and holds one. */
export function shellVariableIn(value: unknown): string | undefined {
  return typeof value === 'string' ? VARIABLE.exec(value)?.[0] : undefined;
}
