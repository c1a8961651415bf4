import { TokenizerError } from './errors';
import type { TokenizerJson } from './types';

/** Options of {@link wordPieceJsonFromVocab}; defaults are BERT's (`BertWordPieceTokenizer`). */
export interface WordPieceVocabOptions {
  /** Lowercase (and strip accents) as uncased BERT models do. @defaultValue true */
  lowercase?: boolean;
  /** @defaultValue same as `lowercase` */
  stripAccents?: boolean;
  /** @defaultValue true */
  handleChineseChars?: boolean;
  /** @defaultValue true */
  cleanText?: boolean;
  /** @defaultValue '[UNK]' */
  unkToken?: string;
  /** @defaultValue '[CLS]' */
  clsToken?: string;
  /** @defaultValue '[SEP]' */
  sepToken?: string;
  /** @defaultValue '[PAD]' */
  padToken?: string;
  /** @defaultValue '[MASK]' */
  maskToken?: string;
  /** @defaultValue '##' */
  continuingSubwordPrefix?: string;
}

/**
 * The `tokenizer.json` of a BERT tokenizer built from a `vocab.txt` (one token per line, id = line number),
 * as transformers' `BertTokenizerFast` builds it.
 * @throws {TokenizerError} `INVALID_FIELD` when a special token is missing from the vocabulary.
 */
export function wordPieceJsonFromVocab(
  vocabTxt: string,
  options: WordPieceVocabOptions = {},
): TokenizerJson {
  const lines = vocabTxt.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const vocab: Record<string, number> = {};
  lines.forEach((l, i) => {
    const t = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (!(t in vocab)) vocab[t] = i;
  });
  const lowercase = options.lowercase ?? true;
  const unk = options.unkToken ?? '[UNK]';
  const cls = options.clsToken ?? '[CLS]';
  const sep = options.sepToken ?? '[SEP]';
  const pad = options.padToken ?? '[PAD]';
  const mask = options.maskToken ?? '[MASK]';
  for (const [name, t] of [
    ['unkToken', unk],
    ['clsToken', cls],
    ['sepToken', sep],
  ] as const) {
    if (!(t in vocab)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `vocab.txt: ${name} ${JSON.stringify(t)} is not in the vocabulary`,
      );
    }
  }
  const added = [pad, unk, cls, sep, mask]
    .filter((t) => t in vocab)
    .map((t) => ({
      id: vocab[t]!,
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    }));
  return {
    added_tokens: added,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: options.cleanText ?? true,
      handle_chinese_chars: options.handleChineseChars ?? true,
      strip_accents: options.stripAccents ?? null,
      lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    model: {
      type: 'WordPiece',
      unk_token: unk,
      continuing_subword_prefix: options.continuingSubwordPrefix ?? '##',
      max_input_chars_per_word: 100,
      vocab,
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: sep, type_id: 1 } },
      ],
      special_tokens: {
        [cls]: { id: cls, ids: [vocab[cls]!], tokens: [cls] },
        [sep]: { id: sep, ids: [vocab[sep]!], tokens: [sep] },
      },
    },
    decoder: { type: 'WordPiece', prefix: options.continuingSubwordPrefix ?? '##', cleanup: true },
  };
}

/** Options of {@link byteLevelBpeJsonFromFiles}. */
export interface ByteLevelBpeOptions {
  /** Add a space before the text so the first word is encoded like the others. @defaultValue false */
  addPrefixSpace?: boolean;
  /** Wrap as RoBERTa (`<s> A </s></s> B </s>`, trimmed offsets) instead of GPT-2 (no specials). @defaultValue false */
  roberta?: boolean;
  /** Tokens to register as special added tokens when present in the vocabulary. @defaultValue ['<|endoftext|>'] or RoBERTa's */
  specialTokens?: string[];
}

/**
 * The `tokenizer.json` of a byte-level BPE tokenizer (GPT-2, RoBERTa) from `vocab.json` and `merges.txt`.
 * @throws {TokenizerError} `INVALID_JSON` when `vocab.json` does not parse; `INVALID_FIELD` for a bad merges line.
 */
export function byteLevelBpeJsonFromFiles(
  vocabJson: string,
  mergesTxt: string,
  options: ByteLevelBpeOptions = {},
): TokenizerJson {
  let vocab: Record<string, number>;
  try {
    vocab = JSON.parse(vocabJson) as Record<string, number>;
  } catch (cause) {
    throw new TokenizerError('INVALID_JSON', `vocab.json: not valid JSON (${String(cause)})`, {
      cause,
    });
  }
  if (vocab === null || typeof vocab !== 'object' || Array.isArray(vocab)) {
    throw new TokenizerError('INVALID_FIELD', `vocab.json: expected an object of token → id`);
  }
  const merges: string[] = [];
  const lines = mergesTxt.split('\n');
  lines.forEach((raw, i) => {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.length === 0 || (i === 0 && l.startsWith('#version'))) return;
    if (l.split(' ').length !== 2) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `merges.txt line ${i + 1}: expected "left right", got ${JSON.stringify(l.slice(0, 60))}`,
      );
    }
    merges.push(l);
  });
  const roberta = options.roberta ?? false;
  const prefix = options.addPrefixSpace ?? false;
  const specials =
    options.specialTokens ??
    (roberta ? ['<s>', '<pad>', '</s>', '<unk>', '<mask>'] : ['<|endoftext|>']);
  const added = specials
    .filter((t) => t in vocab)
    .map((t) => ({
      id: vocab[t]!,
      content: t,
      single_word: false,
      lstrip: roberta && t === '<mask>',
      rstrip: false,
      normalized: !roberta || t !== '<mask>',
      special: true,
    }));
  return {
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: {
      type: 'ByteLevel',
      add_prefix_space: prefix,
      trim_offsets: true,
      use_regex: true,
    },
    model: {
      type: 'BPE',
      vocab,
      merges,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      unk_token: null,
      dropout: null,
    },
    post_processor: roberta
      ? {
          type: 'RobertaProcessing',
          sep: ['</s>', vocab['</s>'] ?? 2],
          cls: ['<s>', vocab['<s>'] ?? 0],
          trim_offsets: true,
          add_prefix_space: prefix,
        }
      : { type: 'ByteLevel', add_prefix_space: prefix, trim_offsets: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  };
}
