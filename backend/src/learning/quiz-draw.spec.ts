import type { CatalogModule, QuizQuestion } from '../catalog/content.types';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../config/config';
import { SecretBox } from '../mail/secret-box';
import { decodeAnswers, drawQuiz, presentDraw } from './quiz-draw';
import { QuizOptionIds } from './quiz-option-ids';

// The real option ids, under a secrets key made in a temporary DATA_DIR.
const optionIds = new QuizOptionIds(new SecretBox({ dataDir: mkdtempSync(join(tmpdir(), 'aman-quiz-ids-')) } as AppConfig));
const drawIds = () => {
  const drawId = randomUUID();
  return Object.assign((questionId: string, authored: readonly string[]) => optionIds.make(drawId, questionId, authored), { drawId });
};
const randomIds = drawIds();

const t = (s: string) => ({ id: s, en: s });
const question = (id: string, topic: string): QuizQuestion => ({
  id,
  topic,
  multiple: false,
  text: t(id),
  options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, correct: o === 'a', text: t(o), explanation: t(o) })),
});
const bank = (perAttempt: number): CatalogModule => ({
  slug: 'm',
  order: 1,
  title: t('M'),
  summary: t('S'),
  audience: 'everyone',
  estimatedMinutes: 10,
  passMark: 80,
  recertificationMonths: 12,
  version: 'v1',
  lessons: [],
  // Topic "consent" has 4 questions, "power" 3, "reporting" 1.
  questions: [
    question('c1', 'consent'), question('c2', 'consent'), question('p1', 'power'), question('c3', 'consent'),
    question('p2', 'power'), question('r1', 'reporting'), question('p3', 'power'), question('c4', 'consent'),
  ],
  perAttempt,
  pretest: [],
});

describe('the per-attempt quiz draw', () => {
  it('asks perAttempt questions covering every topic, in the bank order', () => {
    const module = bank(4);
    for (let i = 0; i < 50; i++) {
      const ids = drawQuiz(module, randomIds).map((q) => q.id);
      expect(ids).toHaveLength(4);
      const topics = ids.map((id) => module.questions.find((q) => q.id === id)!.topic);
      expect(new Set(topics)).toEqual(new Set(['consent', 'power', 'reporting']));
      expect([...ids].sort((a, b) => module.questions.findIndex((q) => q.id === a) - module.questions.findIndex((q) => q.id === b))).toEqual(ids);
    }
  });

  it('draws different questions within a topic and different option orders across attempts', () => {
    const module = bank(3);
    const sets = new Set<string>();
    const keyPositions = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const draw = drawQuiz(module, randomIds);
      sets.add(draw.map((q) => q.id).join(','));
      for (const q of draw) keyPositions.add(q.options.findIndex((o) => o.authored === 'a'));
    }
    // 4 × 3 × 1 possible sets; position of the key anywhere among 4.
    expect(sets.size).toBeGreaterThan(6);
    expect(keyPositions).toEqual(new Set([0, 1, 2, 3]));
  });

  it('gives options opaque ids that say nothing about the authored position', () => {
    const draw = drawQuiz(bank(8), randomIds);
    expect(draw).toHaveLength(8);
    for (const q of draw) {
      expect(q.options.map((o) => o.authored).sort()).toEqual(['a', 'b', 'c', 'd']);
      expect(q.options.every((o) => /^[A-Za-z0-9_-]{34}$/.test(o.id))).toBe(true);
      expect(new Set(q.options.map((o) => o.id)).size).toBe(4);
    }
  });

  it('keeps the ids it has always given: HMAC-SHA512 over the draw and the length-prefixed question and options', () => {
    // Draws stored before a change must still decode: the construction is fixed, so it is spelled out here.
    const dataDir = mkdtempSync(join(tmpdir(), 'aman-quiz-ids-'));
    const box = new SecretBox({ dataDir } as AppConfig);
    const ids = new QuizOptionIds(box);
    const drawId = randomUUID();
    const draw = Buffer.from(drawId.replace(/-/g, ''), 'hex');
    const h = createHmac('sha512', box.deriveKey('quiz-option-ids')).update(draw);
    for (const part of ['q-édition', 'a', 'b', 'c']) {
      const bytes = Buffer.from(part, 'utf8');
      h.update(Buffer.from([bytes.length >> 8, bytes.length & 0xff])).update(bytes);
    }
    const mac = h.digest();
    const expected = [0, 1, 2].map((i) => Buffer.concat([draw, mac.subarray(i * 9, (i + 1) * 9)]).toString('base64url'));
    expect(ids.make(drawId, 'q-édition', ['a', 'b', 'c'])).toEqual(expected);
    expect(ids.drawOf(expected[1])).toBe(drawId);
  });

  it('maps a stored draw back to the bank, or says it no longer fits the content', () => {
    const module = bank(8);
    const draw = drawQuiz(module, randomIds);
    const presented = presentDraw(module, { version: 'v1', questions: draw })!;
    expect(presented.map((p) => p.question.id)).toEqual(draw.map((d) => d.id));
    expect(presented[0].options.map((o) => o.option.id)).toEqual(draw[0].options.map((o) => o.authored));
    expect(presentDraw({ ...module, questions: module.questions.slice(1) }, { version: 'v1', questions: draw })).toBeNull();
    // Made for another version: its questions may have been reworded or rekeyed since, even when every id still fits.
    expect(presentDraw({ ...module, version: 'v2' }, { version: 'v1', questions: draw })).toBeNull();
  });

  describe('decoding a submission without its stored draw', () => {
    const module = bank(8);
    const ids = drawIds();
    const draw = drawQuiz(module, ids);
    const answers = Object.fromEntries(draw.map((q) => [q.id, [q.options[0].id]]));

    it('finds the draw and each chosen option, in the order the quiz showed', () => {
      const decoded = decodeAnswers(module, answers, optionIds)!;
      expect(decoded.drawId).toBe(ids.drawId);
      expect(decoded.questions.map((q) => q.question.id)).toEqual(draw.map((q) => q.id));
      for (const q of decoded.questions) {
        const chosen = q.options.find((o) => o.id === answers[q.question.id][0])!;
        expect(chosen.option.id).toBe(draw.find((d) => d.id === q.question.id)!.options[0].authored);
      }
    });

    it('refuses ids of another draw, of another question, or altered', () => {
      const other = drawQuiz(module, drawIds());
      const [q1, q2] = draw;
      expect(decodeAnswers(module, { ...answers, [q1.id]: [other[0].options[0].id] }, optionIds)).toBeNull();
      expect(decodeAnswers(module, { ...answers, [q1.id]: [q2.options[0].id] }, optionIds)).toBeNull();
      const altered = q1.options[0].id.slice(0, -2) + (q1.options[0].id.endsWith('AA') ? 'AB' : 'AA');
      expect(decodeAnswers(module, { ...answers, [q1.id]: [altered] }, optionIds)).toBeNull();
      expect(decodeAnswers(module, { ...answers, [q1.id]: ['a'] }, optionIds)).toBeNull();
      expect(decodeAnswers(module, { nope: [q1.options[0].id] }, optionIds)).toBeNull();
    });

    it('gives the same authored option a different id in every draw', () => {
      const seen = new Set(Array.from({ length: 50 }, () => drawIds()('q1', ['a', 'b'])[0]));
      expect(seen.size).toBe(50);
    });
  });
});
