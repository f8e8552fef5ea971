import { z } from 'zod';
import { DATASETS, type Dataset, REQUIRED_DATASETS } from '../datasets';
import { isamsBaseUrl, withScheme } from './access-url';

/**
 * What `isams-sync school add` (and later an API) accepts. Secrets arrive here in plain text;
 * persistence encrypts them before they are stored. No message below ever echoes a value.
 */

export const SCHOOL_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const DEFAULT_CONTACT_TYPES = ['Mother', 'Father'] as const;
export const MAIL_OPTIONS = ['allMerges', 'correspondence'] as const;
export type MailOption = (typeof MAIL_OPTIONS)[number];
export const DEFAULT_TOKEN_PATH = '/auth/connect/token';
export const DEFAULT_NIGHTLY_WINDOW = { start: '01:00', end: '03:00' } as const;
export const DEFAULT_THRESHOLDS = { removalPercent: 10, updatePercent: 75 } as const;

export const schoolIdSchema = z
  .string({ required_error: 'is required' })
  .regex(
    SCHOOL_ID_PATTERN,
    'must be 2-63 lower-case letters, digits or dashes, starting with a letter or digit (e.g. "st-marys")',
  );

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The address as the school types it (scheme optional, a pasted page or trailing slash dropped: see
 * access-url.ts); https for real schools. Plain http passes this syntax check; whether its host may use it is the
 * registry's decision (insecureAccessUrlProblem, with the deployment's ISAMS_INSECURE_HOSTS: the simulator's host).
 */
export const accessUrlSchema = z.string({ required_error: 'is required' }).transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(withScheme(value));
    // "myschool" alone is a typo for myschool.isams.cloud; a plain-http name without a domain (the compose
    // simulator's) is left to the insecure-hosts rule
    if (url.protocol === 'https:' && !url.hostname.includes('.') && !LOOPBACK_HOSTS.has(url.hostname))
      throw new TypeError('no domain');
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a URL such as https://myschool.isams.cloud' });
    return z.NEVER;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must start with https://' });
    return z.NEVER;
  }
  // Credentials, a query or a fragment would be stored in clear and end up in logs.
  if (url.username || url.password || url.search || url.hash) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be the bare iSAMS address, without user, password, query or #fragment',
    });
    return z.NEVER;
  }
  return isamsBaseUrl(url);
});

export function isIanaTimezone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string({ required_error: 'is required' })
  .refine(isIanaTimezone, { message: 'must be an IANA timezone name such as Europe/London' });

/** A Batch key or client secret: opaque, no spaces; the message never repeats it. */
const secretSchema = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .trim()
  .min(8, 'is too short to be an iSAMS key (8 characters at least)')
  .max(200, 'is too long (200 characters at most)')
  .refine((v) => !/\s/.test(v), { message: 'must not contain spaces or line breaks' });

const registerIdSchema = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()], {
    errorMap: () => ({ message: 'must be a register id (text or a whole number)' }),
  })
  .transform(String);

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour)');
const percentSchema = z
  .number({ invalid_type_error: 'must be a number' })
  .min(0, 'must be from 0 to 100')
  .max(100, 'must be from 0 to 100');
const nonEmptyText = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const batchKeysShape = Object.fromEntries(
  DATASETS.map((d) => [
    d,
    (REQUIRED_DATASETS as readonly string[]).includes(d) ? secretSchema : secretSchema.optional(),
  ]),
) as { [D in Dataset]: typeof secretSchema | z.ZodOptional<typeof secretSchema> };

export const schoolInputSchema = z
  .object({
    id: schoolIdSchema,
    name: nonEmptyText(200),
    accessUrl: accessUrlSchema,
    timezone: timezoneSchema,
    // Defaulted to {} so that a missing block names each required key, not just `batchKeys`.
    batchKeys: z.object(batchKeysShape).strict().default({}),
    rest: z
      .object({
        clientId: nonEmptyText(200),
        clientSecret: secretSchema,
        tokenPath: z
          .string()
          .regex(/^\/[A-Za-z0-9/._-]*$/, 'must be a path starting with /')
          .default(DEFAULT_TOKEN_PATH),
        amRegisterId: registerIdSchema.optional(),
        pmRegisterId: registerIdSchema.optional(),
      })
      .strict()
      .optional(),
    contactFilter: z
      .object({
        types: z
          .array(nonEmptyText(100))
          .min(1, 'must name at least one contact type')
          .default([...DEFAULT_CONTACT_TYPES]),
        mailOptions: z
          .array(z.enum(MAIL_OPTIONS, { errorMap: () => ({ message: `must be one of ${MAIL_OPTIONS.join(', ')}` }) }))
          .min(1, 'must name at least one mail option')
          .default([...MAIL_OPTIONS]),
        yearGroups: z.array(nonEmptyText(100)).min(1, 'must name at least one year group, or be left out').optional(),
      })
      .strict()
      .default({}),
    nightlyWindow: z
      .object({
        start: timeOfDaySchema.default(DEFAULT_NIGHTLY_WINDOW.start),
        end: timeOfDaySchema.default(DEFAULT_NIGHTLY_WINDOW.end),
      })
      .strict()
      .refine((w) => w.start !== w.end, { message: 'start and end must differ', path: ['end'] })
      .default({}),
    thresholds: z
      .object({
        removalPercent: percentSchema.default(DEFAULT_THRESHOLDS.removalPercent),
        updatePercent: percentSchema.default(DEFAULT_THRESHOLDS.updatePercent),
      })
      .strict()
      .default({}),
    medicalOptIn: z.boolean({ invalid_type_error: 'must be true or false' }).default(false),
    enabled: z.boolean({ invalid_type_error: 'must be true or false' }).default(true),
  })
  .strict()
  .superRefine((school, ctx) => {
    if (school.medicalOptIn && !school.batchKeys.medical) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['batchKeys', 'medical'],
        message: 'is required when medicalOptIn is true',
      });
    }
  });

/** As written by a person (defaults may be left out). */
export type SchoolInput = z.input<typeof schoolInputSchema>;
/** As validated, with every default filled in. */
export type SchoolConfig = z.output<typeof schoolInputSchema>;

/** Each problem as `field.path: what is wrong`, for messages that name the field. */
export function schoolInputProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.join('.') || '(school)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type' && issue.received === 'undefined'
          ? 'is required'
          : issue.message;
    return `${field}: ${message}`;
  });
}
