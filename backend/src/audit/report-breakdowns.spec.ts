import type { CompletionRow, ReportingService, Summary } from '../reporting/reporting.service';
import { labelRows, reportNumbers, summaryCells } from './report-breakdowns';

const shown = { assigned: 12, completed: 3, overdue: 1, completionRate: 0.25, moduleCompletionRate: 0.6, suppressed: false };
const hidden = { assigned: null, completed: null, overdue: null, completionRate: null, moduleCompletionRate: null, suppressed: true };

describe('audit report numbers', () => {
  it('takes the summary cells as ReportingService published them, hidden ones included', () => {
    const summary: Summary = { ...shown, leaders: hidden, staff: hidden };
    expect(summaryCells(summary)).toEqual({ all: shown, leaders: hidden, staff: hidden });
  });

  it('names group codes in the report language and leaves unit names and numbers alone', () => {
    const rows: CompletionRow[] = [
      { group: 'leaders', ...hidden },
      { group: 'not_stated', ...shown },
      { group: 'Kantor Pusat', groupId: 'u1', parentId: null, ...shown },
    ];
    expect(labelRows(rows, 'id').map((r) => r.group)).toEqual(['Pimpinan', 'Tidak disebutkan', 'Kantor Pusat']);
    expect(labelRows(rows, 'en').map(({ group: _group, ...numbers }) => numbers)).toEqual(rows.map(({ group: _group, ...numbers }) => numbers));
  });

  it('takes the role section from the summary (one partition) and counts only the other breakdowns', async () => {
    const leaders = { ...shown, assigned: 5, completed: 1 };
    const asked: string[] = [];
    const reporting = {
      summary: async () => ({ ...shown, leaders, staff: hidden }),
      completion: async (_org: string, query: { groupBy: string }) => {
        asked.push(query.groupBy);
        return [{ group: 'female', ...shown }];
      },
    } as unknown as ReportingService;
    const { breakdowns } = await reportNumbers(reporting, 'org', 'en');
    expect(breakdowns.role).toEqual([
      { group: 'Leaders', ...leaders },
      { group: 'Staff', ...hidden },
    ]);
    expect(asked.sort()).toEqual(['employmentType', 'gender', 'unit']);
  });
});
