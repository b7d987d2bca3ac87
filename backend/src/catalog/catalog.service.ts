import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { CatalogRepository } from './catalog.repository';
import { formatProblems, loadContent } from './content-loader';
import type { CatalogModule, Lang } from './content.types';
import { LessonRenderer, type OrganizationFacts } from './lesson-renderer';

export class InvalidContentError extends Error {}

/** The training modules from content/, validated once at boot; invalid content stops the start. */
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly logger = new Logger('Catalog');
  private readonly renderer = new LessonRenderer();
  private modules = new Map<string, CatalogModule>();

  constructor(
    private readonly repository: CatalogRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const { modules, problems } = loadContent(this.config.contentDir);
    if (problems.length > 0) {
      throw new InvalidContentError(`Training content is invalid (${problems.length} problem(s)):\n${formatProblems(problems)}`);
    }
    this.modules = new Map(modules.map((m) => [m.slug, m]));
    await this.repository.sync(modules);
    this.logger.log(`${modules.length} training modules loaded`);
  }

  list(): CatalogModule[] {
    return [...this.modules.values()].sort((a, b) => a.order - b.order);
  }

  get(slug: string): CatalogModule | undefined {
    return this.modules.get(slug);
  }

  renderLesson(module: CatalogModule, lessonId: string, lang: Lang, facts: OrganizationFacts): string {
    const lesson = module.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`no lesson ${lessonId} in ${module.slug}`);
    return this.renderer.render(`${module.slug}@${module.version}/${lessonId}`, lesson.source[lang], lang, facts);
  }

  /** One Markdown part of a lesson (between block markers), rendered like a whole lesson. */
  renderLessonPart(module: CatalogModule, lessonId: string, index: number, markdown: string, lang: Lang, facts: OrganizationFacts): string {
    return this.renderer.render(`${module.slug}@${module.version}/${lessonId}#${index}`, markdown, lang, facts);
  }
}
