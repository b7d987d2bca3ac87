import { join } from 'node:path';
import type { ContentProblem } from '../catalog/content.types';
import { loadSurveys, parseSurvey } from './survey-content';

const VALID = `slug: s
version: 1
title: { id: "Judul", en: "Title" }
intro: { id: "Pengantar", en: "Intro" }
contentNote: { id: "Catatan", en: "Note" }
support: { id: "Dukungan", en: "Support" }
questions:
  - id: a
    type: likert
    indicator: know_how_to_report
    text: { id: "A", en: "A" }
  - id: b
    type: single
    text: { id: "B", en: "B" }
    options:
      - id: x
        text: { id: "X", en: "X" }
      - id: y
        text: { id: "Y", en: "Y" }
  - id: c
    type: free_text
    optional: true
    text: { id: "C", en: "C" }
`;

function check(source: string): { problems: ContentProblem[]; ok: boolean } {
  const problems: ContentProblem[] = [];
  const survey = parseSurvey('survey.yaml', source, 's', problems);
  return { problems, ok: survey !== null };
}

describe('survey questionnaire format (content:check)', () => {
  it('accepts the shipped climate questionnaire', () => {
    const { surveys, problems } = loadSurveys(join(process.cwd(), '..', 'content'));
    expect(problems).toEqual([]);
    const climate = surveys.find((s) => s.slug === 'climate-2026')!;
    expect(climate.questions.filter((q) => q.type === 'free_text')).toHaveLength(1);
    expect(climate.questions.map((q) => q.indicator).filter(Boolean).sort()).toEqual(['know_how_to_report', 'trust_process']);
  });

  it('accepts a minimal valid file and gives likert its fixed options', () => {
    const problems: ContentProblem[] = [];
    const survey = parseSurvey('survey.yaml', VALID, 's', problems);
    expect(problems).toEqual([]);
    expect(survey!.questions[0].options.map((o) => o.id)).toEqual(['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree']);
  });

  it('names the line of a missing translation', () => {
    const { problems, ok } = check(VALID.replace('text: { id: "B", en: "B" }', 'text: { id: "B" }'));
    expect(ok).toBe(false);
    expect(problems).toEqual([{ file: 'survey.yaml', line: 14, message: 'missing translation: question b in English (en)' }]);
  });

  it('refuses a second free-text question and a required free text', () => {
    const { problems } = check(`${VALID}  - id: d\n    type: free_text\n    text: { id: "D", en: "D" }\n`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [25, 'a questionnaire has at most one free-text question'],
      [24, 'the free-text question must be optional: true'],
    ]);
  });

  it('refuses an unknown type, an optional closed question and an indicator on a non-likert question', () => {
    const { problems } = check(
      VALID.replace('type: likert', 'type: rating').replace('  - id: b\n    type: single', '  - id: b\n    type: single\n    optional: true\n    indicator: trust_process'),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'type must be one of: likert, yes_no, single, free_text',
      'only the free-text question may be optional (offer a "prefer not to say" option instead)',
      'an indicator is the share who agree: only on a likert question',
    ]);
  });

  it('refuses duplicate ids, a slug that is not the folder and invalid YAML', () => {
    expect(check(VALID.replace('  - id: b', '  - id: a')).problems.map((p) => p.message)).toContain('duplicate question id "a"');
    expect(check(VALID.replace('slug: s', 'slug: t')).problems.map((p) => [p.line, p.message])).toEqual([[1, 'slug must be the folder\'s name "s"']]);
    expect(check('slug: [').problems[0].message).toMatch(/^invalid YAML/);
  });
});
