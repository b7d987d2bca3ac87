import { AssignmentStatus } from './assignment';

/** `GET /api/my/team`. */
export interface TeamAssignment {
  module: { slug: string; title: string };
  status: AssignmentStatus;
  dueAt: string;
  completedAt: string | null;
}

export interface TeamPerson {
  id: string;
  name: string;
  unitName: string | null;
  assignments: TeamAssignment[];
  remindedToday: boolean;
  hasOpen: boolean;
}

export interface TeamUnit {
  id: string;
  name: string;
  parentId: string | null;
}

export interface Team {
  units: TeamUnit[];
  people: TeamPerson[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CatalogModule {
  slug: string;
  title: string;
}

export const TEAM_STATUSES: readonly AssignmentStatus[] = [
  'overdue',
  'not_started',
  'in_progress',
  'completed',
  'expired',
];

export const TEAM_PAGE_SIZE = 100;
