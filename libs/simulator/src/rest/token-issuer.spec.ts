import { TokenIssuer } from './token-issuer';

describe('TokenIssuer', () => {
  let now = 0;
  const issuer = new TokenIssuer(
    { clientId: 'id', clientSecret: 'secret', tokenPath: '/auth/connect/token', tokenLifetimeSeconds: 60 },
    () => now,
  );

  it('issues a token for scope restapi that expires on the clock', () => {
    now = 1000;
    const outcome = issuer.issue('client_credentials', 'id', 'secret', 'restapi');
    if (!outcome.ok) throw new Error('expected a token');
    expect(outcome.expiresIn).toBe(60);
    expect(issuer.isValid(outcome.accessToken)).toBe(true);
    now = 1000 + 59_999;
    expect(issuer.isValid(outcome.accessToken)).toBe(true);
    now = 1000 + 60_000;
    expect(issuer.isValid(outcome.accessToken)).toBe(false);
  });

  it.each([
    ['password', 'id', 'secret', 'restapi', 400, 'unsupported_grant_type'],
    ['client_credentials', 'id', 'wrong', 'restapi', 401, 'invalid_client'],
    ['client_credentials', 'other', 'secret', 'restapi', 401, 'invalid_client'],
  ])('refuses grant %s for %s/%s scope %s with %i %s', (grant, id, secret, scope, status, error) => {
    expect(issuer.issue(grant, id, secret, scope)).toMatchObject({ ok: false, status, error });
  });

  it.each([['apiv1'], [undefined], ['restapi openid']])(
    'issues a token whatever the scope (%p), as real clients ask without one',
    (scope) => {
      expect(issuer.issue('client_credentials', 'id', 'secret', scope)).toMatchObject({ ok: true });
    },
  );

  it('does not accept tokens it never issued', () => {
    expect(issuer.isValid('made-up')).toBe(false);
    expect(issuer.isValid(undefined)).toBe(false);
  });
});
