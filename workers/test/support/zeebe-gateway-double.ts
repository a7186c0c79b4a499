/**
 * A stand-in for a Zeebe gateway: a real gRPC server implementing Zeebe's own `gateway_protocol.Gateway`
 * service from the proto `@camunda8/sdk` ships. No engine behind it — the test queues the jobs — but strict
 * where Zeebe is: variables must be a JSON object document; a job not answered within its timeout is handed out
 * again and its late answer gets NOT_FOUND; a failed job with retries left waits out its retry back-off, with
 * none left it becomes an incident; messages live for their TTL, their ids are unique within it, and correlation
 * keys follow Zeebe's rule; DeployResource accepts BPMN and forms and deploys an unchanged resource only once.
 * ActivateJobs long-polls, StreamActivatedJobs pushes; `restart()` drops every connection and comes back on
 * the same port with the same state.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { correlationKeyOf } from '../../src/embedded/engine/correlation-key.js';

const require = createRequire(import.meta.url);
const PROTO = require.resolve('@camunda8/sdk/dist/proto/zeebe.proto');

export interface QueuedJob {
  type: string;
  variables: Record<string, unknown>;
  customHeaders?: Record<string, string>;
  retries?: number;
  processInstanceKey?: string;
  elementId?: string;
  /** The broker's clock when it activates this job (deadline = this + timeout); the real clock by default. */
  activatedAt?: Date;
}

export type Answer =
  | { rpc: 'CompleteJob'; jobKey: string; variables: Record<string, unknown> }
  | { rpc: 'FailJob'; jobKey: string; retries: number; errorMessage: string; retryBackOff: number }
  | { rpc: 'ThrowError'; jobKey: string; errorCode: string; errorMessage: string; variables: Record<string, unknown> }
  | { rpc: 'PublishMessage'; name: string; correlationKey: string; messageId: string; timeToLive: number; variables: Record<string, unknown> };

export interface Deployed {
  kind: 'process' | 'form';
  id: string;
  version: number;
  key: string;
  resourceName: string;
}

interface JobState extends QueuedJob {
  key: string;
  retries: number;
  state: 'activatable' | 'activated' | 'done' | 'incident';
  /** Activatable again from this instant (retry back-off). */
  notBefore: number;
  deadline: number;
  activations: number;
}

interface Waiting {
  type: string;
  worker: string;
  timeout: number;
  fetchVariable: string[];
  take(jobs: JobState[]): void;
  capacity: number;
}

interface BufferedMessage {
  name: string;
  correlationKey: string;
  messageId: string;
  expiresAt: number;
  variables: Record<string, unknown>;
}

