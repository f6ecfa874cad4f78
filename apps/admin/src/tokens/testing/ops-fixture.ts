import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { OPS_SCOPES, type OpsScope, TOPICS, type TopicKey, topicName } from '@leadscore/contracts';
import { createKafkaClient, ensureTopics, type KafkaClient, publishDeadLetters, ReliableProducer } from '@leadscore/kafka';
import { JsonLogger } from '@leadscore/observability';
import { insertDelivery, insertHandoff, WriteKeyRepository } from '@leadscore/persistence';
import { testEnv } from '@test/setup/test-env';
import { type AdminTestApp, startAdminApp } from '../../rules/testing/start-admin-app';

export const RULES_YAML = `name: tokens-test
thresholds: { mql: 50, sql: 100 }
score: { floor: 0, ceiling: 200 }
rules:
  - id: whitepaper
    when: { type: whitepaper_download }
    points: 10
`;

export interface OpsFixture {
  admin: AdminTestApp;
  kafka: KafkaClient;
  namespace: string;
  /** A team in the routing, a handoff with a delivery, a rule set version, a source, a dead letter. */
  teamId: string;
  handoffId: string;
  ruleVersion: number;
  writeKey: string;
  close(): Promise<void>;
  /** A new token with these scopes (made with ADMIN_TOKEN): its id and secret. */
  token(name: string, scopes: readonly OpsScope[], expiresAt?: string): Promise<{ id: string; token: string }>;
  json<T>(response: Response): Promise<T>;
}

/** The admin app on a database and a Kafka namespace of its own, with one of each thing the ops API changes. */
export async function startOpsFixture(suite: string, onRoute?: (method: string, url: string) => void): Promise<OpsFixture> {
  const namespace = `t-${suite}-${Date.now().toString(36)}-${process.pid.toString(36)}`;
  const admin = await startAdminApp({ database: `leadscore_int_${suite.replace(/-/g, '_')}`, namespace, onRoute });
  const logger = new JsonLogger('ops-fixture', 'error', () => undefined);
  const kafka = createKafkaClient({ brokers: testEnv().kafkaBrokers.split(','), clientId: `${suite}-fixture`, logger });
  await ensureTopics(kafka, [topicName(namespace, 'leadEvents'), topicName(namespace, 'leadScores'), topicName(namespace, 'leadEventsDlq')], 1);
  const producer = new ReliableProducer(kafka);
  await producer.connect();
  await publishDeadLetters(producer, topicName(namespace, 'leadEventsDlq'), [{
    key: Buffer.from('lead-1'), value: Buffer.from('not json'), reason: 'bad message', step: 'parse-message',
    sourceTopic: topicName(namespace, 'leadEvents'), partition: 0, offset: '7',
  }], new Date('2026-03-01T00:00:00Z'));
  await producer.disconnect();

  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
  const posted = await admin.call('POST', '/v1/rules', { body: RULES_YAML, contentType: 'application/yaml' });
  if (posted.status !== 201) throw new Error(`rule set not posted: ${posted.status} ${await posted.text()}`);
  const ruleVersion = (await json<{ version: number }>(posted)).version;
  const teamId = 'sales';
  const routed = await admin.call('PUT', '/v1/routing', { body: JSON.stringify({ teams: [{ id: teamId, members: ['ann'], webhook: { url: 'http://93.184.216.34/hook' } }] }), contentType: 'application/json' });
  if (routed.status !== 200) throw new Error(`routing not set: ${routed.status} ${await routed.text()}`);
  const handoffId = randomUUID();
  await insertHandoff(admin.pool, { id: handoffId, leadId: 'lead-1', promotion: 'mql', causeEventId: 'evt-1', teamId, member: 'ann', status: 'failed', routingVersion: 1, payload: {} });
  await insertDelivery(admin.pool, { id: randomUUID(), handoffId, teamId, url: 'http://93.184.216.34/hook', body: '{}' });
  const writeKey = (await new WriteKeyRepository(admin.pool).create({ name: 'website' })).key;

  return {
    admin, kafka, namespace, teamId, handoffId, ruleVersion, writeKey, json,
    async token(name, scopes, expiresAt) {
      const response = await admin.call('POST', '/v1/tokens', { body: JSON.stringify({ name, scopes, ...(expiresAt ? { expiresAt } : {}) }), contentType: 'application/json' });
      if (response.status !== 201) throw new Error(`token not created: ${response.status} ${await response.text()}`);
      return json<{ id: string; token: string }>(response);
    },
    async close() {
      await admin.close();
      // Cleaning up as an outside party, with a kafkajs client of its own.
      const kafkaAdmin = new Kafka({ clientId: `${suite}-cleanup`, brokers: testEnv().kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
      await kafkaAdmin.connect();
      await kafkaAdmin.deleteTopics({ topics: (Object.keys(TOPICS) as TopicKey[]).map((key) => topicName(namespace, key)) }).catch(() => undefined);
      await kafkaAdmin.disconnect();
    },
  };
}

export const ALL_SCOPES: readonly OpsScope[] = OPS_SCOPES;
