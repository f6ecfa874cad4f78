/**
 * Area under the ROC curve: the chance that a random won lead scores above a random lost one
 * (ties count a half). Rank-based, so any monotone score works (a probability or a rule score).
 */
export function auc(scores: readonly number[], won: readonly boolean[]): number {
  const order = scores.map((score, i) => ({ score, won: won[i] })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j].score === order[i].score) j++;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k].won) { positives++; rankSum += averageRank; }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
