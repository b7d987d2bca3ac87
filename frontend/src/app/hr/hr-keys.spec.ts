import en from '../../../public/i18n/en.json';
import {
  ASSIGNMENT_STATES,
  EMPLOYMENT_TYPES,
  GENDERS,
  PERSON_STATUSES,
} from './hr-models';
import { PEOPLE_COLUMNS } from './import-page';
import {
  REPORT_GROUP_BYS,
  REPORT_INTERVALS,
  groupLabelKey,
} from './report-models';
import { AUDIENCES, DUE_FROM } from './rule-models';

function has(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node))
      return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('HR translation keys built from API values', () => {
  it('exist for every value the server sends', () => {
    const built = [
      ...GENDERS.map((g) => `hr.person.gender.${g}`),
      ...EMPLOYMENT_TYPES.map((t) => `hr.employmentType.${t}`),
      ...PERSON_STATUSES.map((s) => `hr.person.status.${s}`),
      ...ASSIGNMENT_STATES.map((s) => `hr.person.assignmentStatus.${s}`),
      ...AUDIENCES.map((a) => `hr.rules.audience.${a}`),
      ...DUE_FROM.map((d) => `hr.rules.dueFrom.${d}`),
      ...DUE_FROM.map((d) => `hr.rules.dueFromShort.${d}`),
      ...REPORT_GROUP_BYS.map((g) => `hr.dashboard.groupBy.${g}`),
      ...REPORT_INTERVALS.map((i) => `hr.dashboard.trend.intervals.${i}`),
      ...REPORT_INTERVALS.map((i) => `hr.dashboard.trend.periods.${i}`),
      ...['leaders', 'staff', 'everyone'].map(
        (p) => `hr.dashboard.position.${p}`,
      ),
      ...['extend', 'exempt'].flatMap((a) =>
        ['Heading', 'Intro', 'Confirm', 'Done'].map(
          (part) => `hr.person.assignments.${a}${part}`,
        ),
      ),
      ...['created', 'updated', 'deactivated'].map(
        (k) => `hr.rules.outcome.${k}`,
      ),
      ...['deactivated', 'reactivated'].map((k) => `hr.person.${k}`),
      ...PEOPLE_COLUMNS.flatMap((c) => [
        `hr.import.columns.${c}.need`,
        `hr.import.columns.${c}.value`,
      ]),
    ];
    expect(built.filter((key) => !has(key))).toEqual([]);
  });

  it('translate the group codes of the completion report', () => {
    const codes: [Parameters<typeof groupLabelKey>[0], string][] = [
      ['role', 'leaders'],
      ['role', 'staff'],
      ...GENDERS.map((g) => ['gender', g] as ['gender', string]),
      ...EMPLOYMENT_TYPES.map(
        (t) => ['employmentType', t] as ['employmentType', string],
      ),
    ];
    for (const [groupBy, group] of codes) {
      const key = groupLabelKey(groupBy, group);
      expect(key && has(key)).toBe(true);
    }
    expect(groupLabelKey('unit', 'Sekretariat')).toBeNull();
  });
});
