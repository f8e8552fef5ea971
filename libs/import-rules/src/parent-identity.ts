import type { ContactRecord } from '@isams-sync/contracts';
import { isValidEmail, normaliseEmail } from './email-rules';
import { compareIds } from './id-order';

/**
 * Contact records that are one person: the same iSAMS PersonId, or the same valid email and the same
 * name (schools often keep one contact record per child). The same email under different names is
 * two people sharing an address (a family email), which the email rules report instead.
 * Returns groups of contacts, each sorted by contact id, in order of their first id.
 */
export function groupSamePersonContacts(contacts: readonly ContactRecord[]): ContactRecord[][] {
  const sorted = [...contacts].sort((a, b) => compareIds(a.isamsId, b.isamsId));
  const parent = sorted.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index])));
  const union = (a: number, b: number) => {
    const [rootA, rootB] = [find(a), find(b)];
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };
  const firstByKey = new Map<string, number>();
  sorted.forEach((contact, index) => {
    for (const key of sameness(contact)) {
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, index);
      else union(first, index);
    }
  });
  const groups = new Map<number, ContactRecord[]>();
  sorted.forEach((contact, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), contact]);
  });
  return [...groups.values()];
}

function sameness(contact: ContactRecord): string[] {
  const keys: string[] = [];
  if (contact.personId !== undefined) keys.push(`person:${contact.personId}`);
  const email = normaliseEmail(contact.email);
  const name = personName(contact.forename, contact.surname);
  if (email !== undefined && isValidEmail(email) && name !== undefined) keys.push(`email-name:${email}|${name}`);
  return keys;
}

/** Case-, accent- and spacing-insensitive full name ("Zoë  O'Brien" = "zoe o'brien"). */
export function personName(forename: string | undefined, surname: string | undefined): string | undefined {
  if (forename === undefined || surname === undefined) return undefined;
  return `${forename} ${surname}`.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
