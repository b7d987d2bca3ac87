import { Role } from '../core/session/current-user';

/** `GET /api/units`: a flat list; `parentId` builds the tree. */
export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** One person of `GET /api/users`. */
export interface Person {
  id: string;
  name: string;
  email: string;
  employeeNumber: string | null;
  unitId: string | null;
  unitName: string | null;
  isLeader: boolean;
  gender: string;
  employmentType: string;
  roles: Role[];
  status: string;
}

/** One message of `GET /api/outbox`. */
export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
  status: string;
}

export const HR_PAGE_SIZE = 25;

/** Builds the unit tree; a unit whose parent is missing from the list is shown as a root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map(
    units.map((unit) => [unit.id, { unit, children: [] as UnitNode[] }]),
  );
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId
      ? nodes.get(node.unit.parentId)
      : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const byName = (a: UnitNode, b: UnitNode) =>
    a.unit.name.localeCompare(b.unit.name);
  const sortDeep = (list: UnitNode[]): UnitNode[] => {
    list.sort(byName);
    list.forEach((node) => sortDeep(node.children));
    return list;
  };
  return sortDeep(roots);
}
