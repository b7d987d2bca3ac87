import { suppressLeadersStaff } from './audit-reports.service';

describe('audit report summary suppression', () => {
  it('hides leaders and staff together when either is small', () => {
    const g = (assigned: number) => ({ people: assigned, assigned, completed: 0, overdue: 0 });
    const out = suppressLeadersStaff({ all: g(14), leaders: g(2), staff: g(12) }, 5);
    expect([out.all.suppressed, out.leaders.suppressed, out.staff.suppressed]).toEqual([false, true, true]);
    expect(out.staff.assigned).toBeNull();
  });

  it('shows both when both are large enough', () => {
    const g = (assigned: number) => ({ people: assigned, assigned, completed: 1, overdue: 0 });
    const out = suppressLeadersStaff({ all: g(30), leaders: g(10), staff: g(20) }, 5);
    expect([out.leaders.suppressed, out.staff.suppressed]).toEqual([false, false]);
    expect(out.staff.assigned).toBe(20);
  });
});
