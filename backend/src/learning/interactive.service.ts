import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service';
import type { Block, CatalogModule, Lang, Lesson } from '../catalog/content.types';
import type { OrganizationFacts } from '../catalog/lesson-renderer';
import type { Actor } from '../common/actor';
import { requireOrganization } from '../common/tenancy';
import { SecretBox } from '../mail/secret-box';
import { checkAnswers, grade, type Answers } from './grading';
import { InteractiveRepository } from './interactive.repository';
import { LearningRepository } from './learning.repository';
import type { PresentedQuestion } from './quiz-draw';

/** What a lesson's `blocks` holds in GET /api/modules/:slug, in the requested language. */
export type PresentedBlock =
  | { type: 'markdown'; html: string }
  | { type: 'check'; id: string; multiple: boolean; question: string; options: { id: string; text: string }[]; answered: boolean }
  | {
      type: 'scenario';
      id: string;
      title: string;
      start: string;
      nodes: { id: string; text: string; end: boolean; choices: { text: string; consequence: string; next: string }[] }[];
      debrief: string;
    }
  | { type: 'reflection'; id: string; prompt: string; text?: string };

/** The learner's side of a module's interactive parts, loaded with the module. */
export interface ReaderState {
  reflections: Map<string, string>;
  answered: Set<string>;
  /** Null when the module has no pre-test; `available` while it can still be taken. */
  pretest: { questions: number; available: boolean; score: number | null } | null;
}

export interface CheckResult {
  correct: boolean;
  feedback: { optionId: string; correct: boolean; feedback: string }[];
}

const badRequest = (field: string, message: string) =>
  new BadRequestException({ statusCode: 400, message: `${field}: ${message}`, fields: [{ field, message }] });

/**
 * In-lesson checks, the scenario and the reflection of a module (content/README.md, "Interactive
 * blocks"), and its pre-test. Checks are ungraded: the answer is recorded so that HR can see a check
 * was answered, never held against the learner. Reflections are the learner's alone: sealed at rest
 * under the installation's secrets key and read by no route but the learner's own module page.
 */
