/**
 * Every PostgreSQL advisory-lock key the apps take, in one table: advisory locks are per database,
 * so two features that picked the same number would block each other silently. Add new keys here.
 */
export const ADVISORY_LOCKS = {
  /** Pending migrations run under it (session lock), so apps starting together do not race. */
  migrations: 7_215_003_111,
  /** Changing the active rule set (admin activation, the scoring worker's first-start seed). */
  ruleSets: 7_215_003_112,
  /** The projection switch: live scoring holds it shared per batch, a replay's switch exclusive. */
  projectionSwitch: 7_215_003_113,
  /** The one inactivity scheduler leader (session lock on its own connection; a crash frees it). */
  inactivityLeader: 7_461_202_601,
  /** The one admin refreshing the stored win probabilities of the lead list (session lock, like the above). */
  winProbabilityLeader: 7_461_202_602,
} as const;
