import { AssignerProtocol, type Assigner, type Consumer, type Kafka, type PartitionAssigner } from 'kafkajs';

const GATE = Buffer.from('bench-group-gate');

/**
 * Holds a consumer group's partitions until `members` other consumers have joined it, then hands
 * them all out at once, round robin, as their own assigner would. Without it, N workers started
 * together do not start together: the first to join takes every partition and drains alone until
 * the others arrive (this broker has no initial rebalance delay), which is a different figure.
 *
 * How: the gate joins first, so it is the group's leader and computes every assignment (under the
 * protocol name the workers use, kafkajs' RoundRobinAssigner). It recognises itself by its user
 * data, keeps the partitions while fewer workers are in, and never commits an offset, so the
 * workers start where the group started.
 */
export class GroupGate {
  private readonly consumer: Consumer;
  private openedAt: number | null = null;
  private assignmentsAfterOpening = 0;

  constructor(kafka: Kafka, groupId: string, private readonly topic: string, private readonly members: number) {
    this.consumer = kafka.consumer({ groupId, heartbeatInterval: 500, partitionAssigners: [this.assigner] });
  }

  async join(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    // Paused: it holds partitions, it reads none. autoCommit off: it never moves the group's offsets.
    await this.consumer.run({ autoCommit: false, eachBatch: async () => undefined });
    this.consumer.pause([{ topic: this.topic }]);
  }

  /** When the workers got the partitions (performance.now()), or null while the gate holds them. */
  get opened(): number | null {
    return this.openedAt;
  }

  /** Rebalances after the gate opened (the leader assigns once per rebalance): 0 unless a worker left or joined meanwhile. */
  get rebalancesSinceOpening(): number {
    return this.assignmentsAfterOpening;
  }

  async leave(): Promise<void> {
    await this.consumer.disconnect();
  }

  private readonly assigner: PartitionAssigner = ({ cluster }) => {
    const assigner: Assigner = {
      name: 'RoundRobinAssigner',
      version: 0,
      assign: async ({ members, topics }) => {
        const isGate = (metadata: Buffer) => AssignerProtocol.MemberMetadata.decode(metadata)?.userData.equals(GATE) ?? false;
        const gate = members.filter((member) => isGate(member.memberMetadata)).map((member) => member.memberId);
        const workers = members.filter((member) => !isGate(member.memberMetadata)).map((member) => member.memberId).sort();
        const open = workers.length >= this.members;
        const assignees = open ? workers : gate;
        const partitions = topics.flatMap((topic) => cluster.findTopicPartitionMetadata(topic).map((metadata) => ({ topic, partition: metadata.partitionId })));
        const owned = new Map<string, Record<string, number[]>>(members.map((member) => [member.memberId, {}]));
        partitions.forEach(({ topic, partition }, i) => {
          const mine = owned.get(assignees[i % assignees.length])!;
          (mine[topic] ??= []).push(partition);
        });
        if (this.openedAt !== null) this.assignmentsAfterOpening += 1;
        else if (open) this.openedAt = performance.now();
        return [...owned].map(([memberId, assignment]) => ({ memberId, memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }) }));
      },
      protocol: ({ topics }) => ({ name: 'RoundRobinAssigner', metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: GATE }) }),
    };
    return assigner;
  };
}
