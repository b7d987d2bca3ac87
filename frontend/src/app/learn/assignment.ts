export const ASSIGNMENT_STATUSES = [
  'not_started',
  'in_progress',
  'completed',
  'overdue',
  'expired',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** One entry of `GET /api/my/assignments`. */
export interface Assignment {
  id: string;
  module: { slug: string; title: string; audience: string; version: string };
  status: AssignmentStatus;
  dueAt: string | null;
  completedAt: string | null;
  certificateSerial: string | null;
}
