import { join } from 'node:path';
import { formatProblems, loadContent } from './content-loader';

/**
 * The leaders' track measured on the repository's real content: California SB 1343, the benchmark
 * the programme follows, asks for 2 hours for supervisors and 1 hour for staff.
 */
describe("the leaders' track in the real content", () => {
  const real = loadContent(join(process.cwd(), '..', 'content'));
  const minutesFor = (audience: 'leaders' | 'staff') =>
    real.modules.filter((m) => m.audience === 'everyone' || m.audience === audience).reduce((sum, m) => sum + m.estimatedMinutes, 0);

  it('loads without problems', () => {
    expect(formatProblems(real.problems)).toBe('');
  });

  it('gives leaders at least 2 hours and staff at least 1 hour of estimated time', () => {
    expect(minutesFor('leaders')).toBeGreaterThanOrEqual(120);
    expect(minutesFor('staff')).toBeGreaterThanOrEqual(60);
  });

  it('recertifies every leaders module every 12 months, like the rest', () => {
    const leaders = real.modules.filter((m) => m.audience === 'leaders');
    expect(leaders.length).toBeGreaterThanOrEqual(4);
    expect(leaders.filter((m) => m.recertificationMonths !== 12).map((m) => m.slug)).toEqual([]);
  });

  it.each(['leaders-field-safety', 'leaders-interim-measures', 'leaders-host-duties'])('has the leaders module %s, shaped like the rest', (slug) => {
    const module = real.modules.find((m) => m.slug === slug);
    expect(module).toBeDefined();
    if (!module) return;
    expect(module.audience).toBe('leaders');
    expect(module.estimatedMinutes).toBeGreaterThanOrEqual(15);
    expect(module.estimatedMinutes).toBeLessThanOrEqual(20);
    expect(module.passMark).toBe(80);
    expect(module.recertificationMonths).toBe(12);
    expect(module.lessons.length).toBeGreaterThanOrEqual(4);
    expect(module.lessons.length).toBeLessThanOrEqual(6);
    // Reading time the server enforces covers at least half of the estimate.
    expect(module.lessons.reduce((sum, l) => sum + l.minSeconds, 0)).toBeGreaterThanOrEqual(module.estimatedMinutes * 30);
    expect(module.lessons[0].source.id).toContain('{{> help}}');
    expect(module.lessons[0].source.en).toContain('{{> help}}');
    expect(module.questions).toHaveLength(10);
    expect(new Set(module.questions.map((q) => q.topic)).size).toBe(5);
    expect(module.perAttempt).toBe(8);
  });
});
