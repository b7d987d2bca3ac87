import { join } from 'node:path';
import { formatProblems, loadContent } from './content-loader';
import type { ScenarioBlock } from './content.types';

/**
 * The Satgas module and the interactive layer of every module, measured on the repository's real content
 * (issue 13): what the content engineer promised is there, so that a missing file fails here and not in
 * front of a learner.
 */
describe('the Satgas module and the interactive blocks in the real content', () => {
  const real = loadContent(join(process.cwd(), '..', 'content'));
  const blocksOf = (slug: string) => real.modules.find((m) => m.slug === slug)?.lessons.flatMap((l) => l.blocks) ?? [];

  it('loads without problems', () => {
    expect(formatProblems(real.problems)).toBe('');
  });

  it('has the Satgas module for the satgas audience, shaped like the leaders modules', () => {
    const module = real.modules.find((m) => m.slug === 'satgas-handling-reports');
    expect(module).toBeDefined();
    if (!module) return;
    expect(module.audience).toBe('satgas');
    expect(module.passMark).toBe(80);
    expect(module.recertificationMonths).toBe(12);
    expect(module.lessons.reduce((sum, l) => sum + l.minSeconds, 0)).toBeGreaterThanOrEqual(module.estimatedMinutes * 30);
    expect(module.lessons[0].source.id).toContain('{{> help}}');
    expect(module.lessons[0].source.en).toContain('{{> help}}');
    expect(module.questions.length).toBeGreaterThanOrEqual(10);
    expect(module.questions.length).toBeLessThanOrEqual(12);
    const topics = new Set(module.questions.map((q) => q.topic));
    expect(topics.size).toBeGreaterThanOrEqual(5);
    expect(topics.size).toBeLessThanOrEqual(6);
    expect(new Set(module.pretest.map((q) => q.topic))).toEqual(topics);
  });

  it('does not count the Satgas module towards the staff or leaders tracks', () => {
    const tracks = real.modules.filter((m) => m.audience === 'everyone' || m.audience === 'leaders' || m.audience === 'staff');
    expect(tracks.map((m) => m.slug)).not.toContain('satgas-handling-reports');
  });

  it.each(real.modules.map((m) => m.slug))('module %s has one scenario, one reflection, 1-3 checks and a pre-test over every quiz topic', (slug) => {
    const module = real.modules.find((m) => m.slug === slug);
    if (!module) throw new Error(`no module ${slug}`);
    const blocks = blocksOf(slug);
    expect(blocks.filter((b) => b.type === 'scenario')).toHaveLength(1);
    expect(blocks.filter((b) => b.type === 'reflection')).toHaveLength(1);
    const checks = blocks.filter((b) => b.type === 'check').length;
    expect(checks).toBeGreaterThanOrEqual(1);
    expect(checks).toBeLessThanOrEqual(3);
    expect(new Set(module.pretest.map((q) => q.topic))).toEqual(new Set(module.questions.map((q) => q.topic)));
    // A branching scenario: at least three decisions and at least three different endings.
    const scenario = blocks.find((b): b is ScenarioBlock => b.type === 'scenario');
    if (!scenario) throw new Error(`no scenario in ${slug}`);
    expect(scenario.nodes.filter((n) => !n.end).length).toBeGreaterThanOrEqual(3);
    expect(scenario.nodes.filter((n) => n.end).length).toBeGreaterThanOrEqual(3);
  });
});
