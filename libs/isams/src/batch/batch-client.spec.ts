import { type BatchCallError, isBatchCallError } from './batch-call.error';
import { BATCH_API_PATH, BatchClient, filtersXml, methodsFilterXml, rootElementName } from './batch-client';
import { datasetRequest } from './datasets';

const KEY = 'ABCDEF12-3456-7890-ABCD-EF1234567890';

/** A fetch stand-in that records what it was asked and answers with a fixed Response. */
function fakeFetch(answer: () => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return answer();
  }) as typeof fetch;
  return { impl, calls };
}

async function failure(promise: Promise<unknown>): Promise<BatchCallError> {
  try {
    await promise;
  } catch (error) {
    if (isBatchCallError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const errorBody = (id: string, description: string) =>
  `<?xml version="1.0" encoding="utf-16"?>\r\n<Message><MessageId>${id}</MessageId><MessageName>${id}</MessageName><Title>t</Title><Description>${description}</Description></Message>`;

describe('BatchClient (over a stand-in fetch)', () => {
  it('GETs the key URL and hands back the bytes untouched, with a key-free url', async () => {
    const bytes = Buffer.from('\uFEFF<?xml version="1.0" encoding="utf-16"?><iSAMS><PupilManager/></iSAMS>', 'utf8');
    const { impl, calls } = fakeFetch(
      () => new Response(bytes, { status: 200, headers: { 'Content-Type': 'text/xml' } }),
    );
    const answer = await new BatchClient({ fetchImpl: impl }).fetch({
      accessUrl: 'https://s.isams.cloud/',
      apiKey: KEY,
    });
    expect(calls[0].url).toBe(`https://s.isams.cloud${BATCH_API_PATH}?apiKey=${KEY}`);
    expect(calls[0].init?.method).toBe('GET');
    expect(answer.body.equals(bytes)).toBe(true);
    expect(answer.url).toBe(`https://s.isams.cloud${BATCH_API_PATH}`);
    expect(answer.contentType).toBe('text/xml');
    expect(answer.status).toBe(200);
  });

  it('POSTs a MethodsToRun filter when methods are given', async () => {
    const { impl, calls } = fakeFetch(() => new Response('<iSAMS/>'));
    await new BatchClient({ fetchImpl: impl }).fetch({
      accessUrl: 'https://s',
      apiKey: KEY,
      methods: ['Pupil_GetCurrentPupils', 'A&B'],
    });
    expect(calls[0].init?.method).toBe('POST');
    expect((calls[0].init?.headers as Record<string, string>)['Content-Type']).toBe('application/xml');
    expect(calls[0].init?.body).toBe(methodsFilterXml(['Pupil_GetCurrentPupils', 'A&B']));
    expect(String(calls[0].init?.body)).toContain(
      '<Filters><MethodsToRun><Method>Pupil_GetCurrentPupils</Method><Method>A&amp;B</Method></MethodsToRun></Filters>',
    );
  });

  it.each([
    [
      'contacts',
      '/api/batch/1.0/xml.ashx',
      'POST',
      '<Filters><StudentManager><Contacts SystemStatusesToInclude="1"/></StudentManager></Filters>',
    ],
    ['photos', '/api/batch/1.0/photos.ashx', 'GET', undefined],
    ['pupils', '/api/batch/1.0/xml.ashx', 'GET', undefined],
  ] as const)('asks for the %s dataset at %s with %s as its method table says', async (dataset, path, method, body) => {
    const { impl, calls } = fakeFetch(() => new Response('<iSAMS/>'));
    const { endpoint, filters } = datasetRequest(dataset);
    await new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY, endpoint, filters });
    expect(calls[0].url).toBe(`https://s${path}?apiKey=${KEY}`);
    expect(calls[0].init?.method).toBe(method);
    if (body !== undefined) expect(String(calls[0].init?.body)).toContain(body);
  });

  it('groups method filters by module and escapes their values', () => {
    const xml = filtersXml(
      ['A_B'],
      [
        {
          module: 'Registration',
          element: 'RegistrationStatus',
          attributes: { StartDate: '2026-11-27', EndDate: '2026-11-28' },
        },
        { module: 'Registration', element: 'OutOfSchoolPupils', attributes: { StartDate: '2026-11-27' } },
        { module: 'StudentManager', element: 'Contacts', attributes: { ContactTypes: 'Mother,"Step"&Father' } },
      ],
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><Filters><MethodsToRun><Method>A_B</Method></MethodsToRun>' +
        '<Registration><RegistrationStatus StartDate="2026-11-27" EndDate="2026-11-28"/><OutOfSchoolPupils StartDate="2026-11-27"/></Registration>' +
        '<StudentManager><Contacts ContactTypes="Mother,&quot;Step&quot;&amp;Father"/></StudentManager></Filters>',
    );
  });

  it('a host DNS does not know is unknown-host, permanent, naming the access URL', async () => {
    const impl = (async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND s'), { code: 'ENOTFOUND' }),
      });
    }) as unknown as typeof fetch;
    const error = await failure(new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY }));
    expect(error.kind).toBe('unknown-host');
    expect(error.retryable).toBe(false);
    expect(error.fix).toContain('access URL');
  });

  it('classifies a 200 whose body is an iSAMS <Message> error', async () => {
    const { impl } = fakeFetch(
      () => new Response(errorBody('UnhandledException', 'chosen as the deadlock victim. Rerun the transaction.')),
    );
    const error = await failure(new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY }));
    expect(error.kind).toBe('deadlock');
    expect(error.retryable).toBe(true);
    expect(error.httpStatus).toBe(200);
  });

  it('refuses an HTML page served with 200 (a login or proxy page)', async () => {
    const { impl } = fakeFetch(() => new Response('<!DOCTYPE html><html><body>Sign in</body></html>'));
    const error = await failure(new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY }));
    expect(error.kind).toBe('unexpected-response');
    expect(error.retryable).toBe(false);
  });

  it('masks a key echoed back in an error description', async () => {
    const { impl } = fakeFetch(
      () => new Response(errorBody('InvalidApiKey', `Key ${KEY} is not valid`), { status: 401 }),
    );
    const error = await failure(new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY }));
    expect(error.kind).toBe('invalid-key');
    expect(error.message).toContain('is not valid');
    expect(`${error.message} ${error.fix}`).not.toContain(KEY);
  });

  it('reads Retry-After on a 503', async () => {
    const { impl } = fakeFetch(
      () => new Response('<html>busy</html>', { status: 503, headers: { 'Retry-After': '7' } }),
    );
    const error = await failure(new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY }));
    expect(error.kind).toBe('server-error');
    expect(error.retryAfterMs).toBe(7000);
  });

  it('refuses a body that grows past maxBytes while streaming', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1000));
      },
    });
    const { impl } = fakeFetch(() => new Response(stream));
    const error = await failure(
      new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY, maxBytes: 10_000 }),
    );
    expect(error.kind).toBe('too-large');
    expect(error.retryable).toBe(false);
    expect(pulled).toBeLessThan(20);
  });

  it('refuses a body whose Content-Length is over maxBytes before reading it', async () => {
    const { impl } = fakeFetch(() => new Response('x'.repeat(100), { headers: { 'Content-Length': '100' } }));
    const error = await failure(
      new BatchClient({ fetchImpl: impl }).fetch({ accessUrl: 'https://s', apiKey: KEY, maxBytes: 50 }),
    );
    expect(error.kind).toBe('too-large');
  });

  it('a rejected fetch is a network error, a rejected fetch after abort a time-out', async () => {
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const broken = (async () => {
      throw new TypeError('fetch failed', { cause: socket });
    }) as typeof fetch;
    const network = await failure(
      new BatchClient({ fetchImpl: broken }).fetch({ accessUrl: 'https://s', apiKey: KEY }),
    );
    expect(network.kind).toBe('network');
    expect(network.message).toContain('UND_ERR_SOCKET');
    const controller = new AbortController();
    controller.abort();
    const timeout = await failure(
      new BatchClient({ fetchImpl: broken }).fetch({ accessUrl: 'https://s', apiKey: KEY, signal: controller.signal }),
    );
    expect(timeout.kind).toBe('timeout');
    expect(timeout.retryable).toBe(true);
  });
});

describe('rootElementName', () => {
  it.each([
    ['<?xml version="1.0"?>\r\n<iSAMS>', 'iSAMS'],
    ['\uFEFF<?xml version="1.0" encoding="utf-16"?><Message>', 'Message'],
    ['  <!-- hi --> <Message/>', 'Message'],
    ['<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><HTML>', 'DOCTYPE'],
    ['<html><body>', 'html'],
    ['not xml', undefined],
    ['', undefined],
    ['<?xml unterminated', undefined],
  ])('%p → %p', (text, expected) => {
    expect(rootElementName(Buffer.from(text, 'utf8'))).toBe(expected);
  });
});
