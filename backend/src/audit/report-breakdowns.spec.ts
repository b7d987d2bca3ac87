import { suppressLeadersStaff } from './audit-reports.service';
import { suppressPartition } from './report-breakdowns';

const cells = (...sizes: number[]) => sizes.map((assigned) => ({ assigned, hidden: false }));
const hidden = (cs: { hidden: boolean }[]) => cs.map((c) => c.hidden);

describe('small-cell suppression', () => {
  it('hides groups of 1..k-1 people but not empty ones', () => {
    const sut = cells(3, 0, 40, 20);
    suppressPartition(sut, 5);
    expect(hidden(sut)).toEqual([true, false, false, true]); // 20 hidden too: else 3 = total − 40 − 20
  });

  it('hides the next smallest cell when exactly one is hidden (complementary)', () => {
    const sut = cells(4, 30, 12);
    suppressPartition(sut, 5);
    expect(hidden(sut)).toEqual([true, false, true]);
  });

  it('leaves a safe partition alone', () => {
    const sut = cells(10, 30, 12);
    suppressPartition(sut, 5);
    expect(hidden(sut)).toEqual([false, false, false]);
    const two = cells(2, 3, 50);
    suppressPartition(two, 5);
    expect(hidden(two)).toEqual([true, true, false]);
  });

  it('counts an unpublished cell (a unit’s direct members) as already hidden', () => {
    const sut = cells(3, 30);
    suppressPartition(sut, 5, true);
    expect(hidden(sut)).toEqual([true, false]);
  });

  it('hides leaders and staff together when either is small', () => {
    const g = (assigned: number) => ({ people: assigned, assigned, completed: 0, overdue: 0 });
    const out = suppressLeadersStaff({ all: g(14), leaders: g(2), staff: g(12) }, 5);
    expect([out.all.suppressed, out.leaders.suppressed, out.staff.suppressed]).toEqual([false, true, true]);
    expect(out.staff.assigned).toBeNull();
  });
});
