import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ReportingService, type CompletionRow } from '../reporting/reporting.service';

type Lang = 'id' | 'en';

export type BreakdownRow = CompletionRow;

const LABELS: Record<Lang, Record<string, string>> = {
  id: { leaders: 'Pimpinan', staff: 'Staf', female: 'Perempuan', male: 'Laki-laki', not_stated: 'Tidak disebutkan', permanent: 'Tetap', contract: 'Kontrak', intern: 'Magang', volunteer: 'Relawan' },
  en: { leaders: 'Leaders', staff: 'Staff', female: 'Female', male: 'Male', not_stated: 'Not stated', permanent: 'Permanent', contract: 'Contract', intern: 'Intern', volunteer: 'Volunteer' },
};

/**
 * The breakdowns an audit report shows: the HR dashboards' own numbers and suppression
 * (ReportingService), with group keys turned into the report's language.
 */
@Injectable()
export class ReportBreakdowns {
  constructor(
    private readonly reporting: ReportingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get minGroupSize(): number {
    return this.config.reportMinGroupSize;
  }

  async all(organizationId: string, lang: Lang): Promise<Record<'unit' | 'role' | 'gender' | 'employmentType', BreakdownRow[]>> {
    const get = (groupBy: 'unit' | 'role' | 'gender' | 'employmentType') => this.reporting.completion(organizationId, { groupBy, lang }, lang);
    const [role, gender, employmentType, unit] = await Promise.all([get('role'), get('gender'), get('employmentType'), get('unit')]);
    const label = (rows: BreakdownRow[]) => rows.map((r) => ({ ...r, group: LABELS[lang][r.group] ?? r.group }));
    return { role: label(role), gender: label(gender), employmentType: label(employmentType), unit };
  }
}
