#!/usr/bin/env node
/**
 * Entry point: `node dist/src/server.js --stdio` or `--node-ipc` (the transport comes from argv). The same module
 * is the server's evaluation thread when started as one (documents/evaluator.ts), so a bundle of the server is
 * also the thread's code.
 */
import v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { answer, type EvaluationJob } from './documents/evaluation-thread.js';
import { EVALUATION_THREAD } from './documents/evaluator.js';
import { SERVER_NODE_OPTIONS } from './protocol.js';
import { startServer } from './start-server.js';

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === EVALUATION_THREAD) {
  parentPort!.on('message', (job: EvaluationJob) => answer(job, (message) => parentPort!.postMessage(message)));
} else {
  // Before the evaluation thread starts: it takes the process's V8 flags as they are when it is created.
  for (const option of SERVER_NODE_OPTIONS) if (!process.execArgv.includes(option)) v8.setFlagsFromString(option);
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not take the editor's server down with it.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
  startServer(connection);
}
