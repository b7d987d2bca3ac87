import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Modules (mirrored from content/ at boot so SQL can join titles and audiences), assignments,
 * lesson progress, quiz attempts, completions, and versioned policy / commitment documents.
 */
export class Learning1764100000000 implements MigrationInterface {
  name = 'Learning1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE modules (
        slug text PRIMARY KEY,
        version text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        title jsonb NOT NULL,
        audience text NOT NULL CHECK (audience IN ('everyone', 'leaders', 'staff')),
        pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
        recertification_months integer NOT NULL CHECK (recertification_months > 0),
        lesson_count integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE module_versions (
        slug text NOT NULL REFERENCES modules(slug),
        version text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (slug, version)
      )`);
    await q.query(`
      CREATE TABLE assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_id uuid NOT NULL REFERENCES users(id),
        module_slug text NOT NULL REFERENCES modules(slug),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        due_on date NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        module_version text,
        expires_on date,
        exempted_at timestamptz,
        exempt_reason text,
        rule_id uuid,
        CHECK ((completed_at IS NULL) = (module_version IS NULL))
      )`);
    // Never two open assignments of one module for one person.
    await q.query(
      `CREATE UNIQUE INDEX assignments_one_open ON assignments (user_id, module_slug) WHERE completed_at IS NULL AND exempted_at IS NULL`,
    );
    await q.query(`CREATE INDEX assignments_org_idx ON assignments (organization_id, module_slug)`);
    await q.query(`CREATE INDEX assignments_user_idx ON assignments (user_id)`);
    await q.query(`
      CREATE TABLE lesson_progress (
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        lesson_id text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        PRIMARY KEY (assignment_id, lesson_id)
      )`);
    await q.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        assignment_id uuid NOT NULL REFERENCES assignments(id),
        user_id uuid NOT NULL REFERENCES users(id),
        module_slug text NOT NULL,
        module_version text NOT NULL,
        answers jsonb NOT NULL,
        score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
        passed boolean NOT NULL,
        result jsonb NOT NULL,
        idempotency_key text,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX quiz_attempts_assignment_idx ON quiz_attempts (assignment_id, created_at)`);
    await q.query(`
      CREATE TABLE completions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        assignment_id uuid NOT NULL UNIQUE REFERENCES assignments(id),
        user_id uuid NOT NULL REFERENCES users(id),
        module_slug text NOT NULL,
        module_version text NOT NULL,
        attempt_id uuid REFERENCES quiz_attempts(id),
        score integer NOT NULL,
        time_spent_seconds integer NOT NULL,
        completed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX completions_org_idx ON completions (organization_id, completed_at)`);
    await q.query(`
      CREATE TABLE policy_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        kind text NOT NULL CHECK (kind IN ('policy', 'commitment')),
        version integer NOT NULL,
        title jsonb NOT NULL,
        body jsonb NOT NULL,
        published_by uuid REFERENCES users(id),
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, kind, version)
      )`);
    await q.query(`
      CREATE TABLE acknowledgements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document_id uuid NOT NULL REFERENCES policy_documents(id),
        user_id uuid NOT NULL REFERENCES users(id),
        typed_name text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (document_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['acknowledgements', 'policy_documents', 'completions', 'quiz_attempts', 'lesson_progress', 'assignments', 'module_versions', 'modules']) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
