/** The few words the client itself prints; everything else (messages, clause titles) comes from the server. */
import * as vscode from 'vscode';
import { type Lang, type Level, levelName } from '@isccc/rules/vocabulary';

export type { Lang };

export function messageLanguage(): Lang {
  return vscode.workspace.getConfiguration('isccc').get<Lang>('messageLanguage') === 'zh' ? 'zh' : 'en';
}

export function levelLabel(level: Level | null, lang: Lang): string {
  if (lang === 'zh') return level === null ? '未达到任何级别' : levelName(level, 'zh');
  return level === null ? 'no level' : levelName(level, 'en');
}

export function findingsLabel(count: number, lang: Lang): string {
  if (lang === 'zh') return `${count} 项发现`;
  return count === 1 ? '1 finding' : `${count} findings`;
}
