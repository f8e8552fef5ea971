import { insecureAccessUrlProblem } from './insecure-hosts';

describe('insecureAccessUrlProblem', () => {
  it.each<[string, string, string[], boolean]>([
    ['https is always fine', 'https://stmarys.isams.cloud', [], true],
    ['https to a listed host is fine too', 'https://isams-simulator', ['isams-simulator'], true],
    ['http to a host on the list', 'http://isams-simulator:8089', ['isams-simulator'], true],
    ['http to loopback on the list', 'http://127.0.0.1:5050', ['127.0.0.1', 'localhost'], true],
    [
      'the list is matched case-insensitively against the URL',
      'http://ISAMS-Simulator:8089',
      ['isams-simulator'],
      true,
    ],
    ['http with an empty list (production)', 'http://stmarys.isams.cloud', [], false],
    ['http to loopback with an empty list', 'http://127.0.0.1:5050', [], false],
    ['http to another host than the listed one', 'http://stmarys.isams.cloud', ['isams-simulator'], false],
    ['a listed name only as a prefix of the host', 'http://isams-simulator.evil.example', ['isams-simulator'], false],
  ])('%s', (_case, url, hosts, allowed) => {
    const problem = insecureAccessUrlProblem(url, hosts);
    if (allowed) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/^must start with https:\/\/ \(plain http:\/\/ to .* ISAMS_INSECURE_HOSTS/);
  });
});
