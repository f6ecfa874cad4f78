/**
 * What `GET /v1/projects/{writeKey}/settings` answers: the least analytics.js needs to load and
 * send its calls to this server (`apiHost` is host and path, without the scheme: analytics.js
 * adds `https://` and the short route, such as `/t`).
 */
export function segmentSettings(writeKey: string, apiHost: string) {
  return {
    integrations: { 'Segment.io': { apiKey: writeKey, apiHost, unbundledIntegrations: [], addBundledMetadata: false } },
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
