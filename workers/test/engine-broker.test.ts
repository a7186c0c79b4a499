/**
 * bpmn-elements runs every activity on smqp, the message broker it depends on, which the install patches
 * (workers/patches/bpmn-elements++smqp+11.0.1.patch) so that a queue's lifecycle events reach the broker's
 * bookkeeping directly. These tests hold that copy, both of its builds, to what the broker did before the patch.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface SmqpMessage {
  content: unknown;
  ack(): void;
  nack(allUpTo?: boolean, requeue?: boolean): void;
}
type OnMessage = (routingKey: string, message: SmqpMessage) => void;
interface SmqpQueue {
  messageCount: number;
  events: { constructor: { name: string } };
  on(event: string, handler: () => void, options?: { consumerTag?: string }): unknown;
  off(event: string, handler: (() => void) | { consumerTag: string }): void;
}
interface SmqpBroker {
  consumerCount: number;
  queueCount: number;
  assertExchange(name: string, type?: string): { bindingCount: number };
  deleteQueue(name: string): unknown;
  assertQueue(name: string, options?: Record<string, unknown>): SmqpQueue;
  getQueue(name: string): SmqpQueue | undefined;
  bindQueue(queue: string, exchange: string, pattern: string): unknown;
  subscribe(exchange: string, pattern: string, queue: string, onMessage: OnMessage, options?: Record<string, unknown>): unknown;
  consume(queue: string, onMessage: OnMessage, options?: Record<string, unknown>): unknown;
  cancel(consumerTag: string): void;
  publish(exchange: string, routingKey: string, content: unknown, options?: Record<string, unknown>): void;
  sendToQueue(queue: string, content: unknown, options?: Record<string, unknown>): void;
  on(event: string, handler: (event: { name: string; content: unknown }) => void): unknown;
}
type BrokerConstructor = new () => SmqpBroker;

// The smqp bpmn-elements resolves (its own nested copy), not the one bpmn-engine or this package would get.
const fromElements = createRequire(createRequire(import.meta.url).resolve('bpmn-elements'));
const commonJsEntry = fromElements.resolve('smqp');
const builds: Array<[string, () => Promise<BrokerConstructor>]> = [
  [
    'ES module build (what bpmn-elements imports)',
    async () => ((await import(pathToFileURL(path.join(path.dirname(commonJsEntry), '..', 'src', 'index.js')).href)) as { Broker: BrokerConstructor }).Broker,
  ],
  ['CommonJS build', () => Promise.resolve((fromElements(commonJsEntry) as { Broker: BrokerConstructor }).Broker)],
];

for (const [label, load] of builds) {
  describe(`bpmn-elements' message broker, patched smqp: ${label}`, () => {
    let Broker: BrokerConstructor;
    before(async () => {
      Broker = await load();
    });

    it('is the patched copy', () => {
      const queue = new Broker().assertQueue('q');
      assert.equal(queue.events.constructor.name, 'QueueEvents', 'workers/patches/bpmn-elements++smqp+11.0.1.patch is not applied (npm install applies it)');
    });

    it('keeps count of consumers and refuses a consumer tag in use', () => {
      const broker = new Broker();
      broker.assertExchange('run', 'topic');
      broker.subscribe('run', 'run.#', 'run-q', () => {}, { consumerTag: 'runner' });
      broker.assertQueue('other');
      assert.equal(broker.consumerCount, 1);
      assert.throws(() => broker.consume('other', () => {}, { consumerTag: 'runner' }), /Consumer tag must be unique, runner is occupied/);
      broker.cancel('runner');
      assert.equal(broker.consumerCount, 0);
    });

    it('forgets an auto-delete queue when its last consumer is cancelled', () => {
      const broker = new Broker();
      broker.assertQueue('tmp', { autoDelete: true, durable: false });
      broker.consume('tmp', () => {}, { consumerTag: 'once' });
      assert.equal(broker.queueCount, 1);
      broker.cancel('once');
      assert.equal(broker.getQueue('tmp'), undefined);
      assert.equal(broker.queueCount, 0);
    });

    it('routes a message rejected without requeue to the dead-letter exchange', () => {
      const broker = new Broker();
      broker.assertExchange('dlx', 'topic');
      broker.assertQueue('dead');
      broker.bindQueue('dead', 'dlx', '#');
      broker.assertExchange('jobs', 'topic');
      broker.assertQueue('work', { deadLetterExchange: 'dlx' });
      broker.bindQueue('work', 'jobs', 'job.#');
      broker.consume('work', (_key, message) => message.nack(false, false));
      broker.publish('jobs', 'job.1', { case: 1 });
      assert.equal(broker.getQueue('work')!.messageCount, 0);
      assert.equal(broker.getQueue('dead')!.messageCount, 1);
    });

    it('announces a confirmed message acknowledged, and a queue emptied to its subscribers', () => {
      const broker = new Broker();
      const acked: unknown[] = [];
      broker.on('message.ack', (event) => acked.push(event.content));
      const queue = broker.assertQueue('jobs');
      let depleted = 0;
      queue.on('depleted', () => depleted++);
      broker.sendToQueue('jobs', 'first', { confirm: true });
      broker.consume('jobs', (_key, message) => message.ack());
      assert.deepEqual(acked, ['first']);
      assert.ok(depleted >= 1, 'queue.on("depleted") was not called');
    });

    it("closes an exchange's binding when its queue is deleted", () => {
      const broker = new Broker();
      const exchange = broker.assertExchange('run', 'topic');
      broker.assertQueue('a');
      broker.assertQueue('b');
      broker.bindQueue('a', 'run', 'run.#');
      broker.bindQueue('b', 'run', 'run.#');
      broker.deleteQueue('a');
      assert.equal(exchange.bindingCount, 1);
      broker.publish('run', 'run.enter', 'x');
      assert.equal(broker.getQueue('b')!.messageCount, 1);
    });

    it('stops calling a queue event subscriber taken off by handler or by consumer tag, and serves wildcard subscribers', () => {
      const broker = new Broker();
      const queue = broker.assertQueue('jobs');
      const calls: string[] = [];
      const byHandler = (): number => calls.push('by handler');
      queue.on('depleted', byHandler);
      queue.on('depleted', () => calls.push('by tag'), { consumerTag: 'watcher' });
      queue.on('consumer.#', () => calls.push('wildcard'));
      queue.off('depleted', byHandler);
      queue.off('depleted', { consumerTag: 'watcher' });
      broker.sendToQueue('jobs', 'first');
      broker.consume('jobs', (_key, message) => message.ack(), { consumerTag: 'c1' });
      broker.cancel('c1');
      assert.deepEqual(calls, ['wildcard']);
    });
  });
}
