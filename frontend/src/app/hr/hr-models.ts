import { Role } from '../core/session/current-user';
import { PolicyKind } from '../shared/policy-kinds';

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

/** Text HR writes in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/** One version of `GET /api/policies`; `body` is the Markdown as HR wrote it. */
export interface PolicyVersion {
  id: string;
  kind: PolicyKind;
  version: number;
  title: Bilingual;
  body: Bilingual;
  publishedAt: string;
  /** The latest version of its kind: the only one people can sign. */
  current: boolean;
  leadersSigned: number;
  staffSigned: number;
  leadersTotal: number;
  staffTotal: number;
}

export interface NewPolicy {
  kind: PolicyKind;
  title: Bilingual;
  body: Bilingual;
}

/** One person of `GET /api/policies/:id/signatures`. */
export interface Signature {
  id: string;
  name: string;
  unitName: string | null;
  isLeader: boolean;
  signedAt: string | null;
  typedName: string | null;
}

/** `GET|PUT /api/organizations/:orgId/settings`: the facts lessons are filled in with. */
export interface OrganizationSettings {
  timeZone: string;
  sopSteps: { id: string[]; en: string[] };
  taskForce: { name: string; role: Bilingual; contact: string }[];
  channels: { name: Bilingual; contact: string; independent: boolean }[];
}

export const CERTIFICATE_STATUSES = ['valid', 'expired', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** One certificate of `GET /api/certificates`. */
export interface IssuedCertificate {
  serial: string;
  holder: string;
  moduleSlug: string;
  module: string;
  issuedAt: string;
  expiresOn: string;
  revokedAt: string | null;
  revokedReason: string | null;
  verifications: number;
  expired: boolean;
}

export function certificateStatus(
  certificate: IssuedCertificate,
): CertificateStatus {
  if (certificate.revokedAt) return 'revoked';
  return certificate.expired ? 'expired' : 'valid';
}
