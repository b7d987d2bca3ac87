import { Routes, UrlMatchResult, UrlSegment } from '@angular/router';
import { LearnHome } from './learn-home';
import { ModuleReader } from './module-reader';
import { PastResultPage } from './past-result-page';
import { PolicyPage } from './policy-page';
import { PretestPage } from './pretest-page';
import { QuizPage } from './quiz-page';
import { ResultPage } from './result-page';
import { SurveyPage } from './survey-page';
import { TeamPage } from './team-page';

/**
 * `modules/:slug` (resume at the first unread lesson) and `modules/:slug/lessons/:lessonId` share
 * one route, so moving between lessons keeps the reader and its loaded module.
 */
export function readerMatcher(segments: UrlSegment[]): UrlMatchResult | null {
  const [modules, slug, lessons, lessonId] = segments;
  if (modules?.path !== 'modules' || !slug) return null;
  if (segments.length === 2) return { consumed: segments, posParams: { slug } };
  if (segments.length === 4 && lessons.path === 'lessons')
    return { consumed: segments, posParams: { slug, lessonId } };
  return null;
}

export default [
  { path: '', title: 'titles.learn', component: LearnHome },
  { matcher: readerMatcher, title: 'titles.module', component: ModuleReader },
  { path: 'modules/:slug/quiz', title: 'titles.quiz', component: QuizPage },
  {
    path: 'modules/:slug/pretest',
    title: 'interactive.pretest.pageTitle',
    component: PretestPage,
  },
  {
    path: 'modules/:slug/result',
    title: 'titles.result',
    component: ResultPage,
  },
  {
    path: 'modules/:slug/attempts/:attemptId',
    title: 'titles.result',
    component: PastResultPage,
  },
  { path: 'policies/:id', title: 'titles.policy', component: PolicyPage },
  { path: 'team', title: 'team.title', component: TeamPage },
  { path: 'surveys/:waveId', title: 'surveys.answer.pageTitle', component: SurveyPage },
] satisfies Routes;
