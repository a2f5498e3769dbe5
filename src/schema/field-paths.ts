import { pointerSegments } from '../source/pointer';

/**
 * Two spellings of a place in a resource, both derived from a JSON pointer and the data:
 * - generic (`spec.http[].matchers[]`): the schema's view, the same for every route
 * - concrete (`spec.http[0].matchers[1]`): this very value
 */
export function fieldPaths(root: unknown, pointer: string): { generic: string; concrete: string } {
  let generic = '';
  let concrete = '';
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) {
      generic += '[]';
      concrete += `[${segment}]`;
      node = node[Number(segment)];
    } else {
      const dotted = /^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : JSON.stringify(segment);
      generic += generic ? '.' + dotted : dotted;
      concrete += concrete ? '.' + dotted : dotted;
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return { generic, concrete };
}

// Names readers know these places by; the rest are shown as paths.
const NOUNS: ReadonlyArray<readonly [string, string]> = [
  ['spec.http[]', 'route'],
  ['spec.tcp[]', 'TCP route'],
  ['spec.tls[]', 'TLS route'],
  ['matchers[]', 'matcher'],
  ['destinations[]', 'destination'],
  ['defaultDestination', 'default destination'],
  ['routeTables[]', 'route table selector'],
  ['allowedRoutes[]', 'allowedRoutes entry'],
  ['listeners[]', 'listener'],
  ['lambda[]', 'function entry'],
  ['workloadClusters[]', 'workload cluster'],
];

function nounOf(generic: string): string | undefined {
  return NOUNS.find(([suffix]) => generic === suffix || generic.endsWith('.' + suffix))?.[1];
}

/** "a matcher (spec.http[].matchers[])", or the path alone. */
export function describePlace(generic: string, kind: string): string {
  if (generic === '') return `the ${kind}`;
  const noun = nounOf(generic);
  if (!noun) return `\`${generic}\``;
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun} (${generic})`;
}

/** "the route" for an enclosing place, when it has a name readers know; else its path. */
export function nounPhrase(generic: string, kind: string): string {
  if (generic === '') return `the ${kind}`;
  const noun = nounOf(generic);
  return noun ? `the ${noun}` : `\`${generic}\``;
}
