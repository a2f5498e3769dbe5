/**
 * Which route of its name each route is on its host, 1 for the first: route names are unique per host, a
 * second route of the same name (from another table, or a delegate listed twice) is `name~2`
 * (numberedName), and so on. The routes table, `gwctl test` and GW4007 name routes alike.
 */
export function nthOfName(routes: ReadonlyArray<{ readonly name: string }>): number[] {
  const seen = new Map<string, number>();
  return routes.map((r) => {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    return n;
  });
}

/** A route's name on its host when it is the nth of its name. */
export function numberedName(name: string, nth: number): string {
  return nth === 1 ? name : `${name}~${nth}`;
}
