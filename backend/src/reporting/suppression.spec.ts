import { ConfigError, loadConfig } from '../config/config';
import { type Cell, type Equation, MIN_GROUP_SIZE, publish, suppress, suppressPartition, suppressSmall, suppressUnitTree, type UnitCounts } from './suppression';

const ids = (set: Set<string>) => [...set].sort();

describe('suppressPartition (groups adding up to a known total)', () => {
  it('shows everything when every group has k or more people, or none', () => {
    expect(ids(suppressPartition([{ id: 'female', size: 40 }, { id: 'male', size: 35 }, { id: 'not_stated', size: 0 }], 75, 5).hidden)).toEqual([]);
  });

  it('hides a group under k (primary) and the next smallest with it (complementary)', () => {
    const sut = suppressPartition([{ id: 'female', size: 40 }, { id: 'male', size: 3 }, { id: 'not_stated', size: 12 }], 55, 5);
    expect(ids(sut.hidden)).toEqual(['male', 'not_stated']);
    expect(sut.totalHidden).toBe(false);
  });

  it('needs no complement when two groups are already hidden', () => {
    const sut = suppressPartition([{ id: 'permanent', size: 50 }, { id: 'contract', size: 30 }, { id: 'intern', size: 2 }, { id: 'volunteer', size: 4 }], 86, 5);
    expect(ids(sut.hidden)).toEqual(['intern', 'volunteer']);
  });

  it('hides leaders and staff together when either is small', () => {
    expect(ids(suppressPartition([{ id: 'leaders', size: 2 }, { id: 'staff', size: 140 }], 142, 5).hidden)).toEqual(['leaders', 'staff']);
  });

  it('does not pick an empty group as the complement: it hides nobody', () => {
    const sut = suppressPartition([{ id: 'female', size: 3 }, { id: 'male', size: 0 }, { id: 'not_stated', size: 20 }], 23, 5);
    expect(ids(sut.hidden)).toEqual(['female', 'not_stated']);
  });

  it('hides everything, the total included, when the whole population is under k', () => {
    const sut = suppressPartition([{ id: 'leaders', size: 1 }, { id: 'staff', size: 3 }], 4, 5);
    expect(ids(sut.hidden)).toEqual(['leaders', 'staff']);
    expect(sut.totalHidden).toBe(true);
  });

  it('uses a larger k from the configuration', () => {
    expect(ids(suppressPartition([{ id: 'a', size: 9 }, { id: 'b', size: 30 }, { id: 'c', size: 12 }], 51, 10).hidden)).toEqual(['a', 'c']);
  });
});

describe('k is never below 5', () => {
  it('treats a smaller k as 5', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    expect(ids(suppressPartition([{ id: 'a', size: 4 }, { id: 'b', size: 30 }, { id: 'c', size: 12 }], 46, 2).hidden)).toEqual(['a', 'c']);
    expect(ids(suppressPartition([{ id: 'a', size: 4 }, { id: 'b', size: 30 }, { id: 'c', size: 12 }], 46, Number.NaN).hidden)).toEqual(['a', 'c']);
  });

  it('is refused below 5 by the configuration, which defaults to 5', () => {
    expect(() => loadConfig({ REPORT_MIN_GROUP_SIZE: '4' })).toThrow(ConfigError);
    expect(() => loadConfig({ REPORT_MIN_GROUP_SIZE: '4' })).toThrow(/REPORT_MIN_GROUP_SIZE/);
    expect(loadConfig({}).reportMinGroupSize).toBe(5);
    expect(loadConfig({ REPORT_MIN_GROUP_SIZE: '8' }).reportMinGroupSize).toBe(8);
  });
});

