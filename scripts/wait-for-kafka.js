#!/usr/bin/env node
// Waits until a Kafka broker answers real metadata requests (describeCluster + listTopics), not
// just an open port. Used by scripts/services.sh after `npm ci` (needs kafkajs).
//
// Usage: node scripts/wait-for-kafka.js [--brokers 127.0.0.1:9092] [--timeout 60] [--pid N]
//   --pid N  give up at once when process N exits (the broker we just started died)
// Exit status: 0 once the broker answers, 1 on timeout or when process N is gone.
'use strict';

const { Kafka, logLevel } = require('kafkajs');

function parseArgs(argv) {
  const options = { brokers: process.env.KAFKA_BROKERS || '127.0.0.1:9092', timeout: 60, pid: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--brokers' && value) options.brokers = value;
    else if (name === '--timeout' && Number(value) > 0) options.timeout = Number(value);
    else if (name === '--pid' && Number.isInteger(Number(value))) options.pid = Number(value);
    else {
      console.error(`wait-for-kafka: unknown or incomplete option ${name}`);
      process.exit(2);
    }
  }
  return options;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

async function askForMetadata(brokers) {
  const kafka = new Kafka({
    clientId: 'leadscore-wait-for-kafka',
    brokers,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('the cluster lists no brokers yet');
    await admin.listTopics();
    return cluster;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const brokers = options.brokers.split(',').map((broker) => broker.trim());
  const deadline = Date.now() + options.timeout * 1000;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (options.pid !== undefined && !isAlive(options.pid)) {
      console.error(`wait-for-kafka: broker process ${options.pid} exited`);
      return 1;
    }
    try {
      const cluster = await askForMetadata(brokers);
      console.error(`wait-for-kafka: ${brokers.join(',')} answers (cluster ${cluster.clusterId})`);
      return 0;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.error(`wait-for-kafka: no answer from ${brokers.join(',')} within ${options.timeout}s (${lastError})`);
  return 1;
}

main().then((code) => process.exit(code));
