import { z } from 'zod';
import type { IsamsRestClient, RestCallOptions } from './isams-rest.client';
import { RestPermanentError } from './rest-call.error';
import { REST_ARRAY_NAMES, REST_PATHS } from './rest-names';

const id = z.union([z.number(), z.string().min(1)]).transform(String);
const optionalId = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)));
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

export const absenceCodeSchema = z.object({
  id,
  code: z.string(),
  name: optionalText,
  isAuthorised: z.boolean().nullish(),
});
export const presentCodeSchema = z.object({
  id,
  code: z.string(),
  name: optionalText,
  isLate: z.boolean().nullish(),
  isOffSite: z.boolean().nullish(),
});
export const registrationPeriodSchema = z.object({ id, name: optionalText, date: z.string(), session: optionalText });
export const registrationStatusSchema = z.object({
  schoolId: z.union([z.string(), z.number()]).transform((v) => String(v).trim()),
  registrationPeriodId: optionalId,
  registered: z.boolean().nullish(),
  present: z.boolean().nullish(),
  late: z.boolean().nullish(),
  minutesLate: z.number().nullish(),
  presentCodeId: optionalId,
  absenceCodeId: optionalId,
  code: optionalText,
  outOfSchool: z.boolean().nullish(),
  lastUpdated: optionalText,
});
export const outOfSchoolRecordSchema = z.object({
  id: optionalId,
  schoolId: z.union([z.string(), z.number()]).transform((v) => String(v).trim()),
  startDate: optionalText,
  endDate: optionalText,
  reason: optionalText,
  presentCodeId: optionalId,
});

export type RestAbsenceCode = z.infer<typeof absenceCodeSchema>;
export type RestPresentCode = z.infer<typeof presentCodeSchema>;
export type RestRegistrationPeriod = z.infer<typeof registrationPeriodSchema>;
export type RestRegistrationStatus = z.infer<typeof registrationStatusSchema>;
export type RestOutOfSchoolRecord = z.infer<typeof outOfSchoolRecordSchema>;

/** The registration endpoints of the iSAMS REST API, each answer validated record by record. */
export class RegistrationRestApi {
  constructor(private readonly client: IsamsRestClient) {}

  absenceCodes(options?: RestCallOptions): Promise<RestAbsenceCode[]> {
    return this.list(REST_PATHS.absenceCodes, REST_ARRAY_NAMES.absenceCodes, absenceCodeSchema, {}, options);
  }

  presentCodes(options?: RestCallOptions): Promise<RestPresentCode[]> {
    return this.list(REST_PATHS.presentCodes, REST_ARRAY_NAMES.presentCodes, presentCodeSchema, {}, options);
  }

  /** The periods of one date, or (no date) every period the REST client can see. */
  periods(date: string | undefined, options?: RestCallOptions): Promise<RestRegistrationPeriod[]> {
    return this.list(
      REST_PATHS.periods,
      REST_ARRAY_NAMES.periods,
      registrationPeriodSchema,
      date === undefined ? {} : { date },
      options,
    );
  }

  register(registrationPeriodId: string, options?: RestCallOptions): Promise<RestRegistrationStatus[]> {
    return this.list(
      REST_PATHS.register(registrationPeriodId),
      REST_ARRAY_NAMES.register,
      registrationStatusSchema,
      {},
      options,
    );
  }

  outOfSchool(date: string, options?: RestCallOptions): Promise<RestOutOfSchoolRecord[]> {
    return this.list(REST_PATHS.outOfSchool, REST_ARRAY_NAMES.outOfSchool, outOfSchoolRecordSchema, { date }, options);
  }

  private async list<S extends z.ZodTypeAny>(
    path: string,
    arrayName: string,
    schema: S,
    query: Record<string, string>,
    options?: RestCallOptions,
  ): Promise<z.infer<S>[]> {
    const records = await this.client.getAll(path, arrayName, query, options);
    return records.map((record, index) => {
      const parsed = schema.safeParse(record);
      if (parsed.success) return parsed.data as z.infer<S>;
      const issue = parsed.error.issues[0];
      throw new RestPermanentError(
        `school '${this.client.schoolId}': record ${index + 1} of iSAMS REST ${path} has an unexpected shape (${issue?.path.join('.') || '(record)'}: ${issue?.message})`,
        {
          kind: 'unexpected-response',
          schoolId: this.client.schoolId,
          fix: 'this is an iSAMS change: report it with this message',
        },
      );
    });
  }
}