describe('suppressUnitTree', () => {
  // root ─ a ─ a1, a2
  //      └ b ─ b1, b2
  const tree = (size: Record<'root' | 'a' | 'a1' | 'a2' | 'b' | 'b1' | 'b2', number>): UnitCounts[] => [
    { id: 'root', parentId: null, size: size.root },
    { id: 'a', parentId: 'root', size: size.a },
    { id: 'a1', parentId: 'a', size: size.a1 },
    { id: 'a2', parentId: 'a', size: size.a2 },
    { id: 'b', parentId: 'root', size: size.b },
    { id: 'b1', parentId: 'b', size: size.b1 },
    { id: 'b2', parentId: 'b', size: size.b2 },
  ];

  it('shows the whole tree when no unit is small', () => {
    expect(ids(suppressUnitTree(tree({ root: 59, a: 30, a1: 20, a2: 10, b: 29, b1: 5, b2: 24 }), 59, 5))).toEqual([]);
  });

  it('hides a small unit and its smallest sibling when its parent has no direct members', () => {
    expect(ids(suppressUnitTree(tree({ root: 57, a: 30, a1: 20, a2: 10, b: 27, b1: 3, b2: 24 }), 57, 5))).toEqual(['b1', 'b2']);
  });

  it('lets the parent’s direct members (never published) protect a small unit', () => {
    // b has 6 people of its own (b = b1 + b2 + 6): b1 cannot be told apart from them.
    expect(ids(suppressUnitTree(tree({ root: 63, a: 30, a1: 20, a2: 10, b: 33, b1: 3, b2: 24 }), 63, 5))).toEqual(['b1']);
  });

  it('protects a small group of direct members as if it were a cell', () => {
    // b has 2 people of its own: publishing b, b1 and b2 would give them away as b − b1 − b2.
    expect(ids(suppressUnitTree(tree({ root: 61, a: 30, a1: 20, a2: 10, b: 31, b1: 5, b2: 24 }), 61, 5))).toEqual(['b1']);
    // 2 people outside any unit: root must go, and since root = a + b, a = a1 + a2 and b = b1 + b2,
    // so must a chain of units down to a leaf.
    const units = tree({ root: 59, a: 30, a1: 20, a2: 10, b: 29, b1: 5, b2: 24 });
    const hidden = suppressUnitTree(units, 61, 5);
    expect(hidden.has('root')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(3);
    expect(recoverable(unitCells(units, 61), unitEquations(units), hidden)).toEqual([]);
  });

  it('hides further when a hidden complement can be recomputed from its own children', () => {
    // x (3) is hidden with its smallest sibling y (12); but y = y1 + y2 with both shown and no
    // direct members, so y would come back from below and x with it: something more must go.
    const units: UnitCounts[] = [
      { id: 'p', parentId: null, size: 40 },
      { id: 'x', parentId: 'p', size: 3 },
      { id: 'y', parentId: 'p', size: 12 },
      { id: 'z', parentId: 'p', size: 25 },
      { id: 'y1', parentId: 'y', size: 6 },
      { id: 'y2', parentId: 'y', size: 6 },
    ];
    const hidden = suppressUnitTree(units, 40, 5);
    expect(hidden.has('x')).toBe(true);
    expect(hidden.size).toBeGreaterThanOrEqual(3);
    expect(recoverable(unitCells(units, 40), unitEquations(units), hidden)).toEqual([]);
  });

  it('hides a small unit’s whole subtree (its children are at most as large)', () => {
    const units: UnitCounts[] = [
      { id: 'p', parentId: null, size: 50 },
      { id: 'q', parentId: 'p', size: 4 },
      { id: 'q1', parentId: 'q', size: 3 },
      { id: 'q2', parentId: 'q', size: 1 },
      { id: 'r', parentId: 'p', size: 46 },
    ];
    expect(ids(suppressUnitTree(units, 50, 5))).toEqual(['q', 'q1', 'q2', 'r']);
  });

  it('leaves empty units shown as zeros', () => {
    expect(ids(suppressUnitTree([{ id: 'p', parentId: null, size: 10 }, { id: 'e', parentId: 'p', size: 0 }], 10, 5))).toEqual([]);
  });
});

describe('suppress against an independent solver', () => {
  it('never leaves a small cell recoverable by any combination of the equations (random unit trees)', () => {
    const random = seeded(20261125);
    for (let run = 0; run < 400; run++) {
      const n = 1 + Math.floor(random() * 14);
      const parents: (number | null)[] = [];
      const own: number[] = [];
      for (let i = 0; i < n; i++) {
        parents.push(i === 0 || random() < 0.15 ? null : Math.floor(random() * i));
        own.push(random() < 0.3 ? 0 : Math.floor(random() * 12));
      }
      const size = own.map((_, i) => subtree(i, parents, own));
      const outside = random() < 0.5 ? 0 : Math.floor(random() * 6);
      const units: UnitCounts[] = size.map((s, i) => ({ id: `u${i}`, parentId: parents[i] === null ? null : `u${parents[i]}`, size: s }));
      const total = size.filter((_, i) => parents[i] === null).reduce((a, b) => a + b, outside);
      const hidden = suppressUnitTree(units, total, 5);
      for (const u of units) if (u.size > 0 && u.size < 5) expect(hidden.has(u.id)).toBe(true);
      const cells = unitCells(units, total);
      const leak = recoverable(cells, unitEquations(units), total < 5 ? new Set([...hidden, 'ORG']) : hidden);
      expect({ run, units, total, leak }).toEqual({ run, units, total, leak: [] });
    }
  });
});

describe('suppressSmall (groups that are parts of no published total)', () => {
  it('hides exactly the groups of 1..k-1, never an empty one, with k at least 5', () => {
    const groups = [0, 1, 4, 5, 30].map((size) => ({ id: `g${size}`, size }));
    expect([...suppressSmall(groups, 5)].sort()).toEqual(['g1', 'g4']);
    expect([...suppressSmall(groups, 2)].sort()).toEqual(['g1', 'g4']);
    expect([...suppressSmall(groups, 6)].sort()).toEqual(['g1', 'g4', 'g5']);
  });
});

describe('publish', () => {
  it('gives nulls together for a hidden group and no rate for an empty one', () => {
    expect(publish({ assigned: 3, completed: 1, overdue: 1, assignments: 6, assignmentsCompleted: 4 }, true)).toEqual({
      assigned: null, completed: null, overdue: null, completionRate: null, moduleCompletionRate: null, suppressed: true,
    });
    expect(publish({ assigned: 0, completed: 0, overdue: 0, assignments: 0, assignmentsCompleted: 0 }, false)).toEqual({
      assigned: 0, completed: 0, overdue: 0, completionRate: null, moduleCompletionRate: null, suppressed: false,
    });
    const shown = publish({ assigned: 8, completed: 6, overdue: 1, assignments: 40, assignmentsCompleted: 36 }, false);
    expect([shown.completionRate, shown.moduleCompletionRate]).toEqual([0.75, 0.9]);
  });

  it('refuses an equation about a cell it does not know', () => {
    expect(() => suppress([{ id: 'a', size: 1, kind: 'published' }], [{ total: 'a', parts: ['b'] }], 5)).toThrow(/unknown cell b/);
  });
});

/* ---- an independent check: which hidden or implicit small cells does linear algebra determine? ---- */

function subtree(i: number, parents: (number | null)[], own: number[]): number {
  return own[i] + parents.reduce<number>((sum, p, j) => (p === i ? sum + subtree(j, parents, own) : sum), 0);
}

function unitCells(units: UnitCounts[], total: number): Cell[] {
  const cells: Cell[] = [{ id: 'ORG', size: total, kind: 'pinned' }, ...units.map((u) => ({ id: u.id, size: u.size, kind: 'published' as const }))];
  for (const parent of ['ORG', ...units.map((u) => u.id)]) {
    const kids = units.filter((u) => (u.parentId ?? 'ORG') === parent);
    if (kids.length === 0) continue;
    const size = parent === 'ORG' ? total : units.find((u) => u.id === parent)!.size;
    cells.push({ id: `d:${parent}`, size: size - kids.reduce((s, k) => s + k.size, 0), kind: 'implicit' });
  }
  return cells;
}

function unitEquations(units: UnitCounts[]): Equation[] {
  return ['ORG', ...units.map((u) => u.id)]
    .map((parent) => ({ total: parent, parts: units.filter((u) => (u.parentId ?? 'ORG') === parent).map((u) => u.id) }))
    .filter((e) => e.parts.length > 0)
    .map((e) => ({ total: e.total, parts: [...e.parts, `d:${e.total}`] }));
}

/** Small cells (hidden or implicit) whose value follows from the shown ones, by Gaussian elimination. */
function recoverable(cells: Cell[], equations: Equation[], hidden: Set<string>): string[] {
  const unknown = cells.filter((c) => (c.kind === 'implicit' ? c.size > 0 : hidden.has(c.id))).map((c) => c.id);
  const index = new Map(unknown.map((id, i) => [id, i]));
  const rows = equations.map((e) => {
    const row = new Array<number>(unknown.length).fill(0);
    if (index.has(e.total)) row[index.get(e.total)!] += 1;
    for (const p of e.parts) if (index.has(p)) row[index.get(p)!] -= 1;
    return row;
  });
  const rank = (m: number[][]) => {
    const a = m.map((r) => [...r]);
    let r = 0;
    for (let c = 0; c < unknown.length && r < a.length; c++) {
      const pivot = a.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
      if (pivot < 0) continue;
      [a[r], a[pivot]] = [a[pivot], a[r]];
      for (let i = 0; i < a.length; i++) {
        if (i === r || Math.abs(a[i][c]) < 1e-9) continue;
        const f = a[i][c] / a[r][c];
        for (let j = c; j < unknown.length; j++) a[i][j] -= f * a[r][j];
      }
      r++;
    }
    return r;
  };
  const base = rank(rows);
  return cells
    .filter((c) => c.size > 0 && c.size < 5 && index.has(c.id))
    .map((c) => c.id)
    .filter((id) => {
      const unit = new Array<number>(unknown.length).fill(0);
      unit[index.get(id)!] = 1;
      return rank([...rows, unit]) === base;
    });
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
