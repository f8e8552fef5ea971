import { REST_SCOPE, type TokenIssuer } from '@isams-sync/simulator';
import { jsonPlan, type ResponsePlan } from '../http/response-plan';

/** Client credentials from the form body, or from HTTP Basic (client_secret_basic) when the form has none. */
function clientCredentials(
  form: URLSearchParams,
  authorization: string | undefined,
): { clientId?: string; clientSecret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic && !form.has('client_id')) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
      };
  }
  return { clientId: form.get('client_id') ?? undefined, clientSecret: form.get('client_secret') ?? undefined };
}

/** `POST /auth/connect/token` with a form body: an access token for scope `restapi`, or an OAuth2 error. */
export function handleTokenRequest(issuer: TokenIssuer, body: string, authorization: string | undefined): ResponsePlan {
  const form = new URLSearchParams(body);
  const { clientId, clientSecret } = clientCredentials(form, authorization);
  const outcome = issuer.issue(
    form.get('grant_type') ?? undefined,
    clientId,
    clientSecret,
    form.get('scope') ?? undefined,
  );
  if (!outcome.ok) return jsonPlan(outcome.status, { error: outcome.error, error_description: outcome.description });
  return jsonPlan(
    200,
    { access_token: outcome.accessToken, expires_in: outcome.expiresIn, token_type: 'Bearer', scope: REST_SCOPE },
    { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
  );
}

/** 401 for a missing, unknown or expired bearer token, as the REST API answers it. */
export function unauthorisedPlan(): ResponsePlan {
  return jsonPlan(
    401,
    { message: 'Authorization has been denied for this request.' },
    { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  );
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}
