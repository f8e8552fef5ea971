import {
  BATCH_ENDPOINTS,
  DATASET_METHODS,
  DATASETS,
  datasetRequest,
  ERROR_IDS,
  filtersXml,
  SECTIONS,
  type Dataset,
} from '@isams-sync/isams';
import { renderBatchDocument, type BatchFilters } from '@isams-sync/simulator';
import { startSimulator, type RunningSimulator } from '../src/isams-simulator.server';
import { filters, httpRequest, messageId, postXml, type HttpAnswer } from './http-client';

const BATCH = '/api/batch/1.0/xml.ashx';
const count = (xml: string, element: string) => (xml.match(new RegExp(`<${element}[ >]`, 'g')) ?? []).length;

/** A dataset asked for as the sync asks: its endpoint, and a POST with its filters when it has any. */
function askForDataset(sim: RunningSimulator, dataset: Dataset): Promise<HttpAnswer> {
  const request = datasetRequest(dataset);
  const url = `${sim.url}${request.path}?apiKey=${sim.school.info().keys[dataset]}`;
  return request.filters.length > 0 ? postXml(url, filtersXml(undefined, request.filters)) : httpRequest(url);
}

/** The simulator's reading of the filters the sync sends (contacts of current pupils). */
const SENT_FILTERS: Partial<Record<Dataset, BatchFilters>> = { contacts: { contacts: { systemStatuses: [1] } } };

