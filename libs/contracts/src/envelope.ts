import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Every message that crosses RabbitMQ travels in this envelope; `data` is the versioned payload. */
export const envelopeBaseSchema = z.object({
  eventId: z.string().min(1).max(200),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime(),
  correlationId: z.string().min(1).max(200),
  schoolId: z.string().min(1).max(100),
});

export function envelopeSchema<T extends z.ZodTypeAny>(data: T) {
  return envelopeBaseSchema.extend({ data });
}

export type Envelope<T> = z.infer<typeof envelopeBaseSchema> & { data: T };

/** A message contract: one type and version, its routing key, and the schema that validates its payload. */
export interface Contract<T extends z.ZodTypeAny> {
  readonly type: string;
  readonly version: number;
  readonly routingKey: string;
  readonly data: T;
  readonly envelope: ReturnType<typeof envelopeSchema<T>>;
}

export function defineContract<T extends z.ZodTypeAny>(
  type: string,
  version: number,
  routingKey: string,
  data: T,
): Contract<T> {
  return { type, version, routingKey, data, envelope: envelopeSchema(data) };
}

/** A deterministic id from the parts that make a message unique, so a redelivered or re-sent message keeps its id. */
export function deterministicId(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export function buildEnvelope<T extends z.ZodTypeAny>(
  contract: Contract<T>,
  fields: { schoolId: string; correlationId?: string; eventId?: string; occurredAt?: Date; data: z.infer<T> },
): Envelope<z.infer<T>> {
  return {
    eventId: fields.eventId ?? randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: (fields.occurredAt ?? new Date()).toISOString(),
    correlationId: fields.correlationId ?? randomUUID(),
    schoolId: fields.schoolId,
    data: fields.data,
  };
}
