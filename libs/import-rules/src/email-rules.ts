import type { Finding } from '@isams-sync/contracts';
import type { UserKind } from './user.model';

/** An iSAMS record a user comes from, to say in a finding where the fix belongs. */
export interface SourceRecord {
  dataset: 'pupils' | 'staff' | 'contacts';
  /** SchoolId for pupils, `Id` for staff and contacts. */
  id: string;
}

/** One person (after same-person merges) who may get a login. */
export interface LoginCandidate {
  userKey: string;
  kind: UserKind;
  email?: string;
  records: readonly SourceRecord[];
}

export interface LoginAssignment {
  /** userKey → login email, only for users whose email is valid and theirs alone. */
  loginEmails: Map<string, string>;
  findings: Finding[];
}

export const EMAIL_FINDING_KINDS = {
  missing: 'missing-email',
  invalid: 'invalid-email',
  shared: 'shared-email',
} as const;

/** Trimmed and lower-cased; undefined when nothing is left. */
export function normaliseEmail(raw: string | undefined): string | undefined {
  const email = raw?.trim().toLowerCase();
  return email ? email : undefined;
}

// Pragmatic, not RFC 5322: what a school types by mistake ("n/a", "jane@gmail", two @, a space,
// a trailing comma, "jane.gmail.com") fails; ordinary addresses, plus-tags and IDN in punycode pass.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i;

/** Whether an (already normalised or raw) email address is usable as a login. */
export function isValidEmail(raw: string): boolean {
  const email = raw.trim();
  if (email.length > 254) return false;
  const at = email.indexOf('@');
  if (at < 1 || at !== email.lastIndexOf('@')) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local) || labels.length < 2) return false;
  return labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1]);
}

const NOUN: Record<SourceRecord['dataset'], string> = { pupils: 'pupil', staff: 'staff member', contacts: 'contact' };
const WHERE: Record<SourceRecord['dataset'], string> = {
  pupils: "Pupil Manager > the pupil's record > Email Address",
  staff: "HR Manager > the staff member's record > School Email Address",
  contacts: "Pupil Manager > Contacts > the contact's record > Email Address",
};

function describe(record: SourceRecord): string {
  return `${NOUN[record.dataset]} ${record.id}`;
}

function describeAll(records: readonly SourceRecord[]): string {
  return records.map(describe).join(' / ');
}

function whereToFix(records: readonly SourceRecord[]): string {
  return [...new Set(records.map((record) => `${describe(record)}: ${WHERE[record.dataset]}`))].join('; ');
}

/** A finding about one user, filed under the dataset of its first record. */
function finding(
  candidate: LoginCandidate,
  kind: string,
  severity: Finding['severity'],
  message: string,
  fix: string,
): Finding {
  return {
    kind,
    severity,
    dataset: candidate.records[0]?.dataset ?? 'pupils',
    recordRef: describeAll(candidate.records),
    message,
    fix,
  };
}

/**
 * One login per unique valid email within the school. Candidates are people (the staff member who is
 * also a parent already merged into one): two candidates with the same email are two people, so
 * neither gets a login and each gets a finding naming the other. Missing emails are findings for
 * parents and staff only: most younger pupils have none, which is normal.
 */
export function assignLogins(candidates: readonly LoginCandidate[]): LoginAssignment {
  const holders = new Map<string, LoginCandidate[]>();
  const findings: Finding[] = [];
  for (const candidate of candidates) {
    const email = normaliseEmail(candidate.email);
    if (email === undefined) {
      if (candidate.kind !== 'student') findings.push(missingEmail(candidate));
    } else if (!isValidEmail(email)) {
      findings.push(invalidEmail(candidate));
    } else {
      const list = holders.get(email);
      if (list) list.push(candidate);
      else holders.set(email, [candidate]);
    }
  }
  const loginEmails = new Map<string, string>();
  for (const [email, sharing] of holders) {
    if (sharing.length === 1) loginEmails.set(sharing[0].userKey, email);
    else for (const candidate of sharing) findings.push(sharedEmail(candidate, sharing));
  }
  return { loginEmails, findings };
}

function missingEmail(candidate: LoginCandidate): Finding {
  return finding(
    candidate,
    EMAIL_FINDING_KINDS.missing,
    'warning',
    `${describeAll(candidate.records)} has no email address, so they are recorded in SchoolsBuddy without a login`,
    `In iSAMS, enter their own email address (${whereToFix(candidate.records)}).`,
  );
}

function invalidEmail(candidate: LoginCandidate): Finding {
  return finding(
    candidate,
    EMAIL_FINDING_KINDS.invalid,
    'warning',
    `${describeAll(candidate.records)} has an email address that is not valid, so they are recorded in SchoolsBuddy without a login`,
    `In iSAMS, correct the email address (one address, no spaces, a full domain such as name@example.com) (${whereToFix(candidate.records)}).`,
  );
}

function sharedEmail(candidate: LoginCandidate, sharing: readonly LoginCandidate[]): Finding {
  const others = sharing.filter((other) => other !== candidate).map((other) => describeAll(other.records));
  return finding(
    candidate,
    EMAIL_FINDING_KINDS.shared,
    'warning',
    `${describeAll(candidate.records)} has the same email address as ${others.join(', ')}; different people cannot share a login, so none of them gets one`,
    `In iSAMS, give each person their own email address (${whereToFix(candidate.records)}).`,
  );
}
