import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { IsamsRestClient, RegistrationRestApi } from '@isams-sync/isams';
import type { SchoolWithSecrets } from '@isams-sync/persistence';
import { SERVICE_CONFIG } from '@isams-sync/platform';
import type { AttendanceConfig } from '../config/attendance.config';

/** Optional: a different fetch (tests wrap the real one to act between requests). */
export const REST_FETCH = Symbol('REST_FETCH');

/**
 * One REST client per school, kept while the school's REST settings stay the same so its token
 * is reused across pulls (a changed secret or token path gets a new client and a new token).
 */
@Injectable()
export class RestClientsService {
  private readonly clients = new Map<
    string,
    { fingerprint: string; api: RegistrationRestApi; client: IsamsRestClient }
  >();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: AttendanceConfig,
    @Inject(REST_FETCH) private readonly fetchImpl: typeof fetch,
  ) {}

  apiFor(school: SchoolWithSecrets & { rest: NonNullable<SchoolWithSecrets['rest']> }): RegistrationRestApi {
    const { clientId, clientSecret, tokenPath } = school.rest;
    // A hash, so the map never holds a second copy of the secret in a readable key.
    const fingerprint = createHash('sha256')
      .update([school.accessUrl, clientId, clientSecret, tokenPath].join('\u0000'))
      .digest('hex');
    const known = this.clients.get(school.id);
    if (known?.fingerprint === fingerprint) return known.api;
    const client = new IsamsRestClient(
      { schoolId: school.id, accessUrl: school.accessUrl, clientId, clientSecret, tokenPath },
      {
        fetchImpl: this.fetchImpl,
        timeoutMs: this.config.ISAMS_REST_TIMEOUT_MS,
        pageSize: this.config.ISAMS_REST_PAGE_SIZE,
      },
    );
    const api = new RegistrationRestApi(client);
    this.clients.set(school.id, { fingerprint, api, client });
    return api;
  }
}
