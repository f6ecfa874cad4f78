import { type SegmentApiHost } from './segment-api-host';

/**
 * What `GET /v1/projects/{writeKey}/settings` answers: the least analytics.js needs to load and
 * send its calls to this server, with no `integrations` option in the page: analytics.js's
 * Segment.io destination posts to `{protocol}://{apiHost}/{t|p|i|…}` (apiHost is host and path).
 */
export function segmentSettings(writeKey: string, target: SegmentApiHost) {
  return {
    integrations: { 'Segment.io': { apiKey: writeKey, apiHost: target.apiHost, protocol: target.protocol, unbundledIntegrations: [], addBundledMetadata: false } },
    plan: { track: { __default: { enabled: true, integrations: {} } }, identify: { __default: { enabled: true } }, group: { __default: { enabled: true } } },
    edgeFunction: {},
    analyticsNextEnabled: true,
    middlewareSettings: {},
    enabledMiddleware: {},
    metrics: { sampleRate: 0 },
    legacyVideoPluginsEnabled: false,
    remotePlugins: [],
  };
}
