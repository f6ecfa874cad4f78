import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { NotFound } from '@leadscore/http';
import { DashboardDocs } from './dashboard.open-api';
import { type DashboardFiles, readDashboardFiles } from './dashboard-files';

// Scripts and styles from this origin only (the built files: no inline script, no CDN).
export const DASHBOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const NOT_BUILT = 'The dashboard is not built: run `npm run build` (it builds apps/dashboard into dist/dashboard), then restart the admin app.\n';

/**
 * The dashboard's page and its hashed files, public (they hold no data: every figure comes from
 * the ops API with the signed-in token). A route of our own rather than @fastify/static: the
 * version @nestjs/platform-fastify accepts needs Node 22. The files are read once, at start-up.
 */
@ApiTags('dashboard')
@Controller()
export class DashboardController {
  private readonly files: DashboardFiles = readDashboardFiles();

  @DashboardDocs.index
  @Get()
  index(@Res() reply: FastifyReply): void {
    const index = this.files.index;
    if (!index) {
      void secure(reply).status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      return;
    }
    void secure(reply).header('cache-control', 'no-cache').type(index.type).send(index.body);
  }

  @DashboardDocs.asset
  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = this.files.assets.get(file);
    if (!asset) throw new NotFound('file', 'no such dashboard file');
    void secure(reply).header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body);
  }
}

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', DASHBOARD_CSP).header('x-content-type-options', 'nosniff');
}
