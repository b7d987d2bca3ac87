import { findInputProblem, MAX_JSON_DEPTH } from './input-guard';
import { findUnsafeNumber } from './validation';

describe('findInputProblem', () => {
  it('names the path of a NUL character in a value or a key', () => {
    expect(findInputProblem({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })?.field).toBe('a.1.c');
    expect(findInputProblem({ ['k\u0000']: 1 })?.field).toBe('k\\u0000');
    expect(findInputProblem({ a: 'fine', n: 1, t: true, z: null })).toBeNull();
  });

  it('allows MAX_JSON_DEPTH levels and refuses one more', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 1 : { a: nest(levels - 1) });
    expect(findInputProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findInputProblem(nest(MAX_JSON_DEPTH + 1))?.message).toMatch(/nested more than/);
  });
});

describe('findUnsafeNumber', () => {
  it('finds integers past 2^53 and leaves the rest', () => {
    expect(findUnsafeNumber({ page: 1e300 })).toBe('page');
    expect(findUnsafeNumber({ rule: { days: -1e20 } })).toBe('rule.days');
    expect(findUnsafeNumber({ page: Number.MAX_SAFE_INTEGER, rate: 0.5, neg: -3 })).toBeNull();
  });
});
