import Sentiment from 'sentiment';

export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';

export interface SentimentScore {
  /** `sentiment`'s comparative score: the AFINN-165 sum divided by the number of tokens. */
  score: number;
  label: SentimentLabel;
}

const analyzer = new Sentiment();

/** Scores English text with the `sentiment` library (AFINN-165 word list, negation aware). */
export function scoreSentiment(text: string): SentimentScore {
  const { comparative } = analyzer.analyze(text);
  const score = Number.isFinite(comparative) ? Math.round(comparative * 10_000) / 10_000 : 0;
  return { score, label: score > 0 ? 'POSITIVE' : score < 0 ? 'NEGATIVE' : 'NEUTRAL' };
}
