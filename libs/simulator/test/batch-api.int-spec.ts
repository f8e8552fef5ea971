import { DATASET_METHODS, DATASETS, ERROR_IDS, SECTIONS } from '@isams-sync/isams';
import { renderBatchDocument, startSimulator, type RunningSimulator } from '@isams-sync/simulator';
import { filters, httpRequest, messageId, postXml } from './http-client';

const BATCH = '/api/batch/1.0/xml.ashx';
const count = (xml: string, element: string) => (xml.match(new RegExp(`<${element}[ >]`, 'g')) ?? []).length;

describe('Batch API over HTTP', () => {
  let sim: RunningSimulator;
  const batchUrl = (apiKey: string) => `${sim.url}${BATCH}?apiKey=${apiKey}`;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 42, pupils: 60, medical: true });
  });
  afterAll(() => sim.close());

  it.each(DATASETS)('the %s key returns exactly the sections of its methods', async (dataset) => {
    const answer = await httpRequest(batchUrl(sim.school.info().keys[dataset] as string));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8');
    for (const [method, [moduleName, collection]] of Object.entries(SECTIONS)) {
      const expected = (DATASET_METHODS[dataset] as readonly string[]).includes(method);
      if (expected) expect(answer.text).toContain(`<${moduleName}>`);
      expect(new RegExp(`<${collection}[ />]`).test(answer.text)).toBe(expected);
    }
  });

  it('serves the same bytes as renderBatchDocument, and as another simulator with the same seed', async () => {
    const twin = await startSimulator({ seed: 42, pupils: 60, medical: true });
    const other = await startSimulator({ seed: 43, pupils: 60, medical: true });
    try {
      for (const dataset of DATASETS) {
        const key = (s: RunningSimulator) => `${s.url}${BATCH}?apiKey=${s.school.info().keys[dataset]}`;
        const mine = await httpRequest(key(sim));
        expect(mine.text).toBe(renderBatchDocument(sim.school, DATASET_METHODS[dataset]));
        expect((await httpRequest(key(twin))).body.equals(mine.body)).toBe(true);
        expect((await httpRequest(key(other))).body.equals(mine.body)).toBe(false);
      }
    } finally {
      await Promise.all([twin.close(), other.close()]);
    }
  });

  it('declares utf-16 on the pupils answer while sending UTF-8 bytes', async () => {
    const answer = await httpRequest(batchUrl(sim.school.info().keys.pupils));
    expect(answer.text.startsWith('<?xml version="1.0" encoding="utf-16"?>')).toBe(true);
    const name = sim.school.data.pupils.map((pupil) => pupil.forename).find((forename) => /[^\x00-\x7f]/.test(forename)) as string;
    expect(answer.body.includes(Buffer.from(name, 'utf8'))).toBe(true);
  });

  it('streams a large answer instead of sending it in one piece', async () => {
    const large = await startSimulator({ seed: 1, pupils: 3000 });
    try {
      const answer = await httpRequest(`${large.url}${BATCH}?apiKey=${large.school.info().keys.contacts}`);
      expect(answer.headers['transfer-encoding']).toBe('chunked');
      expect(answer.headers['content-length']).toBeUndefined();
      expect(answer.chunks).toBeGreaterThan(10);
      expect(count(answer.text, 'Contact')).toBe(large.school.data.contacts.length);
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
      const answer = await postXml(batchUrl(sim.school.info().keys.pupils), filters('<MethodsToRun><Method>Pupil_GetApplicants</Method></MethodsToRun>'));
      expect(answer.status).toBe(403);
      expect(messageId(answer.text)).toBe(ERROR_IDS.methodsNotAllocated);
      expect(answer.text).toContain('not allocated to the requested key: pupil_getapplicants');
      const unknown = await postXml(batchUrl(sim.school.info().keys.pupils), filters('<MethodsToRun><Method>Pupil_GetEverything</Method></MethodsToRun>'));
      expect(unknown.status).toBe(403);
    });

    it('answers registration methods without their date filters with 400 FiltersRequiredException', async () => {
      const answer = await httpRequest(batchUrl(sim.school.info().registrationKey));
      expect(answer.status).toBe(400);
      expect(messageId(answer.text)).toBe(ERROR_IDS.filtersRequired);
      expect(answer.text).toContain('Registration_GetRegistrationStatus');
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
      const answer = await postXml(batchUrl(key), filters('<MethodsToRun><Method>school_getallyears</Method><Method>School_GetSchoolTerms</Method></MethodsToRun>'));
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<Years>');
      expect(answer.text).toContain('<Terms>');
      expect(answer.text).not.toContain('<Forms>');
    });

    it('narrows contacts by ContactTypes and SystemStatusesToInclude', async () => {
      const answer = await postXml(batchUrl(sim.school.info().keys.contacts), filters('<StudentManager><Contacts ContactTypes="Mother,Father" SystemStatusesToInclude="1"/></StudentManager>'));
      const expected = sim.school.data.contacts.filter((contact) => ['Mother', 'Father'].includes(contact.relationship) && contact.pupils.some((link) => link.status === 1));
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
      expect(count(answer.text, 'RegistrationStatus')).toBe(sim.school.register(registers.am).length + sim.school.register(registers.pm).length);
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
    const url = (dataset: 'pupils' | 'contacts' | 'staff') => `${own.url}${BATCH}?apiKey=${own.school.info().keys[dataset]}`;

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
      own.school.configureKey('contacts', { throttle: { limit: 2, windowSeconds: 3600 } });
      expect((await httpRequest(url('contacts'))).status).toBe(200);
      expect((await httpRequest(url('contacts'))).status).toBe(200);
      const throttled = await httpRequest(url('contacts'));
      expect(throttled.status).toBe(429);
      expect(messageId(throttled.text)).toBe(ERROR_IDS.throttled);
      expect(throttled.headers['retry-after']).toBeUndefined();
      expect((await httpRequest(url('pupils'))).status).toBe(200);
      own.school.advanceClock(3600);
      expect((await httpRequest(url('contacts'))).status).toBe(200);
    });

    it('sends Retry-After on a throttled answer when configured', async () => {
      own.school.configureKey('contacts', { throttle: { limit: 0, windowSeconds: 60, retryAfterSeconds: 30 } });
      const throttled = await httpRequest(url('contacts'));
      expect(throttled.status).toBe(429);
      expect(throttled.headers['retry-after']).toBe('30');
    });
  });
});
