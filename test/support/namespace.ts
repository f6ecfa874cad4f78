/** A namespace unique to this run, so topics, groups and databases of one suite never meet another's. */
export function uniqueNamespace(suite: string): string {
  return `t-${suite}-${Date.now().toString(36)}-${process.pid.toString(36)}`.toLowerCase();
}
