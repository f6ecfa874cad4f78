import { ApiRoute } from '@leadscore/http';

/** The dashboard's static files (dashboard.controller.ts): public, no data in them. */
export const DashboardDocs = {
  index: ApiRoute({
    summary: 'The ops dashboard (HTML page)',
    description: 'The built single-page dashboard; it signs in with an ops token and calls this API. 503 with a message when it was not built (`npm run build`).',
    ok: { status: 200, description: 'The page (text/html)', schema: { type: 'string' } },
    errors: [503],
  }),
  asset: ApiRoute({
    summary: 'A built file of the dashboard (script, style)',
    description: 'Hashed file names: cached for a year.',
    params: [{ name: 'file', description: 'The hashed file name', example: 'index-abc123.js' }],
    ok: { status: 200, description: 'The file', schema: { type: 'string' } },
    errors: [404],
  }),
};
