import { LANGS, type Block, type CheckBlock, type ContentProblem, type Lang, type LessonPart, type ScenarioBlock, type ScenarioNode } from './content.types';
import type { YamlFile } from './yaml-file';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const TYPES = ['check', 'scenario', 'reflection'] as const;
/** A line of its own placing a block: `<!-- block: check-consent -->`. */
const MARKER = /^[ \t]*<!--\s*block:\s*(\S*)\s*-->[ \t]*$/;
const CHECK_OPTIONS = { min: 2, max: 5 };

/** What the blocks of one module share: ids are unique in the module, one scenario and one reflection. */
export interface ModuleBlocks {
  ids: Map<string, string>;
  single: Map<'scenario' | 'reflection', string>;
}

/** Reads a lesson's blocks.yaml; every problem is reported with its line, and bad blocks are left out. */
export function loadLessonBlocks(file: YamlFile, shared: ModuleBlocks): { blocks: Block[]; declared: string[] } {
  const raw = file.get([]);
  if (!Array.isArray(raw)) {
    file.problem([], 'a blocks file is a YAML list of blocks');
    return { blocks: [], declared: [] };
  }
  const blocks: Block[] = [];
  // Markers are checked against every id written, so that a faulty block is reported once, not at its marker too.
  const declared = raw.map((b: unknown) => String((b as { id?: unknown })?.id ?? ''));
  raw.forEach((b: unknown, bi) => {
    const at = [bi];
    const type = (b as { type?: unknown })?.type;
    const id = String((b as { id?: unknown })?.id ?? '');
    if (!TYPES.includes(type as (typeof TYPES)[number])) {
      file.problem([...at, 'type'], `block ${bi + 1}: unknown block type "${String(type)}": use ${TYPES.join(', ')}`);
      return;
    }
    if (!ID.test(id)) return file.problem([...at, 'id'], `block ${bi + 1}: id must be lowercase letters, digits and hyphens`);
    const other = shared.ids.get(id);
    if (other) return file.problem([...at, 'id'], `duplicate block id "${id}" (block ids are unique in the module; also in ${other})`);
    shared.ids.set(id, file.file);
    if (type === 'scenario' || type === 'reflection') {
      const first = shared.single.get(type);
      if (first) file.problem([...at, 'type'], `block "${id}": a module has one ${type} (already "${first}")`);
      else shared.single.set(type, id);
    }
    const before = file.problemCount;
    const block = type === 'check' ? check(file, at, id) : type === 'scenario' ? scenario(file, at, id) : { type: 'reflection' as const, id, prompt: file.text([...at, 'prompt'], `reflection "${id}" prompt`) };
    if (file.problemCount === before) blocks.push(block);
  });
  return { blocks, declared };
}

function check(file: YamlFile, at: (string | number)[], id: string): CheckBlock {
  const multiple = file.get([...at, 'multiple']);
  if (multiple !== undefined && typeof multiple !== 'boolean') file.problem([...at, 'multiple'], `check "${id}": multiple must be true or false`);
  const question = file.text([...at, 'question'], `check "${id}" question`);
  const rawOptions = file.get([...at, 'options']);
  const options: CheckBlock['options'] = [];
  if (!Array.isArray(rawOptions) || rawOptions.length < CHECK_OPTIONS.min || rawOptions.length > CHECK_OPTIONS.max) {
    file.problem([...at, 'options'], `check "${id}" needs ${CHECK_OPTIONS.min}–${CHECK_OPTIONS.max} options`);
    return { type: 'check', id, multiple: multiple === true, question, options };
  }
  const optionIds = new Set<string>();
  rawOptions.forEach((o: unknown, oi) => {
    const oat = [...at, 'options', oi];
    const oid = String((o as { id?: unknown })?.id ?? '');
    if (!ID.test(oid)) file.problem([...oat, 'id'], `check "${id}" option ${oi + 1}: id must be lowercase letters, digits and hyphens`);
    else if (optionIds.has(oid)) file.problem([...oat, 'id'], `check "${id}": duplicate option id "${oid}"`);
    optionIds.add(oid);
    const correct = file.get([...oat, 'correct']);
    if (correct !== undefined && typeof correct !== 'boolean') file.problem([...oat, 'correct'], `check "${id}" option "${oid}": correct must be true or false`);
    options.push({
      id: oid,
      correct: correct === true,
      text: file.text([...oat, 'text'], `check "${id}" option "${oid}" text`),
      feedback: file.text([...oat, 'feedback'], `check "${id}" option "${oid}" feedback`),
    });
  });
  const correctCount = options.filter((o) => o.correct).length;
  if (correctCount === 0) file.problem([...at, 'options'], `check "${id}" has no correct option`);
  if (multiple !== true && correctCount > 1) file.problem([...at, 'options'], `check "${id}" is single-choice but has ${correctCount} correct options (set multiple: true)`);
  return { type: 'check', id, multiple: multiple === true, question, options };
}

