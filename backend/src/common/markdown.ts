import MarkdownIt from 'markdown-it';

/** Markdown with raw HTML escaped (never rendered) and unsafe link schemes refused. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
