/**
 * The Camunda Forms of the user tasks (`bpmn/forms/<formId>.form`, form-js schema) and what a submission of one
 * yields, outside a browser: which fields are shown (FEEL `conditional.hide`, evaluated with feelin as form-js
 * does), the values of expression fields, the validation form-js applies (required, pattern, min/max, lengths,
 * choices), and exactly the data form-js submits (shown keyed fields only). The embedded engine, the decisions
 * file and `isccc complete` complete user tasks through this; the browser tests check it agrees with form-js.
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate } from 'feelin';
import { packageRoot } from './models.js';

export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  values?: { label: string; value: unknown }[];
  valuesExpression?: string;
  expression?: string;
  conditional?: { hide?: string };
  validate?: { required?: boolean; pattern?: string; min?: number; max?: number; minLength?: number; maxLength?: number };
  decimalDigits?: number;
  components?: FormComponent[];
}

export interface FormDefinition {
  id: string;
  components: FormComponent[];
}

export interface FieldProblem {
  /** Dotted path of the field (`surveillance.reviewedOn`). */
  field: string;
  label: string;
  message: string;
}

export interface FormSubmission {
  /** What the form submits: the shown keyed fields, nested by path. */
  data: Record<string, unknown>;
  problems: FieldProblem[];
  /** Dotted paths of the fields shown for these values. */
  shown: string[];
}

export function formPath(formId: string): string {
  if (!/^[a-z0-9-]+$/.test(formId)) throw new Error(`not a form id: ${JSON.stringify(formId)}`);
  return path.join(packageRoot, 'forms', `${formId}.form`);
}

const cache = new Map<string, FormDefinition>();

export function loadForm(formId: string): FormDefinition {
  let form = cache.get(formId);
  if (!form) {
    form = JSON.parse(fs.readFileSync(formPath(formId), 'utf8')) as FormDefinition;
    if (form.id !== formId) throw new Error(`${formPath(formId)}: id is "${form.id}", not "${formId}"`);
    cache.set(formId, form);
  }
  return form;
}

function feel(expression: string, context: Record<string, unknown>): unknown {
  try {
    return evaluate(expression.replace(/^=/, ''), context).value;
  } catch {
    return null;
  }
}

function get(data: unknown, dotted: string): unknown {
  let at: unknown = data;
  for (const part of dotted.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function set(data: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let at = data;
  for (const part of parts.slice(0, -1)) {
    if (at[part] === null || typeof at[part] !== 'object') at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts.at(-1)!] = value;
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Every keyed field with its dotted path, in form order (groups add their `path`). */
export function formFields(form: FormDefinition): Array<{ field: string; component: FormComponent }> {
  const out: Array<{ field: string; component: FormComponent }> = [];
  const walk = (components: FormComponent[], prefix: string): void => {
    for (const c of components) {
      if (c.components) walk(c.components, c.path ? `${prefix}${c.path}.` : prefix);
      else if (c.key) out.push({ field: `${prefix}${c.key}`, component: c });
    }
  };
  walk(form.components, '');
  return out;
}

function optionsOf(c: FormComponent, context: Record<string, unknown>): unknown[] | undefined {
  if (c.values) return c.values.map((v) => v.value);
  if (c.valuesExpression) {
    const list: unknown = feel(c.valuesExpression, context);
    return Array.isArray(list) ? list.map((o): unknown => (o && typeof o === 'object' && 'value' in o ? (o as { value: unknown }).value : o)) : [];
  }
  return undefined;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What form-js initialises an untouched field of each type to (its `emptyValue`). */
const EMPTY_VALUES: Readonly<Record<string, unknown>> = {
  textfield: '',
  textarea: '',
  number: null,
  radio: null,
  select: null,
  checklist: [],
  taglist: [],
  checkbox: false,
};

/**
 * Submits `values` to the form opened on the task's `variables`, as form-js would: hidden fields are left out,
 * expression fields are computed, every shown field is validated. Keys that are no shown field are problems too.
 */
export function submitForm(form: FormDefinition, variables: Record<string, unknown>, values: Record<string, unknown>): FormSubmission {
  const fields = formFields(form);
  const data: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  const shown: string[] = [];
  let context = merge(variables, values);
  // expression fields first: conditions may read them
  for (const { field, component } of fields) {
    if (component.type === 'expression' && component.expression) context = merge(context, nest(field, feel(component.expression, context)));
  }
  const hidden = (c: FormComponent, ancestors: FormComponent[]): boolean =>
    [...ancestors, c].some((a) => a.conditional?.hide !== undefined && feel(a.conditional.hide, context) === true);
  const walk = (components: FormComponent[], prefix: string, ancestors: FormComponent[]): void => {
    for (const c of components) {
      if (c.components) {
        walk(c.components, c.path ? `${prefix}${c.path}.` : prefix, [...ancestors, c]);
        continue;
      }
      if (!c.key) continue;
      const field = `${prefix}${c.key}`;
      if (hidden(c, ancestors)) continue;
      shown.push(field);
      const given = get(context, field);
      // an untouched field submits what form-js initialises it to
      const value = given === undefined ? EMPTY_VALUES[c.type] : given;
      const problem = (message: string): void => void problems.push({ field, label: c.label ?? field, message });
      const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
      if (empty) {
        if (c.validate?.required) problem('is required');
        set(data, field, value ?? null);
        continue;
      }
      const v = c.validate ?? {};
      switch (c.type) {
        case 'textfield':
        case 'textarea':
          if (typeof value !== 'string') problem('must be text');
          else {
            if (v.pattern && !new RegExp(v.pattern).test(value)) problem(`must match ${v.pattern}`);
            if (v.minLength !== undefined && value.length < v.minLength) problem(`must be at least ${v.minLength} characters`);
            if (v.maxLength !== undefined && value.length > v.maxLength) problem(`must be at most ${v.maxLength} characters`);
          }
          break;
        case 'number':
          if (typeof value !== 'number' || !Number.isFinite(value)) problem('must be a number');
          else {
            if (c.decimalDigits === 0 && !Number.isInteger(value)) problem('must be a whole number');
            if (v.min !== undefined && value < v.min) problem(`must be at least ${v.min}`);
            if (v.max !== undefined && value > v.max) problem(`must be at most ${v.max}`);
          }
          break;
        case 'radio':
        case 'select': {
          const options = optionsOf(c, context) ?? [];
          if (!options.some((o) => same(o, value))) problem(`must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
          break;
        }
        case 'checklist': {
          const options = optionsOf(c, context) ?? [];
          if (!Array.isArray(value)) problem('must be a list');
          else for (const item of value) if (!options.some((o) => same(o, item))) problem(`${JSON.stringify(item)} is not one of the choices`);
          break;
        }
        case 'checkbox':
          if (typeof value !== 'boolean') problem('must be true or false');
          break;
        default:
          break;
      }
      set(data, field, value);
    }
  };
  walk(form.components, '', []);
  for (const key of leafPaths(values)) {
    if (!shown.some((f) => f === key || key.startsWith(`${f}.`))) problems.push({ field: key, label: key, message: 'is not a field this form shows' });
  }
  return { data, problems, shown };
}

function nest(dotted: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  set(out, dotted, value);
  return out;
}

/** Dotted paths of the leaves of submitted values (arrays and scalars are leaves). */
function leafPaths(values: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(values).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