function scenario(file: YamlFile, at: (string | number)[], id: string): ScenarioBlock {
  const title = file.text([...at, 'title'], `scenario "${id}" title`);
  const debrief = file.text([...at, 'debrief'], `scenario "${id}" debrief`);
  const start = String(file.get([...at, 'start']) ?? '');
  const rawNodes = file.get([...at, 'nodes']);
  const nodes: ScenarioNode[] = [];
  const where = new Map<string, number>();
  if (!Array.isArray(rawNodes) || rawNodes.length === 0) {
    file.problem([...at, 'nodes'], `scenario "${id}": nodes must be a non-empty list`);
    return { type: 'scenario', id, title, start, nodes, debrief };
  }
  rawNodes.forEach((n: unknown, ni) => {
    const nat = [...at, 'nodes', ni];
    const nid = String((n as { id?: unknown })?.id ?? '');
    if (!ID.test(nid)) return file.problem([...nat, 'id'], `scenario "${id}" node ${ni + 1}: id must be lowercase letters, digits and hyphens`);
    if (where.has(nid)) return file.problem([...nat, 'id'], `scenario "${id}": duplicate node id "${nid}"`);
    where.set(nid, ni);
    const end = file.get([...nat, 'end']);
    if (end !== undefined && typeof end !== 'boolean') file.problem([...nat, 'end'], `scenario "${id}" node "${nid}": end must be true or false`);
    const rawChoices = file.get([...nat, 'choices']);
    const choices = (Array.isArray(rawChoices) ? rawChoices : []).map((_: unknown, ci) => ({
      text: file.text([...nat, 'choices', ci, 'text'], `scenario "${id}" node "${nid}" choice ${ci + 1} text`),
      consequence: file.text([...nat, 'choices', ci, 'consequence'], `scenario "${id}" node "${nid}" choice ${ci + 1} consequence`),
      next: String(file.get([...nat, 'choices', ci, 'next']) ?? ''),
    }));
    if (rawChoices !== undefined && !Array.isArray(rawChoices)) file.problem([...nat, 'choices'], `scenario "${id}" node "${nid}": choices must be a list`);
    if (end === true && choices.length > 0) file.problem([...nat, 'choices'], `scenario "${id}": end node "${nid}" has choices (an ending has none)`);
    if (end !== true && choices.length === 0) file.problem([...nat, 'id'], `scenario "${id}": dead end: node "${nid}" is not an end (end: true) and has no choices`);
    nodes.push({ id: nid, text: file.text([...nat, 'text'], `scenario "${id}" node "${nid}" text`), choices, end: end === true });
  });

  const byId = new Map(nodes.map((n) => [n.id, n]));
  nodes.forEach((n) =>
    n.choices.forEach((c, ci) => {
      if (!byId.has(c.next)) file.problem([...at, 'nodes', where.get(n.id) ?? 0, 'choices', ci, 'next'], `scenario "${id}" node "${n.id}" choice ${ci + 1}: next "${c.next}" is not a node`);
    }),
  );
  const first = byId.get(start);
  if (!first) {
    file.problem([...at, 'start'], `scenario "${id}": start "${start}" is not a node`);
    return { type: 'scenario', id, title, start, nodes, debrief };
  }
  // Depth-first from start: a choice leading back to a node on the current path is a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: ScenarioNode) => {
    state.set(node.id, 'open');
    path.push(node.id);
    node.choices.forEach((c, ci) => {
      const next = byId.get(c.next);
      if (!next) return;
      if (state.get(next.id) === 'open') {
        const loop = [...path.slice(path.indexOf(next.id)), next.id].join(' → ');
        file.problem([...at, 'nodes', where.get(node.id) ?? 0, 'choices', ci, 'next'], `scenario "${id}": cycle ${loop} (every path must reach an end)`);
      } else if (!state.has(next.id)) visit(next);
    });
    path.pop();
    state.set(node.id, 'done');
  };
  visit(first);
  for (const n of nodes) {
    if (!state.has(n.id)) file.problem([...at, 'nodes', where.get(n.id) ?? 0, 'id'], `scenario "${id}": node "${n.id}" is unreachable from start "${start}"`);
  }
  return { type: 'scenario', id, title, start, nodes, debrief };
}

