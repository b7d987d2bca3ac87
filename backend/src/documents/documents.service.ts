import { Inject, Injectable, Logger, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { documentsAssetsDir } from './assets';
import { ChromiumPool } from './chromium-pool';

export const NO_CHROMIUM_MESSAGE =
  'PDF documents are unavailable: no Chromium was found. Install one (Debian/Ubuntu: apt-get install -y chromium) ' +
  'or set PUPPETEER_EXECUTABLE_PATH to its executable, then restart Aman.';

export class DocumentRenderError extends ServiceUnavailableException {}

/**
 * The one rendering service: handlebars templates compiled once, fonts bundled and inlined, printed
 * by one shared Chromium with a small pool of reused pages. A failed render is retried once (on a
 * fresh browser if it crashed) and otherwise answers a clear 503; it never takes the app down.
 */
@Injectable()
export class DocumentsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private readonly pool: ChromiumPool | null;
  private readonly hbs = Handlebars.create();
  private readonly templates = new Map<string, HandlebarsTemplateDelegate>();
  private assetsDir: string | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.pool = config.chromiumPath
      ? new ChromiumPool({ executablePath: config.chromiumPath, pages: config.documentPages, recycleAfter: config.documentRecycleAfter, timeoutMs: 30000 })
      : null;
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  }

  get available(): boolean {
    return this.pool !== null;
  }

  ensureAvailable(): void {
    if (!this.pool) throw new ServiceUnavailableException(NO_CHROMIUM_MESSAGE);
  }

  private assets(): string {
    this.assetsDir ??= documentsAssetsDir();
    return this.assetsDir;
  }

  /** Compiled once per template name; the fonts partial inlines the bundled fonts. */
  template(name: string): HandlebarsTemplateDelegate {
    let template = this.templates.get(name);
    if (!template) {
      if (!this.hbs.partials['fonts']) this.hbs.registerPartial('fonts', this.fontFaces());
      template = this.hbs.compile(readFileSync(join(this.assets(), 'templates', `${name}.hbs`), 'utf8'), { strict: true });
      this.templates.set(name, template);
    }
    return template;
  }

  private fontFaces(): string {
    const face = (family: string, file: string, weight: number) =>
      `@font-face{font-family:'${family}';font-weight:${weight};font-style:normal;` +
      `src:url(data:font/ttf;base64,${readFileSync(join(this.assets(), 'fonts', file)).toString('base64')}) format('truetype');}`;
    return [face('Noto Sans', 'NotoSans-Regular.ttf', 400), face('Noto Sans', 'NotoSans-Bold.ttf', 700), face('Noto Serif', 'NotoSerif-Bold.ttf', 700)].join('\n');
  }

  renderHtml(name: string, data: object): string {
    return this.template(name)(data);
  }

  async pdf(html: string, options: { landscape?: boolean } = {}): Promise<Buffer> {
    this.ensureAvailable();
    try {
      return await this.pool!.pdf(html, options);
    } catch (first) {
      this.logger.warn(`render failed, retrying once: ${String(first)}`);
      try {
        return await this.pool!.pdf(html, options);
      } catch (second) {
        this.logger.error(`render failed twice: ${String(second)}`);
        throw new DocumentRenderError('The PDF could not be rendered right now. Please try again in a moment.');
      }
    }
  }

  async render(name: string, data: object, options: { landscape?: boolean } = {}): Promise<Buffer> {
    return this.pdf(this.renderHtml(name, data), options);
  }

  browserPid(): Promise<number | null> {
    return this.pool?.pid() ?? Promise.resolve(null);
  }

  memoryBytes(): Promise<number> {
    return this.pool?.memoryBytes() ?? Promise.resolve(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.close();
  }
}
