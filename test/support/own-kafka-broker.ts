import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { repoRoot } from './app-process';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

/**
 * A one-node KRaft broker of the test's own (the jars scripts/services.sh fetched into
 * .cache/kafka/libs, ports and data dir of its own), for tests that stop Kafka: the shared broker
 * is never touched. `stop()` kills it like a crash; `start()` again keeps its data.
 */
export class OwnKafkaBroker {
  /** `advertisedPort`: the port clients are told to use (a proxy's, in front of the broker); its own port by default. */
  constructor(private readonly options: { advertisedPort?: number } = {}) {}

  private child: ChildProcess | null = null;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'leadscore-own-kafka-'));
  private port = 0;
  private controllerPort = 0;
  private formatted = false;

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Where the broker itself listens (a proxy forwards there). */
  get listenPort(): number {
    return this.port;
  }

  async start(): Promise<void> {
    if (this.port === 0) {
      this.port = await freePort();
      this.controllerPort = await freePort();
    }
    const config = join(this.dataDir, 'server.properties');
    if (!this.formatted) {
      writeFileSync(config, this.properties());
      await this.run(['kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', config]);
      this.formatted = true;
    }
    this.child = spawn('java', [...this.jvmArgs(), 'kafka.Kafka', config], { stdio: 'ignore' });
    const kafka = new Kafka({ clientId: 'own-broker-probe', brokers: [this.brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    await waitFor('the test broker to answer', async () => {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.describeCluster();
        return true;
      } finally {
        await admin.disconnect();
      }
    }, 90_000, 500);
  }

  /** kill -9: the broker is gone at once, its clients' sockets reset. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private run(args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('java', [...this.jvmArgs(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const keep = (chunk: Buffer) => { output = (output + chunk.toString('utf8')).slice(-2000); };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`java ${args[0]} exited with ${code}: ${output.trim()}`))));
    });
  }

  private jvmArgs(): string[] {
    const libs = join(repoRoot(), '.cache', 'kafka', 'libs');
    if (!existsSync(libs)) throw new Error(`${libs} is missing: scripts/services.sh start fetches the Kafka jars`);
    return ['-Xms128m', '-Xmx256m', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dkafka.logs.dir=${this.dataDir}`,
      `-Dlog4j.configuration=file:${join(this.dataDir, 'log4j.properties')}`, '-cp', `${libs}/*`];
  }

  // The same settings as scripts/services.sh's broker, on this broker's ports and directory.
  private properties(): string {
    writeFileSync(join(this.dataDir, 'log4j.properties'), 'log4j.rootLogger=WARN, file\nlog4j.appender.file=org.apache.log4j.FileAppender\n'
      + `log4j.appender.file.File=${join(this.dataDir, 'server.log')}\nlog4j.appender.file.layout=org.apache.log4j.PatternLayout\n`
      + 'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n\n');
    return [
      'process.roles=broker,controller', 'node.id=1', `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${this.options.advertisedPort ?? this.port}`, 'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER', 'inter.broker.listener.name=PLAINTEXT', `log.dirs=${join(this.dataDir, 'data')}`,
      'offsets.topic.replication.factor=1', 'transaction.state.log.replication.factor=1', 'transaction.state.log.min.isr=1',
      'min.insync.replicas=1', 'default.replication.factor=1', 'num.partitions=3', 'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false', 'num.network.threads=2', 'num.io.threads=2', 'num.recovery.threads.per.data.dir=1',
      'log.cleaner.enable=false', '',
    ].join('\n');
  }
}

/**
 * A cluster id: a base64url UUID (StorageTool's own random-uuid would cost one more JVM start).
 * Never one that starts with '-': StorageTool's argument parser would take it for an option and
 * exit 1 (one run in 64 failed that way).
 */
function randomClusterId(): string {
  const id = randomBytes(16).toString('base64url');
  return id.startsWith('-') ? `A${id.slice(1)}` : id;
}
