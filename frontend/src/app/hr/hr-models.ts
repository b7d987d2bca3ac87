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
  email: string | null;
  employeeNumber: string | null;
  unitId: string | null;
  unitName: string | null;
  isLeader: boolean;
  gender: string;
  employmentType: string;
  roles: Role[];
  status: string;
  /** The latest set-password or invitation link; null: never invited. */
  invitedAt?: string | null;
  /** The latest sign-in; null: never. */
  lastSignInAt?: string | null;
  /** Across the person's current assignments. */
  trainingStatus?: TrainingStatus;
}

/** `GET /api/users?training=`: a person's training across their current assignments. */
export const TRAINING_STATUSES = [
  'overdue',
  'in_progress',
  'expired',
  'completed',
  'none',
] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

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

/** As the server's enums (`people/person-row.ts`, `identity/identity.dto.ts`). */
export const GENDERS = ['female', 'male', 'not_stated'] as const;
export type Gender = (typeof GENDERS)[number];
export const EMPLOYMENT_TYPES = [
  'permanent',
  'contract',
  'intern',
  'volunteer',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const PERSON_LOCALES = ['id', 'en'] as const;
export type PersonLocale = (typeof PERSON_LOCALES)[number];
export const PERSON_STATUSES = ['active', 'deactivated'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** `GET|PATCH /api/users/:id` and the answer of `POST /api/users`. */
export interface PersonDetail {
  id: string;
  name: string;
  email: string | null;
  employeeNumber: string | null;
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  isLeader: boolean;
  leaderSince: string | null;
  gender: Gender;
  employmentType: EmploymentType;
  hireDate: string | null;
  locale: PersonLocale;
  roles: Role[];
  status: PersonStatus;
  deactivatedAt: string | null;
}

/** The body of `POST /api/users` and `PATCH /api/users/:id`; `null` clears an optional field. */
export interface PersonInput {
  email: string | null;
  name: string;
  employeeNumber: string | null;
  /** Required to add someone; left out of a change that keeps the unit. */
  unitId?: string;
  isLeader: boolean;
  gender: Gender;
  employmentType: EmploymentType;
  hireDate: string | null;
  locale: PersonLocale;
}

export const ASSIGNMENT_STATES = [
  'not_started',
  'in_progress',
  'completed',
  'overdue',
  'expired',
  'exempted',
] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** One assignment of `GET /api/assignments?userId=`, history included. */
export interface PersonAssignment {
  id: string;
  module: { slug: string; title: string; audience: string };
  status: AssignmentState;
  /** The latest assignment of its module: the one the person sees. */
  current: boolean;
  dueOn: string;
  assignedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresOn: string | null;
  exemptedAt: string | null;
  exemptReason: string | null;
  ruleId: string | null;
  extensions: number;
}

/** Still to be done: HR can move its due date or exempt the person. */
export function isOpenAssignment(assignment: PersonAssignment): boolean {
  return (
    assignment.current &&
    (assignment.status === 'not_started' ||
      assignment.status === 'in_progress' ||
      assignment.status === 'overdue')
  );
}

/** The server's upload limit for a CSV (`CSV_UPLOAD_LIMIT_BYTES`). */
export const MAX_CSV_BYTES = 60 * 1024 * 1024;

/** One problem of a CSV import; the header is line 1, `field` null when the whole line is wrong. */
export interface ImportLineError {
  line: number;
  field: string | null;
  message: string;
}

/** What `POST /api/users/import` and `POST /api/units/import` have in common. */
export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  /** At most the first 1,000; `errorCount` says how many there are. */
  errors: ImportLineError[];
  errorCount: number;
  /** False for a dry run and for an import refused because of errors. */
  written: boolean;
}

/** `POST /api/users/import?dryRun=&skipInvalid=`. */
export interface PeopleImportResult extends ImportOutcome {
  /** Lines not written because they have errors. */
  skipped: number;
}

/** `POST /api/units/import?dryRun=`: all or nothing. */
export type UnitImportResult = ImportOutcome;

export interface UnitInput {
  code: string;
  name: string;
  parentId: string | null;
}

/** `POST /api/units/:id/archive`. */
export interface ArchivedUnit {
  id: string;
  archivedUnits: number;
}

/** A unit as a choice in a select: tree order, `depth` to indent it by. */
export interface UnitOption {
  id: string;
  name: string;
  code: string;
  depth: number;
}

/** The tree flattened depth first, for selects; indentation shows the hierarchy. */
export function unitOptions(units: readonly Unit[]): UnitOption[] {
  const options: UnitOption[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const node of nodes) {
      options.push({ ...node.unit, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(buildUnitTree(units), 0);
  return options;
}

/** A select option's text: indented by depth (non-breaking spaces survive in `<option>`). */
export function indentedName(option: UnitOption): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(option.depth)}${option.name}`;
}

/** The ids of a unit and every unit below it: where it cannot be moved to. */
export function subtreeIds(units: readonly Unit[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    if (!unit.parentId) continue;
    children.set(unit.parentId, [
      ...(children.get(unit.parentId) ?? []),
      unit.id,
    ]);
  }
  const ids = new Set<string>();
  const queue = [id];
  while (queue.length) {
    const next = queue.pop() as string;
    if (ids.has(next)) continue;
    ids.add(next);
    queue.push(...(children.get(next) ?? []));
  }
  return ids;
}

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

/** A starting text from `GET /api/policies/templates`. */
export type PolicyTemplate = NewPolicy;

/** What `POST /api/policies/preview` answers: the text as signers see it and who will sign. */
export interface PublishPreview {
  kind: PolicyKind;
  version: number;
  toSign: number;
  signedCurrent: number;
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
  /** Printed on certificates; null when none is set. */
  certificateSignatory?: { name: string; title: Bilingual } | null;
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
