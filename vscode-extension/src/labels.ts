/** The few words the client itself prints; everything else (messages, clause titles) comes from the server. */
import * as vscode from 'vscode';
import type { Level } from '@isccc/language-server/protocol';

export type Lang = 'zh' | 'en';

export function messageLanguage(): Lang {
  return vscode.workspace.getConfiguration('isccc').get<Lang>('messageLanguage') === 'zh' ? 'zh' : 'en';
}

const LEVEL_ZH: Record<Level, string> = { 1: '一级', 2: '二级', 3: '三级' };

export function levelLabel(level: Level | null, lang: Lang): string {
  if (lang === 'zh') return level === null ? '未达到任何级别' : LEVEL_ZH[level];
  return level === null ? 'no level' : `level ${level}`;
}

export function findingsLabel(count: number, lang: Lang): string {
  if (lang === 'zh') return `${count} 项发现`;
  return count === 1 ? '1 finding' : `${count} findings`;
}
