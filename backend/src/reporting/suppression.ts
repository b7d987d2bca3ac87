/**
 * Small-cell suppression for published counts of people.
 *
 * A cell is a group of people whose numbers may be published. Groups are linked by equations
 * (total = sum of parts): gender groups add up to the organisation, leaders plus staff too, and a
 * unit's subtree to its child units plus its own direct members. Anyone holding the published cells
 * can solve those equations, so hiding the small cells alone is not enough: a hidden cell that is
 * the only unknown of an equation is recovered by subtraction.
 *
 * `suppress` hides every published cell of 1..k-1 people (primary suppression), then, while some
 * sensitive cell can still be solved for, the smallest visible cell that breaks the solution
 * (complementary suppression). Sensitive are the hidden cells and the implicit cells that are never
 * published but must not be recoverable either (a unit's direct members when they are 1..k-1).
 *
 * "Can be solved for" is decided by peeling: an equation with exactly one unknown member determines
 * it, which may leave another equation with one unknown, and so on. For our equations, in which every
 * cell is the total of at most one equation and a part of at most one other (a tree), peeling finds
 * everything that linear algebra over the published numbers could.
 *
 * One decision covers all of a cell's numbers (assigned, completed, overdue): they obey the same
 * equations, so they are hidden and shown together.
 */

/** Never below this, whatever the configuration says: smaller groups point at individuals. */
export const MIN_GROUP_SIZE = 5;

export type CellKind =
  /** A row of the report. */
  | 'published'
  /** Never shown itself (e.g. a unit's direct members), yet part of an equation. */
  | 'implicit'
  /** Shown elsewhere whenever it is k or more (the organisation's total); never chosen as a complement. */
  | 'pinned';

export interface Cell {
  id: string;
  /** People in the group. */
  size: number;
  kind: CellKind;
}

export interface Equation {
  total: string;
  parts: string[];
}

/** The ids of the published and pinned cells to hide. */
export function suppress(cells: readonly Cell[], equations: readonly Equation[], k: number): Set<string> {
  const minimum = Math.max(MIN_GROUP_SIZE, Math.floor(k) || MIN_GROUP_SIZE);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const size = (id: string) => byId.get(id)?.size ?? 0;
  for (const e of equations) {
    for (const id of [e.total, ...e.parts]) if (!byId.has(id)) throw new Error(`equation names an unknown cell ${id}`);
  }
  const small = (c: Cell) => c.size > 0 && c.size < minimum;
  const hidden = new Set(cells.filter((c) => c.kind !== 'implicit' && small(c)).map((c) => c.id));
  const sensitive = cells.filter((c) => small(c)).map((c) => c.id);
  const memberOf = new Map<string, number[]>();
  equations.forEach((e, i) => {
    for (const id of [e.total, ...e.parts]) {
      const list = memberOf.get(id);
      if (list) list.push(i);
      else memberOf.set(id, [i]);
    }
  });

  for (;;) {
    const derivedBy = solvable(cells, equations, memberOf, hidden);
    const exposed = sensitive.filter((id) => derivedBy.has(id)).sort((a, b) => size(a) - size(b) || cmp(a, b));
    if (exposed.length === 0) return hidden;
    const complement = findComplement(exposed[0], derivedBy, equations, byId, hidden);
    // Only reachable when the pinned total itself gives the cell away, which a total of k or more cannot.
    if (!complement) return hidden;
    hidden.add(complement);
  }
}

/** Every cell an outsider can compute that is not shown, with the equation that gives it. */
function solvable(cells: readonly Cell[], equations: readonly Equation[], memberOf: Map<string, number[]>, hidden: Set<string>): Map<string, number> {
  // An empty group nobody sits in can be guessed, so an empty implicit cell counts as known.
  const known = new Set(cells.filter((c) => (c.kind === 'implicit' ? c.size === 0 : !hidden.has(c.id))).map((c) => c.id));
  const derivedBy = new Map<string, number>();
  const unknowns = equations.map((e) => [e.total, ...e.parts].filter((id) => !known.has(id)));
  const queue = equations.map((_, i) => i).filter((i) => unknowns[i].length === 1);
  for (let next = 0; next < queue.length; next++) {
    const i = queue[next];
    const open = unknowns[i].filter((id) => !known.has(id));
    if (open.length !== 1) continue;
    const [id] = open;
    known.add(id);
    derivedBy.set(id, i);
    for (const j of memberOf.get(id) ?? []) {
      if (j !== i && unknowns[j].filter((x) => !known.has(x)).length === 1) queue.push(j);
    }
  }
  return derivedBy;
}

/**
 * The smallest visible cell whose hiding stops `exposedId` from being derived: first among the parts
 * of the equation that gives it away, then its total, then, if all of those are themselves derived,
 * in the equations that derive them.
 */