describe('Batch API over HTTP', () => {
  let sim: RunningSimulator;
  const batchUrl = (apiKey: string) => `${sim.url}${BATCH}?apiKey=${apiKey}`;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 42, pupils: 60, medical: true });
  });
  afterAll(() => sim.close());

  it.each(DATASETS)('the %s key returns exactly the sections of its methods', async (dataset) => {
    const answer = await askForDataset(sim, dataset);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8');
    for (const [method, [moduleName, collection]] of Object.entries(SECTIONS)) {
      const expected = (DATASET_METHODS[dataset] as readonly string[]).includes(method);
      if (expected) expect(answer.text).toContain(`<${moduleName}>`);
      // collections sit two levels down (4 spaces); a contact's own `Pupils` list is deeper
      expect(new RegExp(`\n {4}<${collection}[ />]`).test(answer.text)).toBe(expected);
    }
  });

  it('serves the same bytes as renderBatchDocument, and as another simulator with the same seed', async () => {
    const twin = await startSimulator({ seed: 42, pupils: 60, medical: true });
    const other = await startSimulator({ seed: 43, pupils: 60, medical: true });
    try {
      for (const dataset of DATASETS) {
        const mine = await askForDataset(sim, dataset);
        expect(mine.text).toBe(renderBatchDocument(sim.school, DATASET_METHODS[dataset], SENT_FILTERS[dataset]));
        expect((await askForDataset(twin, dataset)).body.equals(mine.body)).toBe(true);
        expect((await askForDataset(other, dataset)).body.equals(mine.body)).toBe(false);
      }
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('declares utf-8 on the pupils answer by default, utf-16 (over the same UTF-8 bytes) once the profile is hostile', async () => {
    const name = sim.school.data.pupils
      .map((pupil) => pupil.forename)
      .find((forename) => /[^\x00-\x7f]/.test(forename)) as string;
    const real = await httpRequest(batchUrl(sim.school.info().keys.pupils));
    expect(real.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(real.body.includes(Buffer.from(name, 'utf8'))).toBe(true);
    const profile = await httpRequest(`${sim.url}/_sim/profile`, { method: 'PUT', body: '{"profile":"hostile"}' });
    try {
      expect(JSON.parse(profile.text)).toEqual({ profile: 'hostile' });
      const hostile = await httpRequest(batchUrl(sim.school.info().keys.pupils));
      expect(hostile.text.startsWith('<?xml version="1.0" encoding="utf-16"?>')).toBe(true);
      expect(hostile.body.includes(Buffer.from(name, 'utf8'))).toBe(true);
    } finally {
      sim.school.setProfile('real');
    }
  });

  it.each([['photos', BATCH_ENDPOINTS.photos, 'PupilPhotos']] as const)(
    'serves the %s key from its own endpoint (%s) and nothing of it from xml.ashx',
    async (dataset, path, collection) => {
      const key = sim.school.info().keys[dataset];
      const own = await httpRequest(`${sim.url}${path}?apiKey=${key}`);
      expect(own.status).toBe(200);
      expect(own.text).toContain(`<${collection}>`);
      const xml = await httpRequest(batchUrl(key));
      expect(xml.text).not.toContain(`<${collection}`);
    },
  );

  it('serves staff photos from staffphotos.ashx to a key with that method ticked', async () => {
    sim.school.configureKey('photos', { extraMethods: ['HumanResources_GetCurrentStaffPhotos'] });
    try {
      const answer = await httpRequest(
        `${sim.url}${BATCH_ENDPOINTS.staffPhotos}?apiKey=${sim.school.info().keys.photos}`,
      );
      expect(answer.status).toBe(200);
      expect(count(answer.text, 'StaffPhoto')).toBe(sim.school.data.staff.length);
      expect(answer.text).not.toContain('<PupilPhotos');
    } finally {
      sim.school.configureKey('photos', { methods: DATASET_METHODS.photos });
    }
  });

  it('accepts the key in braces, apiKey={GUID}, as iSAMS does', async () => {
    const answer = await httpRequest(batchUrl(`{${sim.school.info().keys.staff}}`));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<CurrentStaff>');
  });

  it('streams a large answer instead of sending it in one piece', async () => {
    const large = await startSimulator({ seed: 1, pupils: 3000 });
    try {
      const answer = await askForDataset(large, 'contacts');
      expect(answer.headers['transfer-encoding']).toBe('chunked');
      expect(answer.headers['content-length']).toBeUndefined();
      expect(answer.chunks).toBeGreaterThan(10);
      expect(count(answer.text, 'Contact')).toBe(
        large.school.data.contacts.filter((contact) => contact.pupils.some((link) => link.status === 1)).length,
      );
    } finally {
      await large.close();
    }
  });

  describe('errors', () => {
    it('answers a missing apiKey with 400 MissingParameter', async () => {
      for (const url of [`${sim.url}${BATCH}`, `${sim.url}${BATCH}?apiKey=`]) {
        const answer = await httpRequest(url);
        expect(answer.status).toBe(400);
        expect(messageId(answer.text)).toBe(ERROR_IDS.missingParameter);
        expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="utf-16"\?>\r\n<Message>\r\n {2}<MessageId>/);
      }
    });

    it('answers an unknown key with 401 InvalidApiKey', async () => {
      const answer = await httpRequest(batchUrl('0A1C996B-8E74-4388-A3C4-8DA1E40ADA57'));
      expect(answer.status).toBe(401);
      expect(messageId(answer.text)).toBe(ERROR_IDS.invalidApiKey);
    });

    it('answers a method not on the key with 403, naming it in lower case', async () => {
      const answer = await postXml(
        batchUrl(sim.school.info().keys.pupils),
        filters('<MethodsToRun><Method>Pupil_GetApplicants</Method></MethodsToRun>'),
      );
      expect(answer.status).toBe(403);
      expect(messageId(answer.text)).toBe(ERROR_IDS.methodsNotAllocated);
      expect(answer.text).toContain('not allocated to the requested key: pupil_getapplicants');
      const unknown = await postXml(
        batchUrl(sim.school.info().keys.pupils),
        filters('<MethodsToRun><Method>Pupil_GetEverything</Method></MethodsToRun>'),
      );
      expect(unknown.status).toBe(403);
    });

    it('answers registration methods without their date filters with 400 FiltersRequiredException', async () => {
      const answer = await httpRequest(batchUrl(sim.school.info().registrationKey));
      expect(answer.status).toBe(400);
      expect(messageId(answer.text)).toBe(ERROR_IDS.filtersRequired);
      expect(answer.text).toContain(
        'Method &quot;Registration - GetRegistrationStatus&quot; requires at least one filter.',
      );
    });

    it.each([
      ['a GET', undefined],
      ['a filter without attributes', filters('<StudentManager><Contacts/></StudentManager>')],
      ['only MethodsToRun', filters('<MethodsToRun><Method>ContactAdvanced_GetContacts</Method></MethodsToRun>')],
    ])('answers the Contacts (Advanced) method with FiltersRequiredException for %s', async (_name, body) => {
      const url = batchUrl(sim.school.info().keys.contacts);
      const answer = body === undefined ? await httpRequest(url) : await postXml(url, body);
      expect(answer.status).toBe(400);
      expect(messageId(answer.text)).toBe(ERROR_IDS.filtersRequired);
      expect(answer.text).toContain('ContactAdvanced - GetContacts');
    });

    it('answers malformed filter XML with 500 UnhandledException', async () => {
      const answer = await postXml(batchUrl(sim.school.info().keys.pupils), '<Filters><MethodsToRun></Filters>');
      expect(answer.status).toBe(500);
      expect(messageId(answer.text)).toBe(ERROR_IDS.unhandled);
      expect(answer.text).toContain('error parsing the filter XML');
    });
  });

  describe('filters', () => {
    it('runs only the MethodsToRun asked for, in any case', async () => {
      const key = sim.school.info().keys.structure;
      const answer = await postXml(
        batchUrl(key),
        filters(
          '<MethodsToRun><Method>school_getallyears</Method><Method>School_GetSchoolTerms</Method></MethodsToRun>',
        ),
      );
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<Years>');
      expect(answer.text).toContain('<Terms>');
      expect(answer.text).not.toContain('<Forms>');
    });

    it('narrows contacts by ContactTypes and SystemStatusesToInclude', async () => {
      const answer = await postXml(
        batchUrl(sim.school.info().keys.contacts),
        filters(
          '<StudentManager><Contacts ContactTypes="Mother,Father" SystemStatusesToInclude="1"/></StudentManager>',
        ),
      );
      const expected = sim.school.data.contacts.filter(
        (contact) =>
          ['Mother', 'Father'].includes(contact.relationship) && contact.pupils.some((link) => link.status === 1),
      );
      expect(count(answer.text, 'Contact')).toBe(expected.length);
      expect(count(answer.text, 'Contact')).toBeLessThan(sim.school.data.contacts.length);
      expect(answer.text).not.toContain('<RelationshipRaw>Grandmother</RelationshipRaw>');
    });

    it('serves registration statuses for the dates asked for', async () => {
      const { registrationKey, registers, today } = sim.school.info();
      const body = filters(
        `<Registration><RegistrationStatus StartDate="${today}" EndDate="${today}"/><RegistrationPeriods StartDate="${today}" EndDate="${today}"/><OutOfSchoolPupils StartDate="${today}" EndDate="${today}"/></Registration>`,
      );
      const answer = await postXml(batchUrl(registrationKey), body);
      expect(answer.status).toBe(200);
      expect(count(answer.text, 'RegistrationStatus')).toBe(
        sim.school.register(registers.am).length + sim.school.register(registers.pm).length,
      );
      expect(count(answer.text, 'RegistrationPeriod')).toBe(2);
      expect(count(answer.text, 'OutOfSchoolPupil')).toBe(sim.school.outOfSchool(today).length);
      expect(count(answer.text, 'AbsenceCode')).toBe(sim.school.data.absenceCodes.length);
    });
  });

  describe('key configuration', () => {
    let own: RunningSimulator;
    beforeEach(async () => {
      own = await startSimulator({ seed: 5, pupils: 60 });
    });
    afterEach(() => own.close());
    const url = (dataset: 'pupils' | 'contacts' | 'staff') =>
      `${own.url}${BATCH}?apiKey=${own.school.info().keys[dataset]}`;

    it('refuses an inactive key with 401', async () => {
      own.school.configureKey('staff', { active: false });
      const answer = await httpRequest(url('staff'));
      expect(answer.status).toBe(401);
      expect(messageId(answer.text)).toBe(ERROR_IDS.invalidApiKey);
    });

    it('returns the extra sections of methods ticked by mistake', async () => {
      own.school.configureKey('pupils', { extraMethods: ['Pupil_GetSiblings', 'HumanResources_GetCurrentStaff'] });
      const answer = await httpRequest(url('pupils'));
      expect(answer.text).toContain('<Siblings>');
      expect(answer.text).toContain('<HRManager>');
      expect(answer.text).toContain('<CurrentPupils>');
    });

    it('serves the cached answer until the cache expires, even after the school changed', async () => {
      own.school.configureKey('pupils', { cacheSeconds: 600 });
      const first = await httpRequest(url('pupils'));
      own.school.runScenario('truncated-pupils');
      const cached = await httpRequest(url('pupils'));
      expect(cached.body.equals(first.body)).toBe(true);
      own.school.advanceClock(600);
      const fresh = await httpRequest(url('pupils'));
      expect(count(fresh.text, 'Pupil')).toBe(Math.floor(own.school.data.pupils.length / 2));
    });

    it('throttles N requests per window with 429, without Retry-After unless configured', async () => {
      own.school.configureKey('staff', { throttle: { limit: 2, windowSeconds: 3600 } });
      expect((await httpRequest(url('staff'))).status).toBe(200);
      expect((await httpRequest(url('staff'))).status).toBe(200);
      const throttled = await httpRequest(url('staff'));
      expect(throttled.status).toBe(429);
      expect(messageId(throttled.text)).toBe(ERROR_IDS.throttled);
      expect(throttled.headers['retry-after']).toBeUndefined();
      expect((await httpRequest(url('pupils'))).status).toBe(200);
      own.school.advanceClock(3600);
      expect((await httpRequest(url('staff'))).status).toBe(200);
    });

    it('sends Retry-After on a throttled answer when configured', async () => {
      own.school.configureKey('staff', { throttle: { limit: 0, windowSeconds: 60, retryAfterSeconds: 30 } });
      const throttled = await httpRequest(url('staff'));
      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toBe('30');
    });
  });
});