@Injectable()
export class InteractiveService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly learning: LearningRepository,
    private readonly repository: InteractiveRepository,
    private readonly box: SecretBox,
  ) {}

  private async assigned(actor: Actor, slug: string) {
    const module = this.catalog.get(slug);
    const assignment = module ? await this.learning.getAssignment(actor.userId, slug) : null;
    // Unknown and unassigned look the same from outside.
    if (!module || !assignment) throw new NotFoundException('Module not found');
    return { module, assignment };
  }

  /** What GET /api/modules/:slug adds to its lessons: reflections (decrypted) and the checks answered so far. */
  async readerState(userId: string, module: CatalogModule, assignment: { id: string; completed_at: Date | null }): Promise<ReaderState> {
    const [rows, answered, pretest] = await Promise.all([
      this.repository.reflections(userId, module.slug),
      this.repository.answeredChecks(assignment.id),
      module.pretest.length > 0 ? this.repository.pretestState(assignment.id) : null,
    ]);
    const reflections = new Map(rows.map((r) => [r.block_id, this.box.open(r.text_sealed, reflectionContext(userId, module.slug, r.block_id))]));
    return {
      reflections,
      answered: new Set(answered),
      pretest: pretest && {
        questions: module.pretest.length,
        available: pretest.score === null && !pretest.quiz_attempted && assignment.completed_at === null,
        score: pretest.score,
      },
    };
  }

  /** A lesson in reading order: its Markdown rendered between the blocks, blocks without answers. */
  presentLesson(module: CatalogModule, lesson: Lesson, lang: Lang, facts: OrganizationFacts, state: ReaderState): PresentedBlock[] {
    const byId = new Map(lesson.blocks.map((b) => [b.id, b]));
    return lesson.parts[lang].map((part, index): PresentedBlock => {
      if ('markdown' in part) return { type: 'markdown', html: this.catalog.renderLessonPart(module, lesson.id, index, part.markdown, lang, facts) };
      const block = byId.get(part.blockId) as Block;
      return presentBlock(block, lang, state);
    });
  }

  async check(actor: Actor, slug: string, lessonId: string, blockId: string | undefined, optionIds: string[] | undefined, lang?: Lang): Promise<CheckResult> {
    const { module, assignment } = await this.assigned(actor, slug);
    const lesson = module.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw badRequest('lessonId', `there is no lesson "${lessonId}" in this module`);
    const block = lesson.blocks.find((b) => b.id === blockId);
    if (!block || block.type !== 'check') throw badRequest('blockId', `lesson "${lessonId}" has no check "${String(blockId)}"`);
    const chosen = optionIds ?? [];
    const unknown = chosen.filter((id) => !block.options.some((o) => o.id === id));
    if (unknown.length) throw badRequest('optionIds', `unknown option(s) ${unknown.join(', ')}`);
    if (new Set(chosen).size !== chosen.length) throw badRequest('optionIds', 'an option is chosen twice');
    if (!block.multiple && chosen.length !== 1) throw badRequest('optionIds', 'choose exactly one option');
    const correctIds = block.options.filter((o) => o.correct).map((o) => o.id);
    const correct = correctIds.length === chosen.length && correctIds.every((id) => chosen.includes(id));
    await this.repository.recordCheck({ assignmentId: assignment.id, lessonId, blockId: block.id, version: module.version, optionIds: chosen, correct });
    const language = lang ?? actor.locale;
    return { correct, feedback: block.options.map((o) => ({ optionId: o.id, correct: o.correct, feedback: o.feedback[language] })) };
  }

  /** Saves (or, with an empty text, removes) the learner's reflection. */
  async saveReflection(actor: Actor, slug: string, blockId: string, text: string): Promise<void> {
    const { module } = await this.assigned(actor, slug);
    const block = module.lessons.flatMap((l) => l.blocks).find((b) => b.id === blockId);
    if (!block || block.type !== 'reflection') throw new NotFoundException(`This module has no reflection "${blockId}"`);
    if (text.trim() === '') return this.repository.deleteReflection(actor.userId, slug, blockId);
    await this.repository.saveReflection(actor.userId, slug, blockId, this.box.seal(text, reflectionContext(actor.userId, slug, blockId)));
  }

  /** The pre-test's questions without answers (written order, authored ids: it grades nothing that counts). */
  async pretest(actor: Actor, slug: string, lang?: Lang) {
    const { module, assignment } = await this.assigned(actor, slug);
    if (module.pretest.length === 0) throw new NotFoundException('This module has no pre-test');
    const language = lang ?? actor.locale;
    const state = await this.repository.pretestState(assignment.id);
    return {
      available: state.score === null && !state.quiz_attempted && assignment.completed_at === null,
      score: state.score,
      takenAt: state.taken_at,
      questions: module.pretest.map((q) => ({ id: q.id, text: q.text[language], multiple: q.multiple, options: q.options.map((o) => ({ id: o.id, text: o.text[language] })) })),
    };
  }

  async submitPretest(actor: Actor, slug: string, answers: Answers): Promise<{ score: number }> {
    const { module, assignment } = await this.assigned(actor, slug);
    if (module.pretest.length === 0) throw new NotFoundException('This module has no pre-test');
    const questions: PresentedQuestion[] = module.pretest.map((question) => ({ question, options: question.options.map((option) => ({ id: option.id, option })) }));
    const problems = checkAnswers(questions, answers);
    if (problems.length) throw new BadRequestException({ statusCode: 400, message: problems.map((p) => p.message).join('; '), fields: problems });
    if (assignment.completed_at !== null) throw new ConflictException('The module is completed: the pre-test comes before the quiz');
    const { score } = grade(questions, answers, 0, actor.locale);
    const stored = await this.repository.insertPretest({
      assignmentId: assignment.id,
      organizationId: requireOrganization(actor),
      userId: actor.userId,
      slug,
      version: module.version,
      answers,
      score,
    });
    if (!stored) throw new ConflictException('The pre-test is taken once per assignment, before the quiz');
    return { score };
  }
}

/** A reflection's sealed text is bound to its owner and place: copied onto another row it does not open. */
const reflectionContext = (userId: string, slug: string, blockId: string) => `reflection:${userId}:${slug}:${blockId}`;

function presentBlock(block: Block, lang: Lang, state: ReaderState): PresentedBlock {
  switch (block.type) {
    case 'check':
      return {
        type: 'check',
        id: block.id,
        multiple: block.multiple,
        question: block.question[lang],
        options: block.options.map((o) => ({ id: o.id, text: o.text[lang] })),
        answered: state.answered.has(block.id),
      };
    case 'scenario':
      return {
        type: 'scenario',
        id: block.id,
        title: block.title[lang],
        start: block.start,
        nodes: block.nodes.map((n) => ({ id: n.id, text: n.text[lang], end: n.end, choices: n.choices.map((c) => ({ text: c.text[lang], consequence: c.consequence[lang], next: c.next })) })),
        debrief: block.debrief[lang],
      };
    case 'reflection': {
      const text = state.reflections.get(block.id);
      return { type: 'reflection', id: block.id, prompt: block.prompt[lang], ...(text === undefined ? {} : { text }) };
    }
  }
}