type Call = { request: Record<string, unknown> };
type Unary = (call: Call, callback: grpc.sendUnaryData<unknown>) => void;
/** A refusal with its gRPC status; grpc-js sends `code` and `details` to the client. */
class GrpcStatusError extends Error {
  constructor(
    readonly code: grpc.status,
    readonly details: string,
  ) {
    super(details);
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : '');
const num = (value: unknown): number => Number(str(value) || 0);

export class ZeebeGatewayDouble {
  readonly answers: Answer[] = [];
  /** When each job's first answer arrived (epoch ms). */
  readonly answeredAt = new Map<string, number>();
  readonly incidents: Array<{ jobKey: string; errorMessage: string }> = [];
  readonly deployments: Array<{ key: string; resources: string[]; deployed: Deployed[] }> = [];
  /** Every hand-out of a job: when, to which worker, over which RPC. */
  readonly activations: Array<{ at: number; jobKey: string; type: string; worker: string; via: 'ActivateJobs' | 'StreamActivatedJobs' }> = [];
  /** Set to have the next answers to these job keys refused with NOT_FOUND, as for a job whose element was left. */
  readonly cancelled = new Set<string>();
  /** Job answers are recorded at once but replied to this much later (a slow gateway keeps a job in the worker's hands). */
  answerDelayMs = 0;
  private server?: grpc.Server;
  private port = 0;
  private readonly jobs = new Map<string, JobState>();
  private readonly messages: BufferedMessage[] = [];
  private readonly resources = new Map<string, { checksum: string; deployed: Deployed[] }>();
  private readonly versions = new Map<string, number>();
  private polls: Waiting[] = [];
  private streams: Waiting[] = [];
  private nextKey = 2251799813685249n;
  private waiters: Array<() => void> = [];
  private sweeper?: NodeJS.Timeout;

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const server = new grpc.Server();
    server.addService(gatewayProtocol().Gateway.service, this.implementation());
    this.port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${this.port}`, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
    );
    server.start();
    this.server = server;
    this.sweeper = setInterval(() => this.dispatch(), 50);
    return this.address;
  }

  /** Goes away (every call and stream breaks) and comes back on the same port with the same jobs and messages. */
  async restart(downMs = 0): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    for (const w of [...this.polls, ...this.streams]) w.take([]);
    this.polls = [];
    this.streams = [];
    this.server?.forceShutdown();
    this.server = undefined;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  queueJob(job: QueuedJob): string {
    const key = String(this.nextKey++);
    this.jobs.set(key, { ...job, key, retries: job.retries ?? 3, state: 'activatable', notBefore: 0, deadline: 0, activations: 0 });
    this.dispatch();
    return key;
  }

  /** Open job streams of a type. */
  streaming(type: string): number {
    return this.streams.filter((s) => s.type === type).length;
  }

  /** Parked long polls of a type. */
  polling(type: string): number {
    return this.polls.filter((s) => s.type === type).length;
  }

  jobState(key: string): JobState['state'] | undefined {
    return this.jobs.get(key)?.state;
  }

  /** A message subscription opens (as a catch event would be entered): the buffered message it correlates, if any. */
  openSubscription(name: string, correlationKey: unknown): BufferedMessage | undefined {
    const key = correlationKeyOf(correlationKey);
    const now = Date.now();
    const i = this.messages.findIndex((m) => m.name === name && m.correlationKey === key && m.expiresAt > now);
    return i < 0 ? undefined : this.messages.splice(i, 1)[0];
  }

  /** Resolves once an answer matches (or fails after `timeoutMs`). */
  async answerFor(match: (a: Answer) => boolean, timeoutMs = 15_000): Promise<Answer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.answers.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the gateway double got no matching answer in time');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  answersTo(jobKey: string): Answer[] {
    return this.answers.filter((a) => 'jobKey' in a && a.jobKey === jobKey);
  }

  private record(answer: Answer): void {
    this.answers.push(answer);
    if ('jobKey' in answer && !this.answeredAt.has(answer.jobKey)) this.answeredAt.set(answer.jobKey, Date.now());
    for (const wake of this.waiters.splice(0)) wake();
  }

  private implementation(): grpc.UntypedServiceImplementation {
    const unary =
      (work: (request: Record<string, unknown>) => unknown): Unary =>
      (call, callback) => {
        Promise.resolve()
          .then(() => work(call.request))
          .then(async (reply) => {
            if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
            return reply;
          })
          .then(
            (reply) => callback(null, reply),
            (error: unknown) => {
              if (error instanceof GrpcStatusError) callback({ code: error.code, details: error.details });
              else callback({ code: grpc.status.INTERNAL, details: (error as Error).message });
            },
          );
      };
    return {
      Topology: unary(() => ({ brokers: [], clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.8.0-double' })),
      ActivateJobs: (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => this.activateJobs(call),
      StreamActivatedJobs: (call: grpc.ServerWritableStream<Record<string, unknown>, unknown>) => this.streamActivatedJobs(call),
      CompleteJob: unary((r) => {
        const job = this.answerable(str(r.jobKey));
        const variables = document(r.variables);
        job.state = 'done';
        this.record({ rpc: 'CompleteJob', jobKey: job.key, variables });
        return {};
      }),
      FailJob: unary((r) => {
        const job = this.answerable(str(r.jobKey));
        const retries = num(r.retries);
        const retryBackOff = num(r.retryBackOff);
        job.retries = retries;
        if (retries > 0) {
          job.state = 'activatable';
          job.notBefore = Date.now() + retryBackOff;
        } else {
          job.state = 'incident';
          this.incidents.push({ jobKey: job.key, errorMessage: str(r.errorMessage) });
        }
        this.record({ rpc: 'FailJob', jobKey: job.key, retries, errorMessage: str(r.errorMessage), retryBackOff });
        return {};
      }),
      ThrowError: unary((r) => {
        const job = this.answerable(str(r.jobKey));
        const variables = document(r.variables);
        job.state = 'done';
        this.record({ rpc: 'ThrowError', jobKey: job.key, errorCode: str(r.errorCode), errorMessage: str(r.errorMessage), variables });
        return {};
      }),
      PublishMessage: unary((r) => this.publishMessage(r)),
      DeployResource: unary((r) => this.deployResource(r)),
    };
  }

  /** A job answer is accepted only from the worker holding it, before its deadline. */
  private answerable(jobKey: string): JobState {
    this.expire();
    const job = this.jobs.get(jobKey);
    if (!job || job.state !== 'activated' || this.cancelled.has(jobKey)) {
      throw new GrpcStatusError(grpc.status.NOT_FOUND, `Expected to find activated job with key '${jobKey}', but no such job was found`);
    }
    return job;
  }

  private activateJobs(call: grpc.ServerWritableStream<Record<string, unknown>, unknown>): void {
    const r = call.request;
    const requestTimeout = num(r.requestTimeout);
    let open = true;
    const waiting: Waiting = {
      type: str(r.type),
      worker: str(r.worker),
      timeout: num(r.timeout),
      fetchVariable: (r.fetchVariable as string[] | undefined) ?? [],
      capacity: Math.max(1, num(r.maxJobsToActivate)),
      take: (jobs) => {
        if (!open) return;
        open = false;
        clearTimeout(timer);
        this.polls = this.polls.filter((w) => w !== waiting);
        if (jobs.length > 0) call.write({ jobs: jobs.map((j) => this.handOut(j, waiting, 'ActivateJobs')) });
        call.end();
      },
    };
    // requestTimeout 0: the gateway's default long poll (10 s); negative: answer at once.
    const wait = requestTimeout < 0 ? 0 : requestTimeout === 0 ? 10_000 : requestTimeout;
    const timer = setTimeout(() => waiting.take([]), wait);
    call.on('cancelled', () => {
      open = false;
      clearTimeout(timer);
      this.polls = this.polls.filter((w) => w !== waiting);
    });
    this.polls.push(waiting);
    this.dispatch();
  }

  private streamActivatedJobs(call: grpc.ServerWritableStream<Record<string, unknown>, unknown>): void {
    const r = call.request;
    const waiting: Waiting = {
      type: str(r.type),
      worker: str(r.worker),
      timeout: num(r.timeout),
      fetchVariable: (r.fetchVariable as string[] | undefined) ?? [],
      capacity: Infinity,
      take: (jobs) => {
        for (const j of jobs) call.write(this.handOut(j, waiting, 'StreamActivatedJobs'));
        if (jobs.length === 0) call.end();
      },
    };
    const drop = (): void => {
      this.streams = this.streams.filter((w) => w !== waiting);
    };
    call.on('cancelled', drop);
    call.on('close', drop);
    this.streams.push(waiting);
    this.dispatch();
  }

  /** Hands activatable jobs to the streams first, then to parked long polls (as Zeebe prefers pushing). */
  private dispatch(): void {
    this.expire();
    const now = Date.now();
    const ready = [...this.jobs.values()].filter((j) => j.state === 'activatable' && j.notBefore <= now);
    for (const job of ready) {
      const stream = this.streams.find((s) => s.type === job.type);
      if (stream) {
        stream.take([job]);
        continue;
      }
    }
    for (const poll of [...this.polls]) {
      const jobs = [...this.jobs.values()].filter((j) => j.type === poll.type && j.state === 'activatable' && j.notBefore <= now).slice(0, poll.capacity);
      if (jobs.length > 0) poll.take(jobs);
    }
  }

  /** A job held past its deadline goes back to the pool with its retries unchanged. */
  private expire(): void {
    const now = Date.now();
    for (const job of this.jobs.values()) if (job.state === 'activated' && job.deadline <= now) job.state = 'activatable';
  }

  private handOut(job: JobState, to: Waiting, via: 'ActivateJobs' | 'StreamActivatedJobs'): Record<string, unknown> {
    const now = Date.now();
    job.state = 'activated';
    job.deadline = now + to.timeout;
    job.activations++;
    this.activations.push({ at: now, jobKey: job.key, type: job.type, worker: to.worker, via });
    const variables =
      to.fetchVariable.length === 0 ? job.variables : Object.fromEntries(Object.entries(job.variables).filter(([k]) => to.fetchVariable.includes(k)));
    return {
      key: job.key,
      type: job.type,
      processInstanceKey: job.processInstanceKey ?? '2251799813685000',
      bpmnProcessId: 'isccc-certification',
      processDefinitionVersion: 1,
      processDefinitionKey: '2251799813684000',
      elementId: job.elementId ?? 'Task',
      elementInstanceKey: job.key,
      customHeaders: JSON.stringify(job.customHeaders ?? {}),
      worker: to.worker,
      retries: job.retries,
      deadline: String((job.activatedAt?.getTime() ?? now) + to.timeout),
      variables: JSON.stringify(variables),
      tenantId: '<default>',
    };
  }

  private publishMessage(r: Record<string, unknown>): unknown {
    const now = Date.now();
    for (let i = this.messages.length - 1; i >= 0; i--) if (this.messages[i]!.expiresAt <= now) this.messages.splice(i, 1);
    const messageId = str(r.messageId);
    if (messageId && this.messages.some((m) => m.messageId === messageId && m.name === str(r.name))) {
      throw new GrpcStatusError(grpc.status.ALREADY_EXISTS, `message with id '${messageId}' is already published`);
    }
    const variables = document(r.variables);
    const message = { name: str(r.name), correlationKey: str(r.correlationKey), messageId, expiresAt: now + num(r.timeToLive), variables };
    this.messages.push(message);
    this.record({ rpc: 'PublishMessage', name: message.name, correlationKey: message.correlationKey, messageId, timeToLive: num(r.timeToLive), variables });
    return { key: String(this.nextKey++), tenantId: '<default>' };
  }

  private async deployResource(r: Record<string, unknown>): Promise<unknown> {
    const resources = (r.resources as Array<{ name: string; content: Buffer }> | undefined) ?? [];
    if (resources.length === 0) throw new GrpcStatusError(grpc.status.INVALID_ARGUMENT, 'Expected to deploy at least one resource, but none given');
    const deployed: Deployed[] = [];
    for (const resource of resources) {
      const checksum = createHash('sha256').update(resource.content).digest('hex');
      const previous = this.resources.get(resource.name);
      if (previous?.checksum === checksum) {
        deployed.push(...previous.deployed);
        continue;
      }
      const ids = await idsOf(resource.name, resource.content.toString('utf8'));
      const fresh = ids.map(({ kind, id }): Deployed => {
        const version = (this.versions.get(`${kind}:${id}`) ?? 0) + 1;
        this.versions.set(`${kind}:${id}`, version);
        return { kind, id, version, key: String(this.nextKey++), resourceName: resource.name };
      });
      this.resources.set(resource.name, { checksum, deployed: fresh });
      deployed.push(...fresh);
    }
    const key = String(this.nextKey++);
    this.deployments.push({ key, resources: resources.map((res) => res.name), deployed });
    return {
      key,
      tenantId: '<default>',
      deployments: deployed.map((d) =>
        d.kind === 'process'
          ? { process: { bpmnProcessId: d.id, version: d.version, processDefinitionKey: d.key, resourceName: d.resourceName, tenantId: '<default>' } }
          : { form: { formId: d.id, version: d.version, formKey: d.key, resourceName: d.resourceName, tenantId: '<default>' } },
      ),
    };
  }
}

type GatewayService = grpc.ServiceClientConstructor & { service: grpc.ServiceDefinition };

function gatewayProtocol(): { Gateway: GatewayService } {
  const definition = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  return (grpc.loadPackageDefinition(definition) as unknown as { gateway_protocol: { Gateway: GatewayService } }).gateway_protocol;
}

/** A bare gRPC client of the gateway service, for requests no SDK would send (variables that are no object). */
export function rawGatewayClient(address: string): { call(rpc: string, request: Record<string, unknown>): Promise<unknown>; close(): void } {
  const client = new (gatewayProtocol().Gateway)(address, grpc.credentials.createInsecure()) as unknown as grpc.Client &
    Record<string, (request: unknown, callback: (error: Error | null, reply: unknown) => void) => void>;
  return {
    call: (rpc, request) => new Promise((resolve, reject) => client[rpc]!(request, (error, reply) => (error ? reject(error) : resolve(reply)))),
    close: () => client.close(),
  };
}

/** Zeebe takes variables as a JSON document whose root is an object; anything else is INVALID_ARGUMENT. */
function document(text: unknown): Record<string, unknown> {
  const source = str(text);
  if (source === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    throw new GrpcStatusError(grpc.status.INVALID_ARGUMENT, `Property 'variables' is invalid: Expected document to be valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GrpcStatusError(grpc.status.INVALID_ARGUMENT, `Property 'variables' is invalid: Expected document to be a root level object`);
  }
  return value as Record<string, unknown>;
}

