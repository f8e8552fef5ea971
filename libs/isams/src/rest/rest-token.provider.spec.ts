import { RestTokenProvider } from './rest-token.provider';

/** A token endpoint that counts its calls and answers after the test lets it. */
function tokenEndpoint(expiresIn = 3600) {
  let issued = 0;
  const fetchImpl = (async () => {
    issued++;
    await Promise.resolve();
    return new Response(JSON.stringify({ access_token: `token-${issued}`, expires_in: expiresIn }), { status: 200 });
  }) as typeof fetch;
  return { fetchImpl, issued: () => issued };
}

const credentials = {
  schoolId: 'st-marys',
  accessUrl: 'http://127.0.0.1:1',
  clientId: 'client',
  clientSecret: 'secret-value',
  tokenPath: '/auth/connect/token',
};

describe('RestTokenProvider', () => {
  it('shares one request between concurrent callers and caches the token', async () => {
    const endpoint = tokenEndpoint();
    const provider = new RestTokenProvider(credentials, { fetchImpl: endpoint.fetchImpl });
    const tokens = await Promise.all([provider.token(), provider.token(), provider.token()]);
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await provider.token()).toBe('token-1');
    expect(endpoint.issued()).toBe(1);
  });

  it('refreshes shortly before expiry', async () => {
    const endpoint = tokenEndpoint(3600);
    let now = 0;
    const provider = new RestTokenProvider(credentials, { fetchImpl: endpoint.fetchImpl, now: () => now });
    await provider.token();
    now = 3540_000 - 1;
    expect(await provider.token()).toBe('token-1');
    now = 3540_000;
    expect(await provider.token()).toBe('token-2');
  });

  it('forgets a rejected token once, not a token that already replaced it', async () => {
    const endpoint = tokenEndpoint();
    const provider = new RestTokenProvider(credentials, { fetchImpl: endpoint.fetchImpl });
    const first = await provider.token();
    provider.invalidate(first);
    const second = await provider.token();
    provider.invalidate(first);
    expect(await provider.token()).toBe(second);
    expect(endpoint.issued()).toBe(2);
  });

  it('never puts the secret in an error', async () => {
    const fetchImpl = (async () => new Response('{"error":"invalid_client"}', { status: 401 })) as typeof fetch;
    const provider = new RestTokenProvider(credentials, { fetchImpl });
    const error = await provider.token().catch((e: Error) => e);
    expect(String((error as Error).message)).toContain("school 'st-marys'");
    expect(JSON.stringify({ m: (error as Error).message, c: (error as { context?: unknown }).context })).not.toContain(
      'secret-value',
    );
  });
});
