/**
 * Log redaction. Personal data and secrets never reach a log line: values under sensitive keys
 * are replaced, and email addresses, Batch API keys in URLs and bearer tokens are masked inside
 * any string. Deep, cycle-safe and bounded so a huge object cannot stall logging.
 */
const SENSITIVE_KEY =
  /^(e-?mail(address)?|schoolemailaddress|forename|surname|middle_?names?|preferred_?name|full_?name|first_?name|last_?name|title|mobile|telephone|phone|dob|date_?of_?birth|address|password|passwd|secret|client_?secret|api_?key|apikey|token|access_?token|authorization|cookie|secrets_?key|medical|conditions|allergies|medications|data_?base64|photo_?data)$/i;

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const API_KEY_PARAM = /([?&](?:api_?key|apikey|client_secret|access_token)=)[^&#\s"]+/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^:@/\s]+):([^@/\s]+)@/gi;

export const REDACTED = '[redacted]';

export function redactString(value: string): string {
  return value
    .replace(URL_CREDENTIALS, `$1$2:${REDACTED}@`)
    .replace(API_KEY_PARAM, `$1${REDACTED}`)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(EMAIL, '[email]');
}

export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[depth]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactString(value.message),
      stack: value.stack ? redactString(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}