export interface Marker {
  blockId: string;
  line: number;
}

/** Splits a lesson's Markdown at its block markers; marker lines become blank so lines keep their numbers. */
export function splitAtMarkers(source: string): { text: string; parts: LessonPart[]; markers: Marker[] } {
  const parts: LessonPart[] = [];
  const markers: Marker[] = [];
  const lines = source.split('\n');
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.join('').trim() !== '') parts.push({ markdown: chunk.join('\n') });
    chunk = [];
  };
  lines.forEach((line, i) => {
    const marker = MARKER.exec(line);
    if (!marker) return chunk.push(line);
    flush();
    markers.push({ blockId: marker[1], line: i + 1 });
    parts.push({ blockId: marker[1] });
    lines[i] = '';
  });
  flush();
  return { text: lines.join('\n'), parts, markers };
}

/**
 * Checks a lesson's markers against its blocks (each names a block of the lesson, once; both languages
 * place the same blocks in the same order) and appends the blocks without a marker after the text.
 */
export function placeBlocks(
  files: Record<Lang, string>,
  split: Record<Lang, { parts: LessonPart[]; markers: Marker[] }>,
  blocks: Block[],
  declared: string[],
  blocksFile: string,
  problems: ContentProblem[],
): Record<Lang, LessonPart[]> {
  const known = new Set(declared);
  for (const lang of LANGS) {
    const seen = new Set<string>();
    for (const m of split[lang].markers) {
      if (!known.has(m.blockId)) problems.push({ file: files[lang], line: m.line, message: `marker names block "${m.blockId}", which ${blocksFile} does not have` });
      else if (seen.has(m.blockId)) problems.push({ file: files[lang], line: m.line, message: `block "${m.blockId}" is placed twice` });
      seen.add(m.blockId);
    }
  }
  const [id, en] = [split.id.markers, split.en.markers];
  const differs = Math.max(id.length, en.length);
  for (let i = 0; i < differs; i++) {
    if (id[i]?.blockId !== en[i]?.blockId) {
      const [file, line] = en[i] ? [files.en, en[i].line] : [files.id, id[i].line];
      problems.push({ file, line, message: `the block markers of ${files.id} and ${files.en} differ here: both languages place the same blocks in the same order` });
      break;
    }
  }
  const placed = new Set(id.map((m) => m.blockId));
  const rest: LessonPart[] = blocks.filter((b) => !placed.has(b.id)).map((b) => ({ blockId: b.id }));
  return { id: [...split.id.parts, ...rest], en: [...split.en.parts, ...rest] };
}
