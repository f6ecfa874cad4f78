/**
 * The Redis pub/sub channel that tells scoring workers a rule set was activated (the message is
 * the version). A signal only: workers re-read the active version from Postgres, the truth.
 * The scoring worker spells the same name (apps/scoring/src/rules/rule-activation.subscriber.ts).
 */
export function ruleActivationChannel(namespace: string): string {
  return `${namespace ? `${namespace}:` : ''}leadscore:rules-activated`;
}
