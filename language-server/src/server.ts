#!/usr/bin/env node
/** Entry point: `node dist/src/server.js --stdio` or `--node-ipc` (the transport comes from argv). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './start-server.js';

const connection = createConnection(ProposedFeatures.all);
// A bug in one request must not take the editor's server down with it.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled rejection: ${String(reason)}`));
startServer(connection);
