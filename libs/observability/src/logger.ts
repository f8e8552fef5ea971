import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { buildInfo } from './build-info';
import { redact } from './redact';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Fields that tie a log line to a school's sync; put them on every line where known. */
export interface LogContext {
  schoolId?: string;
  runId?: string;
  correlationId?: string;
  [key: string]: unknown;
}

/**
 * JSON logs with redaction applied to every object and message before it is written. Every line
 * names the app, its version and git revision. Logs go to stdout (the container's log stream);
 * stderr is left for a CLI's errors meant for a person.
 */
export function createLogger(app: string, level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app, ...buildInfo() },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redact(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) => (typeof a === 'string' ? (redact(a) as string) : a));
          method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** Lets Nest's own framework messages go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
