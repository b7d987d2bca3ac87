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
  /** Lessons read of the lessons in the module. */
  progress: { read: number; total: number };
  /** The module's estimated duration; null when it left the catalog. */
  estimatedMinutes?: number | null;
  /** The latest submitted quiz attempt, whose result can be opened again. */
  lastAttemptId?: string | null;
}

/** The one thing to do next about an assignment, shown as its main link. */
export const NEXT_STEPS = ['start', 'continue', 'quiz', 'review'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export function nextStepFor(assignment: Assignment): NextStep {
  const { read, total } = assignment.progress;
  switch (assignment.status) {
    case 'completed':
    case 'expired':
      return 'review';
    case 'not_started':
      return read > 0 ? 'continue' : 'start';
    default:
      return total > 0 && read >= total
        ? 'quiz'
        : read > 0
          ? 'continue'
          : 'start';
  }
}
