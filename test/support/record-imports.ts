/**
 * `node --import tsx --import test/support/record-imports.ts <program>`: appends the URL of every
 * module the program imports to the file named by RECORD_IMPORTS_TO, one a line. The hook writes
 * from its own thread as each import resolves, so the list is complete however the program exits.
 */
import { register } from 'node:module';

const HOOKS = `
import { appendFileSync } from 'node:fs';
let file;
export async function initialize(data) { file = data.file; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(file, result.url + '\\n');
  return result;
}`;

const file = process.env.RECORD_IMPORTS_TO;
if (file) register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { file } });
