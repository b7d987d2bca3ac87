import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { EntityManager } from 'typeorm';
import { SigningKeysService } from '../audit/signing-keys.service';
import { AGREE } from '../surveys/survey-content';
import { SurveysService } from '../surveys/surveys.service';

/** Answers of a demo respondent, varied by index so that the waves differ and every group has answers. */
function answersFor(i: number, agreeBelow: number, trustBelow: number): Record<string, string> {
  const likert = (threshold: number, salt: number) => {
    const x = ((i * 37 + salt * 11) % 100) / 100;
    return x < threshold * 0.6 ? 'agree' : x < threshold ? 'strongly-agree' : x < threshold + 0.15 ? 'neutral' : x < threshold + 0.3 ? 'disagree' : 'strongly-disagree';
  };
  return {
    'know-where': likert(agreeBelow, 1),
    'know-rights': (i * 7) % 10 < 6 ? 'yes' : 'no',
    'trust-handled': likert(trustBelow, 2),
    'trust-protected': likert(trustBelow - 0.05, 3),
    witnessed: (i * 13) % 10 < 2 ? 'yes' : (i * 13) % 10 < 8 ? 'no' : 'prefer-not',
    experienced: (i * 17) % 10 < 1 ? 'yes' : (i * 17) % 10 < 8 ? 'no' : 'prefer-not',
    'leaders-conduct': likert(trustBelow + 0.05, 4),
    'leaders-example': likert(trustBelow + 0.1, 5),
  };
}

const share = (answers: Record<string, string>[], question: string) => answers.filter((a) => AGREE.has(a[question])).length / answers.length;

/**
 * Demo data of issue 14: a survey wave open today, two past climate-survey waves with anonymous results (more than k each, so
 * results show), the partner's indicators with targets accepted by HR, and two earlier archived audit
 * reports holding indicator snapshots, so that trends show from the first start. The archived reports'
 * PDFs say they are seeded demo entries; they are signed with the instance's key like any report.
 */
@Injectable()
export class DemoSurveys {
  constructor(
    private readonly surveys: SurveysService,
    private readonly keys: SigningKeysService,
  ) {}

  async seed(m: EntityManager, demo: { organizationId: string; engagementId: string; hrId: string }): Promise<void> {
    const orgId = demo.organizationId;
    const questionnaire = this.surveys.questionnaire('climate-2026');
    if (!questionnaire) return;
    const [{ today }] = await m.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [orgId]);
    const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const people: { id: string }[] = await m.query(`SELECT id FROM users WHERE organization_id = $1 AND status = 'active' ORDER BY employee_number NULLS LAST, email`, [orgId]);
    const waves = [
      { opensOn: day(-200), closesOn: day(-170), share: 0.7, agree: 0.5, trust: 0.4, reportEnd: day(-160) },
      { opensOn: day(-60), closesOn: day(-30), share: 0.8, agree: 0.7, trust: 0.55, reportEnd: day(-20) },
    ];
    const snapshots: { periodEnd: string; values: Record<string, number | null> }[] = [];
    for (const [w, wave] of waves.entries()) {
      const [row] = await m.query(
        `INSERT INTO survey_waves (organization_id, questionnaire_slug, questionnaire_version, questionnaire, audience, opens_on, closes_on, final_flush_done, created_by)
         VALUES ($1, $2, $3, $4, 'everyone', $5, $6, true, $7) RETURNING id`,
        [orgId, questionnaire.slug, questionnaire.version, JSON.stringify(questionnaire), wave.opensOn, wave.closesOn, demo.hrId],
      );
      const respondents = people.filter((_, i) => (i * 31 + w * 7) % 100 < wave.share * 100);
      const answers: Record<string, string>[] = [];
      const rows: { answers: Record<string, string>; unitId: string | null; role: string | null; gender: string | null }[] = [];
      for (const [i, person] of respondents.entries()) {
        await m.query(`INSERT INTO survey_participation (wave_id, user_id, answered_on) VALUES ($1, $2, $3)`, [row.id, person.id, day(-200 + w * 140 + (i % 20))]);
        const a = answersFor(i + w * 3, wave.agree, wave.trust);
        if (i % 4 === 0) a['comments'] = i % 8 === 0 ? 'Pelatihan untuk pimpinan unit lapangan perlu ditambah.' : 'Mohon kanal pelaporan dipasang juga di lokasi kerja lapangan.';
        answers.push(a);
        const groups = await this.surveys.groupAttributesIn(m, person.id, { organizationId: orgId, audience: 'everyone' });
        rows.push({ answers: a, ...groups });
      }
      // Results in random order, as the pool would move them; no link to the participation rows above.
      await m.query(
        `INSERT INTO survey_responses (wave_id, answers, unit_id, role, gender)
         SELECT $1, r.answers, r."unitId", r.role, r.gender FROM jsonb_to_recordset($2::jsonb) AS r(answers jsonb, "unitId" uuid, role text, gender text) ORDER BY random()`,
        [row.id, JSON.stringify(rows)],
      );
      snapshots.push({
        periodEnd: wave.reportEnd,
        values: {
          // Completion at the time of the earlier reports (demo history; today's values come from the live data).
          completion_leaders: w === 0 ? 0.42 : 0.61,
          completion_staff: w === 0 ? 0.38 : 0.57,
          knowledge_gain: null,
          know_how_to_report: share(answers, 'know-where'),
          trust_process: share(answers, 'trust-handled'),
          cases_received_per_quarter: null,
          cases_closed_per_quarter: null,
          median_days_to_close: null,
          findings_closed_on_time: null,
        },
      });
    }

