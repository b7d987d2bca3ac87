import Handlebars from 'handlebars';
import { renderMarkdown } from '../common/markdown';
import type { Lang, Text } from './content.types';

/** Organisation facts that HR maintains and lessons show (see content/README.md). */
export interface OrganizationFacts {
  name: string;
  sopSteps: Text[] | { id: string[]; en: string[] };
  taskForce: { name: string; role: Text; contact: string }[];
  channels: { name: Text; contact: string; independent?: boolean }[];
}

const PARTIALS: Record<string, Record<Lang, string>> = {
  sop: {
    id: `{{#if sop.length}}{{#each sop}}{{add @index 1}}. {{this}}\n{{/each}}{{else}}_{{org.name}} belum menerbitkan langkah-langkah SOP. Tanyakan kepada HR atau Satgas._\n{{/if}}`,
    en: `{{#if sop.length}}{{#each sop}}{{add @index 1}}. {{this}}\n{{/each}}{{else}}_{{org.name}} has not published its SOP steps yet. Ask HR or the task force._\n{{/if}}`,
  },
  taskForce: {
    id: `{{#if taskForce.length}}{{#each taskForce}}- **{{name}}**, {{role}}: {{contact}}\n{{/each}}{{else}}_Susunan Satgas {{org.name}} belum diisi. Tanyakan kepada HR._\n{{/if}}`,
    en: `{{#if taskForce.length}}{{#each taskForce}}- **{{name}}**, {{role}}: {{contact}}\n{{/each}}{{else}}_The task force of {{org.name}} has not been listed yet. Ask HR._\n{{/if}}`,
  },
  channels: {
    id: `{{#if channels.length}}{{#each channels}}- **{{name}}**: {{contact}}{{#if independent}} (independen, di luar {{../org.name}}){{/if}}\n{{/each}}{{else}}_Kanal pelaporan {{org.name}} belum diisi. Tanyakan kepada HR._\n{{/if}}`,
    en: `{{#if channels.length}}{{#each channels}}- **{{name}}**: {{contact}}{{#if independent}} (independent, outside {{../org.name}}){{/if}}\n{{/each}}{{else}}_The reporting channels of {{org.name}} have not been listed yet. Ask HR._\n{{/if}}`,
  },
  help: {
    id: `{{> channels}}- **SAPA 129** (Kementerian PPPA): telepon 021-129, WhatsApp 0811 129 129\n- **Komnas Perempuan** (pengaduan): 021-3903963, pengaduan@komnasperempuan.go.id\n`,
    en: `{{> channels}}- **SAPA 129** (Ministry of Women's Empowerment and Child Protection): call 021-129, WhatsApp 0811 129 129\n- **Komnas Perempuan** (complaints): 021-3903963, pengaduan@komnasperempuan.go.id\n`,
  },
};

/**
 * Fills the placeholders and renders Markdown to HTML. Raw HTML in content or in HR's settings is
 * escaped, never rendered; templates are compiled once per lesson and language.
 */
export class LessonRenderer {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  constructor() {
    this.hbs.registerHelper('add', (a: number, b: number) => a + b);
    for (const lang of ['id', 'en'] as const) {
      for (const [name, source] of Object.entries(PARTIALS)) this.hbs.registerPartial(`${lang}:${name}`, source[lang].replace('{{> channels}}', `{{> ${lang}:channels}}`));
    }
  }

  render(cacheKey: string, source: string, lang: Lang, facts: OrganizationFacts): string {
    const key = `${cacheKey}:${lang}`;
    let template = this.compiled.get(key);
    if (!template) {
      // Content partials are language-neutral ({{> sop}}); map them to this language's partial.
      const localized = source.replace(/\{\{>\s*(\w+)\s*\}\}/g, (_, name: string) => `{{> ${lang}:${name}}}`);
      template = this.hbs.compile(localized, { strict: false, noEscape: false });
      this.compiled.set(key, template);
    }
    const sop = Array.isArray(facts.sopSteps) ? facts.sopSteps.map((s) => s[lang]) : (facts.sopSteps?.[lang] ?? []);
    const markdownSource = template({
      org: { name: facts.name },
      sop,
      taskForce: (facts.taskForce ?? []).map((m) => ({ ...m, role: m.role?.[lang] ?? '' })),
      channels: (facts.channels ?? []).map((c) => ({ ...c, name: c.name?.[lang] ?? '' })),
    });
    return renderMarkdown(markdownSource);
  }
}
