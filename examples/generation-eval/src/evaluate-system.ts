import {
  bleuFromTotals,
  bleuStatistics,
  bootstrapConfidenceInterval,
  chrfFromTotals,
  chrfStatistics,
  corpusBleu,
  corpusChrf,
  corpusRouge,
  corpusTer,
  terFromTotals,
  terStatistics,
  type ConfidenceInterval,
  type CorpusRougeResult,
  type CorpusScore,
  type ItemStatistics,
} from '@nlpft/metrics';

/** Per-segment statistics and the corpus-score callback of one metric, as the resampling tests take them. */
export interface MetricRows {
  readonly rows: ItemStatistics;
  readonly score: CorpusScore;
}

/** One system's scores: sacrebleu-style lines, bootstrap intervals and the rows the paired tests need. */
export interface SystemReport {
  readonly bleu: number;
  readonly chrf: number;
  readonly ter: number;
  /** `BLEU|nrefs:1|case:mixed|…|version:2.4.3 = 45.5 …`, as sacrebleu's command line prints them. */
  readonly lines: readonly string[];
  readonly rouge: CorpusRougeResult;
  readonly intervals: Readonly<Record<'BLEU' | 'chrF2' | 'TER', ConfidenceInterval>>;
  readonly rows: Readonly<Record<'BLEU' | 'chrF2' | 'TER', MetricRows>>;
}

/** `name|signature = value …`: sacrebleu's line from our `formatted` (`BLEU = 45.52 …`) and `signature`. */
export function sacrebleuLine(formatted: string, signature: string): string {
  const at = formatted.indexOf(' = ');
  return `${formatted.slice(0, at)}|${signature}${formatted.slice(at)}`;
}

/**
 * Scores `hypotheses` against one reference each with BLEU, chrF2 and TER (sacrebleu 2.4.3's numbers) and
 * ROUGE-1/2/L (rouge-score 0.1.2's, Porter-stemmed), with 95% bootstrap intervals for BLEU, chrF and TER that
 * resample segments from their sufficient statistics (no re-tokenizing).
 */
export function evaluateSystem(
  hypotheses: readonly string[],
  references: readonly string[],
  samples = 1000,
  seed = 12345,
): SystemReport {
  const refs = [references];
  const bleu = corpusBleu(hypotheses, refs);
  const chrf = corpusChrf(hypotheses, refs);
  const ter = corpusTer(hypotheses, refs);
  const rows = {
    BLEU: {
      rows: bleuStatistics(hypotheses, refs).rows,
      score: (t: Float64Array) => bleuFromTotals(t).score,
    },
    chrF2: {
      rows: chrfStatistics(hypotheses, refs).rows,
      score: (t: Float64Array) => chrfFromTotals(t).score,
    },
    TER: {
      rows: terStatistics(hypotheses, refs).rows,
      score: (t: Float64Array) => terFromTotals(t).score,
    },
  };
  const interval = (m: MetricRows): ConfidenceInterval =>
    bootstrapConfidenceInterval(m.rows, m.score, { samples, seed });
  return {
    bleu: bleu.score,
    chrf: chrf.score,
    ter: ter.score,
    lines: [
      sacrebleuLine(bleu.formatted, bleu.signature),
      sacrebleuLine(chrf.formatted, chrf.signature),
      sacrebleuLine(ter.formatted, ter.signature),
    ],
    rouge: corpusRouge(references, hypotheses, {
      rougeTypes: ['rouge1', 'rouge2', 'rougeL'],
      useStemmer: true,
    }),
    intervals: { BLEU: interval(rows.BLEU), chrF2: interval(rows.chrF2), TER: interval(rows.TER) },
    rows,
  };
}
