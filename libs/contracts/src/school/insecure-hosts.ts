/**
 * Plain http:// to iSAMS sends a school's keys in clear, so it is refused unless the host is on an explicit
 * allow-list (ISAMS_INSECURE_HOSTS): the simulator's host in tests, the demo and the compose stack. Production never
 * sets it, so there every access URL must be https.
 */
export function insecureAccessUrlProblem(accessUrl: string, insecureHosts: readonly string[]): string | undefined {
  const url = new URL(accessUrl);
  if (url.protocol === 'https:') return undefined;
  if (insecureHosts.includes(url.hostname.toLowerCase())) return undefined;
  return (
    `must start with https:// (plain http:// to ${url.hostname} would send the school's keys in clear; ` +
    `only hosts listed in ISAMS_INSECURE_HOSTS may use http, and production lists none)`
  );
}
