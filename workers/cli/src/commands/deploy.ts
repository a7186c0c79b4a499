/**
 * `isccc deploy [--dir DIR]`: deploys the §6 models (and any forms beside them) to the Camunda 8 cluster the
 * environment names — the model a message starts first — and prints each process and form with its version and key.
 */
import { parseArgs } from 'node:util';
import { deployFolder, DeployInputError, SHIPPED_MODELS } from '@isccc/workers';
import { type Io, UsageError } from '../io.js';

export const DEPLOY_USAGE = `usage: isccc deploy [--dir DIR] [--format text|json]

Deploys every .bpmn and .form file of DIR (default: the shipped bpmn/models) to the Zeebe cluster the
environment names (ZEEBE_GRPC_ADDRESS, CAMUNDA_AUTH_STRATEGY, …; see workers/README.md): first the models whose
process starts by message (the certificate lifecycle), then the others and the forms. Zeebe deploys an unchanged
resource only once: running it again deploys nothing new and prints the same versions and keys.

exit codes: 0 deployed, 1 the cluster refused or could not be reached, 2 bad input`;

export async function deployCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { dir: { type: 'string' }, format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(DEPLOY_USAGE);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const dir = values.dir ?? SHIPPED_MODELS;
  let deployments;
  try {
    deployments = await deployFolder(dir);
  } catch (error) {
    if (error instanceof DeployInputError) {
      io.err(`isccc deploy: ${error.message}`);
      return 2;
    }
    io.err(
      `isccc deploy: the cluster at ${process.env.ZEEBE_GRPC_ADDRESS ?? process.env.ZEEBE_ADDRESS ?? 'localhost:26500'} refused: ${(error as Error).message}`,
    );
    return 1;
  }
  if (values.format === 'json') {
    io.out(JSON.stringify({ dir, deployments }, null, 2));
    return 0;
  }
  deployments.forEach((deployment, i) => {
    io.out(`deployment ${i + 1}:`);
    for (const d of deployment) io.out(`  ${d.kind.padEnd(8)}${d.id.padEnd(32)}version ${String(d.version).padEnd(4)}key ${d.key}  (${d.resourceName})`);
  });
  return 0;
}
