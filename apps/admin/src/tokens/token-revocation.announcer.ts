import { Injectable } from '@nestjs/common';
import { apiTokenRevokedChannel } from '@leadscore/persistence';
import { ApiTokenAuthenticator } from '../auth/api-token.authenticator';
import { RevocationBroadcast } from '../shared/revocation.broadcast';

/**
 * A revoked token: dropped from this process's cache at once, and announced to every other admin
 * process; should that be lost, their cache TTL (1 s) still ends it.
 */
@Injectable()
export class TokenRevocationAnnouncer {
  constructor(
    private readonly authenticator: ApiTokenAuthenticator,
    private readonly broadcast: RevocationBroadcast,
  ) {}

  announce(tokenId: string): Promise<void> {
    this.authenticator.forget(tokenId);
    return this.broadcast.announce(apiTokenRevokedChannel, tokenId, {
      context: 'tokens', warning: 'token revocation not announced; other admin caches expire within 1 s', idField: 'tokenId',
    });
  }
}
