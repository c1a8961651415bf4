import { checkObject, checkString, checkToken } from './check-args';
import { TaskInputError } from './errors';
import type { PairTemplate, TemplatePiece } from './types';

const PIECE = /^(.*?)(?::(\d+))?$/;

function parsePieces(spec: string, where: string): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  for (const word of spec.trim().split(/\s+/)) {
    if (word === '') continue;
    const m = PIECE.exec(word) as RegExpExecArray;
    const name = m[1] as string;
    const typeId = m[2] === undefined ? undefined : Number(m[2]);
    // HF's shorthand: `$A`/`$B` (type id 0 unless `:n`), `$0`/`$1` meaning `$A:0`/`$A:1`.
    if (name === '$' || name === '$A') pieces.push({ sequence: 'A', typeId: typeId ?? 0 });
    else if (name === '$B') pieces.push({ sequence: 'B', typeId: typeId ?? 0 });
    else if (/^\$\d+$/.test(name) && typeId === undefined) {
      pieces.push({ sequence: 'A', typeId: Number(name.slice(1)) });
    } else if (name.startsWith('$')) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `parseTemplate: ${where} has "${word}"; a sequence is written $A, $B, $A:1 or $B:1`,
      );
    } else pieces.push({ special: name, typeId: typeId ?? 0 });
  }
  return pieces;
}

/**
 * Builds a {@link PairTemplate} from Hugging Face's template strings (`TemplateProcessing(single=…, pair=…)`):
 * `$A`/`$B` are the sequences, any other word a special token, and `:n` sets the token type id (default 0).
 * @throws {TaskInputError} `INVALID_OPTION` when a `$` word is not `$A`, `$B` or `$n`, or `pair` lacks `$A` or `$B`.
 * @example parseTemplate('[CLS] $A [SEP]', '[CLS] $A [SEP] $B:1 [SEP]:1')
 * @see https://huggingface.co/docs/tokenizers/api/post-processors#tokenizers.processors.TemplateProcessing
 */
export function parseTemplate(
  single: string,
  pair: string,
  options: { overflowTypeIds?: PairTemplate['overflowTypeIds'] } = {},
): PairTemplate {
  checkString(single, 'single', 'parseTemplate');
  checkString(pair, 'pair', 'parseTemplate');
  checkObject(options, 'options', 'parseTemplate');
  const template: PairTemplate = {
    single: parsePieces(single, 'single'),
    pair: parsePieces(pair, 'pair'),
    overflowTypeIds: options.overflowTypeIds ?? 'template',
  };
  const seqs = new Set(template.pair.flatMap((p) => ('sequence' in p ? [p.sequence] : [])));
  if (!seqs.has('A') || !seqs.has('B')) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `parseTemplate: pair "${pair}" must use both $A and $B`,
    );
  }
  return template;
}

/**
 * BERT's template: `[CLS] A [SEP]` and `[CLS] A [SEP] B [SEP]` with type ids 0 for A and 1 for B.
 * @defaultValue cls `'[CLS]'`, sep `'[SEP]'`
 * @example bertTemplate() // the template of bert-base-uncased's tokenizer.json
 */
export function bertTemplate(
  cls: string | number = '[CLS]',
  sep: string | number = '[SEP]',
): PairTemplate {
  checkToken(cls, 'cls', 'bertTemplate');
  checkToken(sep, 'sep', 'bertTemplate');
  return {
    single: [
      { special: cls, typeId: 0 },
      { sequence: 'A', typeId: 0 },
      { special: sep, typeId: 0 },
    ],
    pair: [
      { special: cls, typeId: 0 },
      { sequence: 'A', typeId: 0 },
      { special: sep, typeId: 0 },
      { sequence: 'B', typeId: 1 },
      { special: sep, typeId: 1 },
    ],
    overflowTypeIds: 'template',
  };
}

/**
 * RoBERTa's template: `<s> A </s>` and `<s> A </s></s> B </s>`, every type id 0 (HF's `RobertaProcessing`).
 * @defaultValue cls `'<s>'`, sep `'</s>'`
 */