    // The current wave, open for everyone: what staff@demo.test answers from the home page.
    await m.query(
      `INSERT INTO survey_waves (organization_id, questionnaire_slug, questionnaire_version, questionnaire, audience, opens_on, closes_on, created_by)
       VALUES ($1, $2, $3, $4, 'everyone', $5, $6, $7)`,
      [orgId, questionnaire.slug, questionnaire.version, JSON.stringify(questionnaire), day(-3), day(27), demo.hrId],
    );

    const [auditor] = await m.query(`SELECT u.id FROM users u JOIN engagements e ON e.partner_id = u.partner_id WHERE e.id = $1 ORDER BY u.email LIMIT 1`, [demo.engagementId]);
    await m.query(
      `INSERT INTO indicator_agreements (engagement_id, status, proposed_by, proposed_at, decided_by, decided_at) VALUES ($1, 'accepted', $2, now() - interval '80 days', $3, now() - interval '78 days')`,
      [demo.engagementId, auditor.id, demo.hrId],
    );
    const targets: [string, number][] = [
      ['completion_leaders', 0.9],
      ['completion_staff', 0.85],
      ['know_how_to_report', 0.8],
      ['trust_process', 0.7],
      ['knowledge_gain', 0.2],
      ['median_days_to_close', 30],
      ['findings_closed_on_time', 1],
    ];
    await m.query(
      `INSERT INTO engagement_indicators (engagement_id, indicator, target, position)
       SELECT $1, t.indicator, t.target, t.ord FROM unnest($2::text[], $3::numeric[]) WITH ORDINALITY AS t(indicator, target, ord)`,
      [demo.engagementId, targets.map((t) => t[0]), targets.map((t) => t[1])],
    );

    // Without a signing key (production with DEMO_DATA and no AUDIT_SIGNING_KEY_FILE) there are no
    // archived reports to show a trend from; the rest of the demo stands.
    if (!this.keys.canSign) return;
    for (const snapshot of snapshots) {
      const pdf = await archivedReportPdf(snapshot.periodEnd);
      const { signature, keyId } = this.keys.sign(pdf);
      await m.query(
        `INSERT INTO audit_reports (organization_id, requested_by, period_start, period_end, lang, status, pdf, sha256, signature, key_id, pages, numbers, created_at, finished_at)
         VALUES ($1, $2, $3::date - 180, $3, 'id', 'done', $4, $5, $6, $7, 1, $8, $3::date + 1, $3::date + 1)`,
        [orgId, demo.hrId, snapshot.periodEnd, pdf, createHash('sha256').update(pdf).digest('hex'), signature, keyId, JSON.stringify({ summary: {}, breakdowns: {}, certificates: {}, indicators: snapshot.values })],
      );
    }
  }
}

async function archivedReportPdf(periodEnd: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  const lines = [
    'Aman - laporan audit arsip (data demo) / archived audit report (demo data)',
    `Periode / period ending ${periodEnd}`,
    'Entri ini dibuat oleh data demo agar tren indikator terlihat sejak awal.',
    'This entry was seeded by the demo data so that indicator trends show from the first start.',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 48, y: 780 - i * 20, size: 11, font }));
  return Buffer.from(await doc.save());
}
