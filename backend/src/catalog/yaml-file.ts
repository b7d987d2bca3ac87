import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { LANGS, type ContentProblem, type Text } from './content.types';

/** A parsed YAML file that can say on which line a path sits. */
export class YamlFile {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
    private readonly problems: ContentProblem[],
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const line = error.linePos?.[0]?.line ?? 1;
      problems.push({ file, line, message: `invalid YAML: ${error.message.split('\n')[0]}` });
    }
  }

  get ok(): boolean {
    return this.doc.errors.length === 0;
  }

  get problemCount(): number {
    return this.problems.length;
  }

  line(path: (string | number)[]): number {
    for (let p = path.length; p >= 0; p--) {
      const node = this.doc.getIn(path.slice(0, p), true) as YamlNode | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) return this.lines.linePos(offset).line;
    }
    return 1;
  }

  problem(path: (string | number)[], message: string): void {
    this.problems.push({ file: this.file, line: this.line(path), message });
  }

  get(path: (string | number)[]): unknown {
    const value = this.doc.getIn(path, false);
    return isMap(value) || isSeq(value) ? (value as { toJSON(): unknown }).toJSON() : value;
  }

  text(path: (string | number)[], what: string): Text {
    const result = { id: '', en: '' };
    for (const lang of LANGS) {
      const value = this.get([...path, lang]);
      if (typeof value !== 'string' || value.trim() === '') {
        this.problem([...path, lang], `missing translation: ${what} in ${lang === 'id' ? 'Indonesian (id)' : 'English (en)'}`);
      } else {
        result[lang] = value.trim();
      }
    }
    return result;
  }

  integer(path: string[], min: number, max: number): number {
    const value = this.get(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(path, `${path.join('.')} must be a whole number from ${min} to ${max}`);
      return min;
    }
    return value;
  }
}
