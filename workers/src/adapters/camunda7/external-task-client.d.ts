/** The part of camunda-external-task-client-js 3.1.0 (untyped JavaScript) the adapter uses. */
declare module 'camunda-external-task-client-js' {
  export class Client {
    constructor(options: {
      baseUrl: string;
      workerId?: string;
      autoPoll?: boolean;
      interval?: number;
      asyncResponseTimeout?: number;
      lockDuration?: number;
      maxTasks?: number;
    });
    subscribe(topic: string, options: Record<string, unknown>, handler: (args: { task: any; taskService: any }) => Promise<void>): { unsubscribe(): void };
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
  export class Variables {
    set(key: string, value: unknown): this;
    getAll(): Record<string, unknown>;
  }
}
