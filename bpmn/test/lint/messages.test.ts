/** What the isccc rules tell a process owner: the standard's words verbatim, templates that exist, no repository paths. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '@isccc/rules';
import { buildTemplates } from '../../scripts/element-templates.js';
import { packageRoot } from '../../src/models.js';

const RULES_DIR = path.join(packageRoot, 'lint', 'rules');
const sources = fs.readdirSync(RULES_DIR).map((f) => ({ file: f, text: fs.readFileSync(path.join(RULES_DIR, f), 'utf8') }));

describe('isccc rule messages', () => {
  it('quote the standard verbatim: every Chinese passage of a rule is text of a §6 clause', () => {
    const texts = loadCatalog()
      .all.filter((c) => c.id.startsWith('6'))
      .map((c) => `${c.title?.zh ?? ''}\n${c.text?.zh ?? ''}`);
    const problems: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/[\u4e00-\u9fff][\u4e00-\u9fff0-9（）()，、]*[\u4e00-\u9fff）]/g)) {
        if (!texts.some((t) => t.includes(m[0]))) problems.push(`${file}: ${m[0]}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('name templates that exist', () => {
    const names = new Set(buildTemplates().map((t) => t.name as string));
    const named = sources.flatMap(({ file, text }) => [...text.matchAll(/template "([^"]+)"/g)].map((m) => ({ file, name: m[1]! })));
    assert.ok(named.length >= 5);
    assert.deepEqual(
      named.filter((n) => !names.has(n.name)),
      [],
    );
  });

  it('name no repository path a process owner could not use', () => {
    for (const { file, text } of sources) assert.doesNotMatch(text, /bpmn\/src|task-types\.ts|\.ts\b/, file);
  });
});
