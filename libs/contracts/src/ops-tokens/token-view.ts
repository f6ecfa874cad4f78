/** An ops API token as the admin lists it (never its secret) and the CLI shows it. */
export interface TokenView {
  id: string;
  name: string;
  tokenPrefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** The answer to a creation: the only time the token is shown (it is stored hashed). */
export interface CreatedToken extends TokenView {
  token: string;
}