function findComplement(
  exposedId: string,
  derivedBy: Map<string, number>,
  equations: readonly Equation[],
  byId: Map<string, Cell>,
  hidden: Set<string>,
): string | null {
  const size = (id: string) => byId.get(id)?.size ?? 0;
  const eligible = (id: string) => byId.get(id)?.kind === 'published' && !hidden.has(id) && size(id) > 0;
  const smallest = (ids: string[]) => ids.filter(eligible).sort((a, b) => size(a) - size(b) || cmp(a, b))[0];
  const seen = new Set<number>();
  const queue = [derivedBy.get(exposedId) ?? -1];
  for (let next = 0; next < queue.length; next++) {
    const i = queue[next];
    if (i < 0 || seen.has(i)) continue;
    seen.add(i);
    const e = equations[i];
    const pick = smallest(e.parts.filter((id) => id !== exposedId)) ?? smallest([e.total].filter((id) => id !== exposedId));
    if (pick) return pick;
    for (const id of [e.total, ...e.parts]) {
      const j = derivedBy.get(id);
      if (id !== exposedId && j !== undefined) queue.push(j);
    }
  }
  return null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface GroupCounts {
  assigned: number;
  completed: number;
  overdue: number;
  /** The group's current assignments and the completed ones among them (never published as counts). */
  assignments: number;
  assignmentsCompleted: number;
}

export interface PublishedCounts {
  assigned: number | null;
  completed: number | null;
  overdue: number | null;
  /** People who completed all their current assignments ÷ people with any. */
  completionRate: number | null;
  /** Completed current assignments ÷ current assignments: the headline figure. */
  moduleCompletionRate: number | null;
  suppressed: boolean;
}

/**
 * A group's numbers as published: all null when hidden; no rates for an empty group. The one place
 * where a group's counts become published numbers, so that every report hides and shows alike.
 */
export function publish(counts: GroupCounts, hide: boolean): PublishedCounts {
  if (hide) return { assigned: null, completed: null, overdue: null, completionRate: null, moduleCompletionRate: null, suppressed: true };
  return {
    assigned: counts.assigned,
    completed: counts.completed,
    overdue: counts.overdue,
    completionRate: counts.assigned > 0 ? counts.completed / counts.assigned : null,
    moduleCompletionRate: counts.assignments > 0 ? counts.assignmentsCompleted / counts.assignments : null,
    suppressed: false,
  };
}

/**
 * Groups that are not parts of any published total (modules, in which one person counts several
 * times; periods of completions): nothing can be subtracted, so only the small ones are hidden.
 */
export function suppressSmall(groups: readonly { id: string; size: number }[], k: number): Set<string> {
  return suppress(groups.map((g) => ({ id: g.id, size: g.size, kind: 'published' as const })), [], k);
}

/** Groups that add up to a known total (genders, leaders and staff, employment types). */
export function suppressPartition(groups: { id: string; size: number }[], total: number, k: number): { hidden: Set<string>; totalHidden: boolean } {
  const TOTAL = '\u0000total';
  const hidden = suppress(
    [{ id: TOTAL, size: total, kind: 'pinned' }, ...groups.map((g) => ({ id: g.id, size: g.size, kind: 'published' as const }))],
    [{ total: TOTAL, parts: groups.map((g) => g.id) }],
    k,
  );
  const totalHidden = hidden.delete(TOTAL);
  return { hidden, totalHidden };
}

export interface UnitCounts {
  id: string;
  parentId: string | null;
  /** People in the unit's whole subtree. */
  size: number;
}

/**
 * A unit tree: each unit's subtree adds up to its child units plus its own direct members (an
 * implicit cell, whatever is not in a child), and the root units plus the people outside any unit
 * add up to the organisation's total.
 */
export function suppressUnitTree(units: readonly UnitCounts[], organizationTotal: number, k: number): Set<string> {
  const ORG = '\u0000organization';
  const present = new Set(units.map((u) => u.id));
  const children = new Map<string, UnitCounts[]>();
  for (const u of units) {
    const parent = u.parentId && present.has(u.parentId) ? u.parentId : ORG;
    const list = children.get(parent);
    if (list) list.push(u);
    else children.set(parent, [u]);
  }
  const cells: Cell[] = [{ id: ORG, size: organizationTotal, kind: 'pinned' }, ...units.map((u) => ({ id: u.id, size: u.size, kind: 'published' as const }))];
  const equations: Equation[] = [];
  const sizeOf = new Map<string, number>([[ORG, organizationTotal], ...units.map((u) => [u.id, u.size] as [string, number])]);
  for (const [parent, kids] of children) {
    const direct = `\u0000direct:${parent}`;
    cells.push({ id: direct, size: Math.max(0, (sizeOf.get(parent) ?? 0) - kids.reduce((sum, c) => sum + c.size, 0)), kind: 'implicit' });
    equations.push({ total: parent, parts: [...kids.map((c) => c.id), direct] });
  }
  const hidden = suppress(cells, equations, k);
  hidden.delete(ORG);
  return hidden;
}
