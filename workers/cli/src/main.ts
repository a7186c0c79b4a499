/**
 * `isccc`: one command over the whole toolkit. Each subcommand lives in its own module and is loaded only when
 * called, so `isccc check` never loads the engine and `isccc run` never loads an engine client.
 */
import { freshBundle, loadBundle } from './bundled.js';
import type * as CheckModule from './commands/check.js';
import { type Io, isUsageError } from './io.js';

export type { Io } from './io.js';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary: 'check manifests against the standard (isccc check --help)',
    load: async () => {
      const bundle = freshBundle('check.bundle');
      return ((bundle ? loadBundle(bundle).exports : await import('./commands/check.js')) as typeof CheckModule).checkCommand;
    },
  },
  run: {
    summary: 'run a whole certification case on the embedded engine (isccc run --help)',
    load: async () => (await import('./commands/run.js')).runCommand,
  },
  form: { summary: 'write the self-assessment form, 6.1 (xlsx and printable HTML)', load: async () => (await import('./commands/form.js')).formCommand },
  application: { summary: "print the application form's data, 6.2 (JSON)", load: async () => (await import('./commands/application.js')).applicationCommand },
  packet: { summary: 'pack manifest, form, application and evidence with a root hash', load: async () => (await import('./commands/packet.js')).packetCommand },
  verify: { summary: 'verify a packet: what was added, removed or changed', load: async () => (await import('./commands/verify.js')).verifyCommand },
  export: { summary: 'export the standard (isccc export oscal-catalog)', load: async () => (await import('./commands/export.js')).exportCommand },
  deploy: {
    summary: 'deploy the §6 models and forms to a Camunda 8 cluster (isccc deploy --help)',
    load: async () => (await import('./commands/deploy.js')).deployCommand,
  },
  worker: {
    summary: 'serve the §6 job types on a Camunda 8 cluster until SIGTERM (isccc worker --help)',
    load: async () => (await import('./commands/worker.js')).workerCommand,
  },
  tasks: {
    summary: 'list the open user tasks of a saved case, with their forms (isccc tasks --help)',
    load: async () => (await import('./commands/tasks.js')).tasksCommand,
  },
  complete: {
    summary: 'complete an open user task of a saved case, checked against its form (isccc complete --help)',
    load: async () => (await import('./commands/complete.js')).completeCommand,
  },
};

const USAGE = `usage: isccc <command> [options]

${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`)
  .join('\n')}

isccc <command> --help prints the options of a command.`;

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`isccc: unknown command "${name}"\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(rest, io);
  } catch (error) {
    io.err(isUsageError(error) ? `isccc ${name}: ${error.message}` : `isccc ${name}: internal error: ${(error as Error).message}`);
    return 2;
  }
}