export function robertaTemplate(
  cls: string | number = '<s>',
  sep: string | number = '</s>',
): PairTemplate {
  checkToken(cls, 'cls', 'robertaTemplate');
  checkToken(sep, 'sep', 'robertaTemplate');
  return {
    single: [{ special: cls }, { sequence: 'A' }, { special: sep }],
    pair: [
      { special: cls },
      { sequence: 'A' },
      { special: sep },
      { special: sep },
      { sequence: 'B' },
      { special: sep },
    ],
    overflowTypeIds: 'template',
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function tokenPair(v: unknown, path: string): number {
  if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number') return v[1];
  throw new TaskInputError(
    'INVALID_OPTION',
    `templateFromPostProcessor: ${path}: expected ["token", id], got ${JSON.stringify(v)}`,
  );
}

function hfPieces(list: unknown, specials: Record<string, unknown>, path: string): TemplatePiece[] {
  if (!Array.isArray(list)) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `templateFromPostProcessor: ${path}: expected an array, got ${typeof list}`,
    );
  }
  return list.map((piece: unknown, i): TemplatePiece => {
    const p = `${path}[${i}]`;
    if (isRecord(piece) && isRecord(piece['Sequence'])) {
      const s = piece['Sequence'];
      return { sequence: s['id'] === 'B' ? 'B' : 'A', typeId: Number(s['type_id'] ?? 0) };
    }
    if (isRecord(piece) && isRecord(piece['SpecialToken'])) {
      const s = piece['SpecialToken'];
      const entry = specials[String(s['id'])];
      if (!isRecord(entry) || !Array.isArray(entry['ids'])) {
        throw new TaskInputError(
          'UNKNOWN_TOKEN',
          `templateFromPostProcessor: ${p} names special token ${JSON.stringify(s['id'])}, which special_tokens does not define`,
        );
      }
      return { special: entry['ids'] as number[], typeId: Number(s['type_id'] ?? 0) };
    }
    throw new TaskInputError(
      'INVALID_OPTION',
      `templateFromPostProcessor: ${p}: expected {Sequence} or {SpecialToken}, got ${JSON.stringify(piece)}`,
    );
  });
}

/**
 * Reads the pair template out of a `tokenizer.json`'s `post_processor` (pass `json.post_processor`), so formatting
 * matches what that tokenizer's `encode(a, b)` produces. Handles `TemplateProcessing`, `BertProcessing`,
 * `RobertaProcessing`, `ByteLevel` (no special tokens), `Sequence` (its first template-bearing step) and `null`.
 * @throws {TaskInputError} `INVALID_OPTION` for another type or a malformed field (the message names the JSON path);
 *   `UNKNOWN_TOKEN` when a template names a token missing from its `special_tokens`.
 * @example templateFromPostProcessor(JSON.parse(tokenizerJson).post_processor)
 * @see https://huggingface.co/docs/tokenizers/api/post-processors
 */
export function templateFromPostProcessor(
  postProcessor: unknown,
  path = 'post_processor',
): PairTemplate {
  checkString(path, 'path', 'templateFromPostProcessor');
  const none: PairTemplate = {
    single: [{ sequence: 'A', typeId: 0 }],
    pair: [
      { sequence: 'A', typeId: 0 },
      { sequence: 'B', typeId: 1 },
    ],
    overflowTypeIds: 'template',
  };
  if (postProcessor === null || postProcessor === undefined) return none;
  if (!isRecord(postProcessor)) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `templateFromPostProcessor: ${path}: expected an object or null`,
    );
  }
  const type = postProcessor['type'];
  switch (type) {
    case 'TemplateProcessing': {
      const specials = isRecord(postProcessor['special_tokens'])
        ? postProcessor['special_tokens']
        : {};
      return {
        single: hfPieces(postProcessor['single'], specials, `${path}.single`),
        pair: hfPieces(postProcessor['pair'], specials, `${path}.pair`),
        overflowTypeIds: 'sequence-index',
      };
    }
    case 'BertProcessing':
      return bertTemplate(
        tokenPair(postProcessor['cls'], `${path}.cls`),
        tokenPair(postProcessor['sep'], `${path}.sep`),
      );
    case 'RobertaProcessing':
      return robertaTemplate(
        tokenPair(postProcessor['cls'], `${path}.cls`),
        tokenPair(postProcessor['sep'], `${path}.sep`),
      );
    case 'ByteLevel':
      return none;
    case 'Sequence': {
      const steps = postProcessor['processors'];
      if (!Array.isArray(steps)) {
        throw new TaskInputError(
          'INVALID_OPTION',
          `templateFromPostProcessor: ${path}.processors: expected an array`,
        );
      }
      const i = steps.findIndex((s) => isRecord(s) && s['type'] !== 'ByteLevel');
      return i < 0 ? none : templateFromPostProcessor(steps[i], `${path}.processors[${i}]`);
    }
    default:
      throw new TaskInputError(
        'INVALID_OPTION',
        `templateFromPostProcessor: ${path}.type is ${JSON.stringify(type)}; supported: TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence, null`,
      );
  }
}
