import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@leadscore/config';

// No Docker engine runs where this project is built, so the compose file cannot be started in a
// test; this keeps it in step with the apps that exist and the ports they listen on.
const ROOT = join(__dirname, '..');

interface ComposeService {
  profiles?: string[];
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(join(ROOT, 'docker/docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

/** The deployable apps: a folder of apps/ with a Nest main (the CLI and the dashboard are not services). */
const deployable = readdirSync(join(ROOT, 'apps')).filter((app) => app !== 'cli' && existsSync(join(ROOT, 'apps', app, 'src/main.ts')));

describe('docker/docker-compose.yml', () => {
  it('runs every deployable app, each from its own build of app.Dockerfile, none behind a profile', () => {
    expect(deployable.sort()).toEqual(['admin', 'handoff', 'ingest', 'scoring']);
    for (const app of deployable) {
      const service = compose.services[app];
      expect({ app, defined: service !== undefined }).toEqual({ app, defined: true });
      expect({ app, buildArg: service.build?.args?.APP, profiles: service.profiles }).toEqual({ app, buildArg: app, profiles: undefined });
    }
  });

  it("publishes each app's HTTP port as set in its environment, on loopback, and health-checks the workers on it", () => {
    const env = compose.services.scoring.environment ?? {};
    const config = loadConfig({ ...env, ADMIN_TOKEN: 'compose-spec-token' });
    const ports = { ingest: config.ingestPort, admin: config.adminPort, scoring: config.scoringHttpPort, handoff: config.handoffHttpPort };
    for (const [app, port] of Object.entries(ports)) {
      expect({ app, ports: compose.services[app].ports }).toEqual({ app, ports: [`127.0.0.1:${port}:${port}`] });
      expect(compose.services[app].environment).toEqual(env);
    }
    for (const worker of ['scoring', 'handoff']) {
      expect(compose.services[worker].healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${ports[worker as 'scoring' | 'handoff']}/health/ready`);
    }
  });

  it('builds what the apps need at run time into the image: the compiled apps, the dashboard and the default rules', () => {
    const dockerfile = readFileSync(join(ROOT, 'docker/app.Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY apps ./apps');
    expect(dockerfile).toContain('COPY libs ./libs');
    expect(dockerfile).toContain('RUN npm run build');
    expect(dockerfile).toContain('COPY rules ./rules');
    const build = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build;
    // Every config file the build script names is copied into the build stage.
    for (const file of build.match(/[\w./-]+\.(?:json|mts)/g) ?? []) {
      expect({ file, copied: dockerfile.includes(file) || dockerfile.includes(`COPY ${file.split('/')[0]} `) }).toEqual({ file, copied: true });
    }
  });
});
