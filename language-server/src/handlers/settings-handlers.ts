import { readSettings } from '../workspace/settings.js';
import type { ServerContext } from './context.js';
import type { Validator } from './validation-handlers.js';

/**
 * The `isccc` settings, pushed in didChangeConfiguration or pulled with workspace/configuration;
 * every change re-checks every open document. Returns the pull, for `initialized`.
 */
export function registerSettingsHandlers(context: ServerContext, validator: Validator, canPull: () => boolean): () => Promise<void> {
  const { connection, cache, log } = context;

  const pullSettings = async (): Promise<void> => {
    if (!canPull()) return;
    try {
      cache.setSettings(readSettings(await connection.workspace.getConfiguration('isccc')));
      validator.revalidateAll();
    } catch (error) {
      log('workspace/configuration', error);
    }
  };

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as { isccc?: unknown } | null)?.isccc;
    if (pushed) {
      cache.setSettings(readSettings(pushed));
      validator.revalidateAll();
    } else {
      void pullSettings();
    }
  });
  return pullSettings;
}
