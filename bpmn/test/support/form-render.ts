/**
 * Renders Camunda Forms with @bpmn-io/form-js's prebuilt viewer in headless Debian chromium, on a page served
 * from 127.0.0.1 (support/chromium.ts, as for the models): import, fill through the page as a person would
 * (typing, clicking radios and checkboxes, picking from dropdowns), submit, screenshot.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ChromiumHost } from './chromium.js';

const require = createRequire(import.meta.url);
const formJsDist = path.join(path.dirname(require.resolve('@bpmn-io/form-js/package.json')), 'dist');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/assets/form-js.css">
<link rel="stylesheet" href="/dist/assets/flatpickr/light.css">
<style>html,body{margin:0;background:#fff;font-family:sans-serif}#form{width:1100px;padding:12px}</style>
<script src="/dist/form-viewer.umd.js"></script>
</head><body><div id="form"></div>
<script>
window.openForm = async (schema, data) => {
  // no input debouncing: what is typed is in the form's data before the next step of a test
  const form = new FormViewer.Form({ container: document.querySelector('#form'), debounce: false });
  window.form = form;
  try {
    const { warnings } = await form.importSchema(schema, data);
    return { warnings: warnings.map((w) => String(w.message || w)) };
  } catch (err) {
    return { warnings: [], error: String(err.message || err) };
  }
};
window.submitForm = () => {
  const { data, errors } = window.form.submit();
  return { data: JSON.parse(JSON.stringify(data)), errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.map(String)])) };
};
</script></body></html>`;

export interface SubmitResult {
  data: Record<string, unknown>;
  /** Field id → messages. */
  errors: Record<string, string[]>;
}

/** One opened form in the browser, driven through its page. */
export class OpenForm {
  constructor(readonly page: Page) {}

  /** The field whose label (or group + label) starts with `label`. */
  private field(label: string): ReturnType<Page['locator']> {
    return this.page
      .locator('.fjs-form-field')
      .filter({ has: this.page.locator(`label:text-is("${label}"), label:text-matches("^${escape(label)}")`) })
      .last();
  }

  async type(label: string, value: string): Promise<void> {
    const input = this.field(label).locator('input, textarea').first();
    await input.fill(value);
    await input.blur();
  }

  async choose(groupLabel: string, optionLabel: string): Promise<void> {
    await this.field(groupLabel).locator('label', { hasText: optionLabel }).first().click();
  }

  async pick(label: string, optionLabel: string): Promise<void> {
    const field = this.field(label);
    await field.locator('.fjs-input-group, input').first().click();
    await this.page.locator('.fjs-dropdownlist-item', { hasText: optionLabel }).first().click();
  }

  async tick(label: string, optionLabel: string): Promise<void> {
    await this.field(label).locator('label', { hasText: optionLabel }).first().click();
  }

  async visibleLabels(): Promise<string[]> {
    return this.page.locator('.fjs-form-field label.fjs-form-field-label').allInnerTexts();
  }

  async text(): Promise<string> {
    return this.page.locator('#form').innerText();
  }

  submit(): Promise<SubmitResult> {
    return this.page.evaluate(() => (window as unknown as { submitForm: () => SubmitResult }).submitForm());
  }

  screenshot(): Promise<Buffer> {
    return this.page.locator('#form').screenshot();
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class FormRenderer extends ChromiumHost {
  constructor() {
    super(PAGE, formJsDist);
  }

  /** Imports the form with `data` as the task's variables; `warnings`/`error` are form-js's own. */
  async open(schema: unknown, data: Record<string, unknown>): Promise<{ form: OpenForm; warnings: string[]; error?: string; pageErrors: string[] }> {
    const { page, pageErrors } = await this.newPage({ width: 1140, height: 900 }, 'openForm');
    const result = await page.evaluate(
      ([s, d]) => (window as unknown as { openForm: (s: unknown, d: unknown) => Promise<{ warnings: string[]; error?: string }> }).openForm(s, d),
      [schema, data] as const,
    );
    return { form: new OpenForm(page), ...result, pageErrors };
  }
}
