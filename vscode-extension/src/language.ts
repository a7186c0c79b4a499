/** The language the client speaks in (setting isccc.messageLanguage); its own words are in messages.ts. */
import * as vscode from 'vscode';
import type { Lang } from '@isccc/rules/vocabulary';

export type { Lang };

export function messageLanguage(): Lang {
  return vscode.workspace.getConfiguration('isccc').get<Lang>('messageLanguage') === 'zh' ? 'zh' : 'en';
}
