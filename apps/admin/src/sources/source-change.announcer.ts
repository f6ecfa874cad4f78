import { Injectable } from '@nestjs/common';
import { writeKeyRevokedChannel } from '@leadscore/persistence';
import { RevocationBroadcast } from '../shared/revocation.broadcast';

/**
 * Tells every ingest instance that a source was revoked or changed, so that they drop its cached
 * lookup at once; should that be lost, their cache TTL (5 s) still ends the stale entry.
 */
@Injectable()
export class SourceChangeAnnouncer {
  constructor(private readonly broadcast: RevocationBroadcast) {}

  announce(sourceId: string): Promise<void> {
    return this.broadcast.announce(writeKeyRevokedChannel, sourceId, {
      context: 'sources', warning: 'source change not announced; ingest caches expire within 5 s', idField: 'sourceId',
    });
  }
}
