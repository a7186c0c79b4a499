/**
 * Dependencies loaded on first use only, so a start that does not need them does not pay for them: feelin (rule
 * files given at run time), re2js (a rule's first regular expression) and ajv (a schema without a precompiled
 * validator). Written as literal `require('…')` calls where the module runs as CommonJS (a bundle, such as the
 * editor's server, then takes the dependency in, still initialised on first use), else through `createRequire`.
 */
import { createRequire } from 'node:module';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type * as FeelinModule from 'feelin';
import type * as Re2jsModule from 're2js';

const esmRequire = createRequire(import.meta.url);
const commonJs = typeof require === 'function';

/* eslint-disable @typescript-eslint/no-require-imports -- the point of this module */
export const feelin = (): typeof FeelinModule => (commonJs ? (require('feelin') as typeof FeelinModule) : (esmRequire('feelin') as typeof FeelinModule));
export const re2js = (): typeof Re2jsModule => (commonJs ? (require('re2js') as typeof Re2jsModule) : (esmRequire('re2js') as typeof Re2jsModule));
export const ajv2020 = (): typeof Ajv2020Module =>
  commonJs ? (require('ajv/dist/2020.js') as typeof Ajv2020Module) : (esmRequire('ajv/dist/2020.js') as typeof Ajv2020Module);
type AddFormats = (ajv: Ajv2020Module.Ajv2020, formats: string[]) => Ajv2020Module.Ajv2020;
export const ajvFormats = (): AddFormats => (commonJs ? (require('ajv-formats') as AddFormats) : (esmRequire('ajv-formats') as AddFormats));
/* eslint-enable @typescript-eslint/no-require-imports */
