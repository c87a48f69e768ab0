import { z } from 'zod';

/** `X=` in .env gives "", which means "not set" (use the default). */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A whole number from an environment variable, at least `min`; empty or unset gives `fallback`. */
export const wholeNumber = (fallback: number, min = 1) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+$/, min > 0 ? 'must be a positive whole number' : 'must be a whole number (0 or more), or empty for the default')
      .transform(Number)
      .refine((n) => n >= min, `must be at least ${min}`)
      .optional()
      .transform((n) => n ?? fallback),
  );

/** true/false (also 1/0, yes/no, on/off, any case); empty or unset gives `fallback`. */
export const flag = (fallback: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((s) => /^(true|false|1|0|yes|no|on|off)$/.test(s), 'must be true or false, or empty for the default')
      .transform((s) => /^(true|1|yes|on)$/.test(s))
      .optional()
      .transform((b) => b ?? fallback),
  );

/** Format zod issues as `NAME: problem` lines that name the variable. */
export function describeEnvIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`).join('; ');
}
