import { percent, type WinProbability } from './lead-types';

/** A contribution to the log-odds with its sign: +0.54, −1.13 (a real minus sign). */
const logOdds = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;

/**
 * The active model's win probability of a lead (from the lead view) and the features that moved
 * its log-odds most (from the timeline page), each as a bar left (against) or right (for) of zero.
 */
export function WinProbabilityCard(props: { winProbability: number; modelId: string; why: WinProbability['why'] | null }) {
  const largest = Math.max(...(props.why ?? []).map((feature) => Math.abs(feature.contribution)), Number.MIN_VALUE);
  return (
    <div class="card win-probability"><span>win probability</span>
      <strong data-testid="win-probability">{percent(props.winProbability)}</strong>
      <small title={props.modelId}>model {props.modelId}</small>
      {props.why && props.why.length > 0 && (
        <>
          <span class="why-label">why (contributions to the log-odds)</span>
          <table class="why-features">
            <tbody>
              {props.why.map((feature) => (
                <tr key={feature.name}>
                  <td class="feature">{feature.name}</td>
                  <td class="contribution"><i class={feature.contribution >= 0 ? 'for' : 'against'} style={{ width: `${(50 * Math.abs(feature.contribution)) / largest}%` }} /></td>
                  <td class="num">{logOdds(feature.contribution)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
