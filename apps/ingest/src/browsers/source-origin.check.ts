import { Injectable } from '@nestjs/common';
import { originAllowed } from '@leadscore/contracts';
import { Forbidden } from '@leadscore/http';
import { type AuthenticatedSource } from '../auth/authenticated-source';
import { IngestMetrics } from '../ingest.metrics';

export type OriginCheckedRoute = 'native' | 'segment' | 'pixel';

/**
 * A source's allowed origins (docs/events.md "Browsers"): a browser call (an `Origin` header) from an
 * origin the source does not list is refused and counted; an empty list, or no `Origin` (a
 * server, an `<img>` in an email), lets it through. Checked right after authentication, before
 * the rate limit, so that another site's refused calls do not use up the source's tokens.
 */
@Injectable()
export class SourceOriginCheck {
  constructor(private readonly metrics: IngestMetrics) {}

  allows(source: AuthenticatedSource, origin: string | undefined, route: OriginCheckedRoute): boolean {
    if (originAllowed(source.allowedOrigins, origin)) return true;
    this.metrics.originRefused.inc({ route });
    return false;
  }

  /** Throws Forbidden (403 on path `origin`) when `allows` is false. */
  admit(source: AuthenticatedSource, origin: string | undefined, route: OriginCheckedRoute): void {
    if (!this.allows(source, origin, route)) throw new Forbidden('origin', 'this source\'s write key may not be used from this web origin');
  }
}
