/**
 * A stand-in for a Zeebe gateway: a real gRPC server (Zeebe's own `gateway_protocol.Gateway` service from
 * zeebe-node's proto) that hands out queued jobs on ActivateJobs and records what the workers answer with
 * CompleteJob, FailJob, ThrowError and PublishMessage. No engine behind it: the test queues the jobs.
 */
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const require = createRequire(import.meta.url);
const PROTO = require.resolve('zeebe-node/proto/zeebe.proto');

export interface QueuedJob {
  type: string;
  variables: Record<string, unknown>;
  customHeaders?: Record<string, string>;
  retries?: number;
}

export type Answer =
  | { rpc: 'CompleteJob'; jobKey: string; variables: Record<string, unknown> }
  | { rpc: 'FailJob'; jobKey: string; retries: number; errorMessage: string }
  | { rpc: 'ThrowError'; jobKey: string; errorCode: string; errorMessage: string; variables: Record<string, unknown> }
  | { rpc: 'PublishMessage'; name: string; correlationKey: string; messageId: string; variables: Record<string, unknown> };

type Unary = (call: { request: Record<string, unknown> }, callback: grpc.sendUnaryData<unknown>) => void;

export class ZeebeGatewayDouble {
  readonly answers: Answer[] = [];
  private readonly server = new grpc.Server();
  private readonly queue: Array<QueuedJob & { key: string }> = [];
  private readonly messageIds = new Set<string>();
  private nextKey = 2251799813685249n;
  private waiters: Array<() => void> = [];

  async start(): Promise<string> {
    const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } } };
    const record = (answer: Answer): void => {
      this.answers.push(answer);
      for (const wake of this.waiters.splice(0)) wake();
    };
    const vars = (text: unknown): Record<string, unknown> => (typeof text === 'string' && text ? (JSON.parse(text) as Record<string, unknown>) : {});
    const ok: (reply: unknown) => Unary = (reply) => (_call, callback) => callback(null, reply);
    this.server.addService(proto.gateway_protocol.Gateway.service, {
      Topology: ok({ brokers: [], clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: 'double' }),
      ActivateJobs: (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => {
        const { type, worker, maxJobsToActivate } = call.request as { type: string; worker: string; maxJobsToActivate: number };
        const taken: Array<QueuedJob & { key: string }> = [];
        for (let i = 0; i < this.queue.length && taken.length < Math.max(1, maxJobsToActivate);) {
          if (this.queue[i]!.type === type) taken.push(...this.queue.splice(i, 1));
          else i++;
        }
        if (taken.length > 0) {
          call.write({
            jobs: taken.map((job) => ({
              key: job.key,
              type: job.type,
              processInstanceKey: '1',
              bpmnProcessId: 'isccc-certification',
              processDefinitionVersion: 1,
              processDefinitionKey: '1',
              elementId: 'Task',
              elementInstanceKey: job.key,
              customHeaders: JSON.stringify(job.customHeaders ?? {}),
              worker,
              retries: job.retries ?? 3,
              deadline: String(Date.now() + 60_000),
              variables: JSON.stringify(job.variables),
              tenantId: '<default>',
            })),
          });
        }
        call.end();
      },
      CompleteJob: ((call, callback) => {
        record({ rpc: 'CompleteJob', jobKey: String(call.request.jobKey), variables: vars(call.request.variables) });
        callback(null, {});
      }) as Unary,
      FailJob: ((call, callback) => {
        record({ rpc: 'FailJob', jobKey: String(call.request.jobKey), retries: Number(call.request.retries), errorMessage: String(call.request.errorMessage) });
        callback(null, {});
      }) as Unary,
      ThrowError: ((call, callback) => {
        record({
          rpc: 'ThrowError',
          jobKey: String(call.request.jobKey),
          errorCode: String(call.request.errorCode),
          errorMessage: String(call.request.errorMessage),
          variables: vars(call.request.variables),
        });
        callback(null, {});
      }) as Unary,
      PublishMessage: ((call, callback) => {
        const messageId = String(call.request.messageId ?? '');
        if (messageId && this.messageIds.has(messageId)) {
          callback({ code: grpc.status.ALREADY_EXISTS, details: `message with id ${messageId} already published` });
          return;
        }
        if (messageId) this.messageIds.add(messageId);
        record({
          rpc: 'PublishMessage',
          name: String(call.request.name),
          correlationKey: String(call.request.correlationKey),
          messageId,
          variables: vars(call.request.variables),
        });
        callback(null, { key: String(this.nextKey++) });
      }) as Unary,
    });
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    this.server.start();
    return `127.0.0.1:${port}`;
  }

  queueJob(job: QueuedJob): string {
    const key = String(this.nextKey++);
    this.queue.push({ ...job, key });
    return key;
  }

  /** Resolves once the workers have answered for `jobKey` (or `count` answers match). */
  async answerFor(match: (a: Answer) => boolean, timeoutMs = 15_000): Promise<Answer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.answers.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the gateway double got no matching answer in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
  }
}
