import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CatalogModule } from './content.types';

@Injectable()
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Mirrors the content into `modules` (and remembers every version) so SQL can join on it. */
  async sync(modules: CatalogModule[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('aman.catalog-sync'))`);
      const rows = modules.map((mod) => ({
        slug: mod.slug,
        version: mod.version,
        position: mod.order,
        title: mod.title,
        audience: mod.audience,
        pass_mark: mod.passMark,
        recertification_months: mod.recertificationMonths,
        lesson_count: mod.lessons.length,
      }));
      await m.query(
        `INSERT INTO modules (slug, version, position, title, audience, pass_mark, recertification_months, lesson_count, active, updated_at)
         SELECT slug, version, position, title, audience, pass_mark, recertification_months, lesson_count, true, now()
           FROM jsonb_to_recordset($1::jsonb) AS r(slug text, version text, position int, title jsonb, audience text,
                pass_mark int, recertification_months int, lesson_count int)
         ON CONFLICT (slug) DO UPDATE SET version = EXCLUDED.version, position = EXCLUDED.position, title = EXCLUDED.title,
           audience = EXCLUDED.audience, pass_mark = EXCLUDED.pass_mark,
           recertification_months = EXCLUDED.recertification_months, lesson_count = EXCLUDED.lesson_count,
           active = true, updated_at = now()
         WHERE (modules.version, modules.position, modules.active) IS DISTINCT FROM (EXCLUDED.version, EXCLUDED.position, true)`,
        [JSON.stringify(rows)],
      );
      await m.query(
        `INSERT INTO module_versions (slug, version) SELECT r.slug, r.version
           FROM jsonb_to_recordset($1::jsonb) AS r(slug text, version text) ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
      // A module removed from content keeps its history (completions point at it) but is retired.
      await m.query(`UPDATE modules SET active = false, updated_at = now() WHERE active AND NOT (slug = ANY($1::text[]))`, [
        modules.map((mod) => mod.slug),
      ]);
    });
  }
}
