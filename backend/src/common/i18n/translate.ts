import type { Language } from './language';
import { SERVER_MESSAGES } from './server-messages';

interface Pattern {
  regex: RegExp;
  names: string[];
  target: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `{field}` is a field path; `{msg}` and the others are any text (non-greedy, the pattern is anchored). */
function compile(en: string, id: string): Pattern {
  const names: string[] = [];
  const source = en
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      if (!name) return escape(part);
      names.push(name);
      return name === 'field' ? '([A-Za-z_$][\\w$.\\-]*)' : '([\\s\\S]+?)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names, target: id };
}

const exact = new Map<string, string>();
const patterns: Pattern[] = [];
for (const [en, id] of SERVER_MESSAGES) {
  if (/\{[a-zA-Z]+\}/.test(en)) patterns.push(compile(en, id));
  else exact.set(en, id);
}

function translateOne(text: string, depth: number): string | null {
  const known = exact.get(text);
  if (known !== undefined) return known;
  if (depth > 3) return null;
  for (const { regex, names, target } of patterns) {
    const match = regex.exec(text);
    if (!match) continue;
    const values = new Map(names.map((name, i) => [name, match[i + 1] ?? '']));
    const nested = values.get('msg');
    if (nested !== undefined) {
      const inner = translateOne(nested, depth + 1);
      // `x: y` where y is no known message: not ours to rewrite (it could be a sentence with a colon).
      if (inner === null) continue;
      values.set('msg', inner);
    }
    return target.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values.get(name) ?? whole);
  }
  return null;
}

/**
 * A server message in the reader's language. Several problems joined with "; " (one per field) are
 * translated one by one when the whole is no catalogue entry; an unknown message stays as it was.
 */
export function translateMessage(text: string, lang: Language): string {
  if (lang === 'en' || !text) return text;
  const whole = translateOne(text, 0);
  if (whole !== null) return whole;
  if (!text.includes('; ')) return text;
  return text
    .split('; ')
    .map((part) => translateOne(part, 0) ?? part)
    .join('; ');
}

/** Whether the catalogue knows this message (for tests that every message people can get is translated). */
export function isCatalogued(text: string): boolean {
  return translateOne(text, 0) !== null;
}
