import { FaultBook } from './fault-book';
import { validateFault } from './fault';

describe('faults', () => {
  it.each([
    [{ kind: 'meteor' }, 'kind must be one of'],
    [null, 'object'],
    [{ kind: 'latency', latencyMs: -1 }, 'latencyMs'],
    [{ kind: 'latency', count: 0 }, 'count'],
    [{ kind: 'latency', count: 1.5 }, 'count'],
    [{ kind: 'slow-drip', chunkBytes: 0 }, 'chunkBytes'],
    [{ kind: 'truncated-xml', truncateAt: 1 }, 'truncateAt'],
    [{ kind: 'deadlock', datasets: ['pupils', 'gossip'] }, 'unknown dataset'],
    [{ kind: 'deadlock', paths: '/api' }, 'paths'],
    [{ kind: 'token-endpoint-down', status: 200 }, 'status'],
  ])('refuses %j', (spec, reason) => {
    expect(() => validateFault(spec)).toThrow(reason);
  });

  const book = () => new FaultBook(() => '/auth/connect/token');

  it('fills in default paths by kind', () => {
    const faults = book();
    expect(faults.add({ kind: 'token-endpoint-down' }).paths).toEqual(['/auth/connect/token']);
    expect(faults.add({ kind: 'deadlock' }).paths).toEqual(['/api/batch']);
    expect(faults.add({ kind: 'latency' }).paths).toEqual(['/api/']);
  });

  it('matches by path, dataset and key, and uses up a count', () => {
    const faults = book();
    const deadlock = faults.add({ kind: 'deadlock', datasets: ['contacts'], count: 2 });
    expect(faults.take({ path: '/api/batch/1.0/xml.ashx', dataset: 'pupils' })).toEqual([]);
    expect(faults.take({ path: '/api/registration/periods' })).toEqual([]);
    expect(faults.take({ path: '/API/Batch/1.0/xml.ashx', dataset: 'contacts' }).map((fault) => fault.id)).toEqual([
      deadlock.id,
    ]);
    expect(faults.take({ path: '/api/batch/1.0/xml.ashx', dataset: 'contacts' })).toHaveLength(1);
    expect(faults.take({ path: '/api/batch/1.0/xml.ashx', dataset: 'contacts' })).toEqual([]);
    expect(faults.list()).toEqual([]);
  });

  it('adds every matching latency to the first other matching fault', () => {
    const faults = book();
    faults.add({ kind: 'latency', latencyMs: 10 });
    faults.add({ kind: 'latency', latencyMs: 20 });
    faults.add({ kind: 'service-unavailable' });
    faults.add({ kind: 'never-finish' });
    expect(faults.take({ path: '/api/registration/presentcodes' }).map((fault) => fault.kind)).toEqual([
      'latency',
      'latency',
      'service-unavailable',
    ]);
  });

  it('matches api keys case-insensitively and can be removed or cleared', () => {
    const faults = book();
    const fault = faults.add({ kind: 'connection-reset', apiKeys: ['ABC'] });
    expect(faults.take({ path: '/api/batch/1.0/xml.ashx', apiKey: 'abc' })).toHaveLength(1);
    expect(faults.take({ path: '/api/batch/1.0/xml.ashx', apiKey: 'abd' })).toHaveLength(0);
    expect(faults.remove(fault.id)).toBe(true);
    expect(faults.remove(fault.id)).toBe(false);
    faults.add({ kind: 'latency' });
    expect(faults.clear()).toBe(1);
  });
});
