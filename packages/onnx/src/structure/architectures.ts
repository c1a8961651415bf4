/**
 * The transformer families the structural map knows, described by their Hugging Face state-dict keys. One family
 * covers every `model_type` that shares its module names: BERT's covers RoBERTa, XLM-R, ELECTRA, MiniLM and the
 * builder's BERT; GPT-2's covers DistilGPT2 and the builder's GPT-2.
 */
export type FamilyName = 'bert' | 'distilbert' | 'gpt2';

/** Module names (relative to a layer's key prefix) of one family's sites. */
export interface Family {
  name: FamilyName;
  /** `true` when the key belongs to the embeddings (after the body prefix is removed). */
  embeddings: RegExp;
  /** Captures the layer index; the match is the layer's key prefix. */
  layer: RegExp;
  /** Parts above the last layer that belong to the pretrained body: BERT's pooler, GPT-2's final LayerNorm. */
  top: RegExp;
  /** First key segments of the body; a key starting with one of them that the patterns above miss is unplaced. */
  bodyRoots: readonly string[];
  /** Task-model prefixes of the body (`bert.`, `transformer.`), tried in order; '' is a body export. */
  prefixes: readonly string[];
  /** Sites inside layer i, as module paths below the layer prefix. */
  modules: {
    query: string;
    key: string;
    value: string;
    attentionOutput: string;
    ffnIn: string;
    ffnOutput: string;
  };
  /** Conv1D modules store weights as `[in, out]`, so an `[in, out]` MatMul weight is not a transpose. */
  conv1d: RegExp;
}

const BERT: Family = {
  name: 'bert',
  embeddings: /^embeddings(?:_project)?\./,
  layer: /^encoder\.layer\.(\d+)\./,
  top: /^pooler\./,
  bodyRoots: ['embeddings', 'embeddings_project', 'encoder', 'pooler'],
  prefixes: ['bert.', 'roberta.', 'xlm-roberta.', 'electra.', 'camembert.', ''],
  modules: {
    query: 'attention.self.query',
    key: 'attention.self.key',
    value: 'attention.self.value',
    attentionOutput: 'attention.output.dense',
    ffnIn: 'intermediate.dense',
    ffnOutput: 'output.dense',
  },
  conv1d: /$^/,
};

const DISTILBERT: Family = {
  name: 'distilbert',
  embeddings: /^embeddings\./,
  layer: /^transformer\.layer\.(\d+)\./,
  top: /$^/,
  bodyRoots: ['embeddings', 'transformer'],
  prefixes: ['distilbert.', ''],
  modules: {
    query: 'attention.q_lin',
    key: 'attention.k_lin',
    value: 'attention.v_lin',
    attentionOutput: 'attention.out_lin',
    ffnIn: 'ffn.lin1',
    ffnOutput: 'ffn.lin2',
  },
  conv1d: /$^/,
};

const GPT2: Family = {
  name: 'gpt2',
  embeddings: /^(?:wte|wpe)\./,
  layer: /^h\.(\d+)\./,
  top: /^ln_f\./,
  bodyRoots: ['wte', 'wpe', 'h', 'ln_f'],
  prefixes: ['transformer.', ''],
  // GPT-2 fuses query, key and value into c_attn.
  modules: {
    query: 'attn.c_attn',
    key: 'attn.c_attn',
    value: 'attn.c_attn',
    attentionOutput: 'attn.c_proj',
    ffnIn: 'mlp.c_fc',
    ffnOutput: 'mlp.c_proj',
  },
  conv1d: /^h\.\d+\.(?:attn\.c_attn|attn\.c_proj|mlp\.c_fc|mlp\.c_proj)\.weight$/,
};

export const FAMILIES: readonly Family[] = [BERT, DISTILBERT, GPT2];

/** Which family and body prefix a set of keys uses: the one whose layer pattern matches the most keys. */
export function detectFamily(
  keys: readonly string[],
): { family: Family; prefix: string } | undefined {
  let best: { family: Family; prefix: string; hits: number } | undefined;
  for (const family of FAMILIES) {
    for (const prefix of family.prefixes) {
      let hits = 0;
      for (const k of keys) {
        if (!k.startsWith(prefix)) continue;
        const rest = k.slice(prefix.length);
        if (family.layer.test(rest) && rest.includes(`.${family.modules.attentionOutput}.`)) hits++;
      }
      if (hits > 0 && (best === undefined || hits > best.hits)) best = { family, prefix, hits };
    }
  }
  return best && { family: best.family, prefix: best.prefix };
}
