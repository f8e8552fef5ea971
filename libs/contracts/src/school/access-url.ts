/**
 * The school's iSAMS address as it types it on the onboarding form, turned into the base every
 * iSAMS path hangs from. Schools type `yourschool.isams.cloud`, paste the address of the page they
 * are on (`https://yourschool.isams.cloud/Main/Default.aspx`), or add a slash: all of these are the
 * same school. Pure, so the form, the CLI and the API agree.
 */

/** iSAMS's own hosting: the Batch and REST APIs always sit at the root of these hosts. */
export const HOSTED_ISAMS_DOMAINS = ['.isams.cloud', '.isamshosting.cloud'] as const;

/** Paths that are iSAMS pages or endpoints, never part of a self-hosted install's base path. */
const ISAMS_PAGE = /\/(api|main|auth|sso|modules|login)(\/.*)?$|\/[^/]*\.(aspx|ashx|html?)$/i;

/** `yourschool.isams.cloud` → `https://yourschool.isams.cloud`; an address with a scheme is left as typed. */
export function withScheme(typed: string): string {
  const text = typed.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/+/, '')}`;
}

export function isHostedIsams(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return HOSTED_ISAMS_DOMAINS.some((domain) => host.endsWith(domain));
}

/**
 * The base URL: the origin for iSAMS-hosted schools (whatever page was pasted); for a school's own
 * server, the origin plus the install's path without any iSAMS page at its end and without a
 * trailing slash.
 */
export function isamsBaseUrl(url: URL): string {
  if (isHostedIsams(url.hostname)) return url.origin;
  let path = url.pathname.replace(/\/+$/, '');
  for (let previous = ''; previous !== path;) {
    previous = path;
    path = path.replace(ISAMS_PAGE, '').replace(/\/+$/, '');
  }
  return `${url.origin}${path}`;
}