// bpmn-moddle's main entry ships no types.
const { BpmnModdle } = require('bpmn-moddle') as { BpmnModdle: new () => { fromXML(xml: string): Promise<{ rootElement: unknown }> } };
const moddle = new BpmnModdle();

/** What a resource defines: the executable processes of a BPMN file, the form of a `.form` file. */
async function idsOf(name: string, content: string): Promise<Array<{ kind: Deployed['kind']; id: string }>> {
  const invalid = (details: string): GrpcStatusError => new GrpcStatusError(grpc.status.INVALID_ARGUMENT, `${name}: ${details}`);
  if (name.endsWith('.form')) {
    let form: { id?: unknown };
    try {
      form = JSON.parse(content) as { id?: unknown };
    } catch {
      throw invalid('not a JSON form');
    }
    if (typeof form.id !== 'string') throw invalid('a form needs an id');
    return [{ kind: 'form', id: form.id }];
  }
  if (!name.endsWith('.bpmn')) throw invalid('only .bpmn and .form resources are accepted');
  let definitions: { rootElements?: Array<{ $type: string; id?: string; isExecutable?: boolean }> };
  try {
    definitions = (await moddle.fromXML(content)).rootElement as typeof definitions;
  } catch (error) {
    throw invalid(`not BPMN XML: ${(error as Error).message}`);
  }
  const processIds = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable && e.id).map((e) => e.id!);
  if (processIds.length === 0) throw invalid('no executable process');
  return processIds.map((id) => ({ kind: 'process', id }));
}
