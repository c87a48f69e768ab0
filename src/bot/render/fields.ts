import type { APIEmbedField } from 'discord.js';
import { LIMITS } from './limits.js';
import { truncate } from '../../format/shorten.js';

export interface LinesToFieldsOptions {
  /** Name of the first field. */
  name: string;
  /** Name of the following ones (default: `${name} (cont.)`). */
  continued?: string;
  /** Characters available for the fields' names and values together. */
  budget: number;
  /** At most this many fields (default 25). */
  maxFields?: number;
}

const more = (n: number) => `…and ${n} more`;

/**
 * Pack whole lines into as few fields as possible (each value ≤ 1024), within `budget`
 * characters and `maxFields` fields; when lines are left out, the last value says how many.
 */
export function linesToFields(lines: readonly string[], opts: LinesToFieldsOptions): APIEmbedField[] {
  const maxFields = Math.min(opts.maxFields ?? LIMITS.fields, LIMITS.fields);
  const name = truncate(opts.name, LIMITS.fieldName);
  const continued = truncate(opts.continued ?? `${opts.name} (cont.)`, LIMITS.fieldName);
  const fields: APIEmbedField[] = [];
  let used = 0;
  let current: string[] = [];
  let currentLength = 0;

  const close = () => {
    if (current.length) fields.push({ name: fields.length === 0 ? name : continued, value: current.join('\n') });
    current = [];
    currentLength = 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i]!, LIMITS.fieldValue - 20);
    const remaining = lines.length - i - 1;
    const note = remaining > 0 ? more(remaining).length + 1 : 0;
    const fitsInCurrent = current.length > 0 && currentLength + 1 + line.length + note <= LIMITS.fieldValue;
    const cost = fitsInCurrent ? 1 + line.length : (fields.length === 0 && current.length === 0 ? name : continued).length + line.length;
    const canOpen = fitsInCurrent || fields.length + (current.length ? 1 : 0) < maxFields;
    if (!canOpen || used + cost + note > opts.budget) {
      // no room: say how many were left out, in the current field (or a last one when that fits)
      const text = more(lines.length - i);
      if (current.length && currentLength + 1 + text.length <= LIMITS.fieldValue) current.push(text);
      else if (!current.length && fields.length === 0 && name.length + text.length <= opts.budget) current.push(text);
      else if (current.length === 0 && fields.length > 0) {
        const last = fields[fields.length - 1]!;
        if (last.value.length + 1 + text.length <= LIMITS.fieldValue) last.value += `\n${text}`;
      }
      close();
      return fields;
    }
    if (!fitsInCurrent) {
      close();
      current = [line];
      currentLength = line.length;
    } else {
      current.push(line);
      currentLength += 1 + line.length;
    }
    used += cost;
  }
  close();
  return fields;
}
