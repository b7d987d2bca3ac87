/**
 * The language test for files (PDFs, exports): a text made for an Indonesian reader must hold no
 * English catalogue entry that differs from its Indonesian one. Returns the English texts of `en`
 * (differing from `id`, 4 characters or more) found in `text` as whole words, whitespace-insensitive.
 */
export function englishLeft(text: string, en: unknown, id: unknown): string[] {
  const flat = (tree: unknown): string[] =>
    typeof tree === 'string' ? [tree] : Array.isArray(tree) ? tree.flatMap(flat) : tree && typeof tree === 'object' ? Object.values(tree).flatMap(flat) : [];
  const indonesian = new Set(flat(id));
  const words = text.replace(/\s+/g, ' ');
  return flat(en)
    .filter((value) => !indonesian.has(value) && value.length >= 4)
    .map((value) => value.replace(/\{\{k\}\}/g, '5').replace(/\s+/g, ' '))
    .filter((value) => new RegExp(`(^|[^\\p{L}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(words));
}
