import type { Shape } from '../../src/load/policy-shapes';

/**
 * A value of every field `shape` has (the first of a oneof), as the API defines it; of an enum, `prefer`
 * where it is one of its values (a destination kind the policy's kind applies to), else the last.
 */
export function wellFormed(shape: Shape, prefer?: string): unknown {
  switch (shape.type) {
    case 'string': return 'reviews';
    case 'duration': return '1m30s';
    case 'labels': return { app: 'reviews', 'example.com/tier': '' };
    case 'mapping':
    case 'any': return { anything: [1, { nested: true }] };
    case 'integer': return shape.max;
    case 'number': return 12.5;
    case 'boolean': return false;
    case 'enum': return prefer !== undefined && shape.values.includes(prefer) ? prefer : shape.values[shape.values.length - 1];
    case 'list': return [wellFormed(shape.of, prefer), wellFormed(shape.of, prefer)];
    case 'map': return { first: wellFormed(shape.of, prefer), 'second-provider': wellFormed(shape.of, prefer) };
    case 'object':
      return Object.fromEntries(
        Object.entries(shape.fields)
          .filter(([k]) => (shape.oneOf ?? []).every((group) => !group.includes(k) || k === group[0]))
          .map(([k, v]) => [k, wellFormed(v, prefer)]),
      );
  }
}
