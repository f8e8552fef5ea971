import type { SeededRandom } from '../random/seeded-random';
import { BOY_NAMES, GIRL_NAMES, MIDDLE_NAMES_F, MIDDLE_NAMES_M, SURNAMES } from './name-pools';

export interface PersonName {
  forename: string;
  surname: string;
  gender: 'M' | 'F';
}

export function randomForename(rng: SeededRandom, gender: 'M' | 'F'): string {
  return rng.pick(gender === 'F' ? GIRL_NAMES : BOY_NAMES);
}

export function randomPerson(rng: SeededRandom, gender?: 'M' | 'F', surname?: string): PersonName {
  const chosen = gender ?? (rng.chance(0.5) ? 'F' : 'M');
  return { forename: randomForename(rng, chosen), surname: surname ?? rng.pick(SURNAMES), gender: chosen };
}

/** '' (many people), a middle name, or a lone space as some imports leave it (`whitespace`). */
export function randomMiddleName(rng: SeededRandom, gender: 'M' | 'F', whitespace: boolean): string {
  if (whitespace) return ' ';
  return rng.chance(0.55) ? rng.pick(gender === 'F' ? MIDDLE_NAMES_F : MIDDLE_NAMES_M) : '';
}

const NICKNAMES: Readonly<Record<string, string>> = {
  Alexander: 'Alex',
  William: 'Will',
  Thomas: 'Tom',
  Isabella: 'Bella',
  Charlotte: 'Lottie',
  Benedict: 'Ben',
  Samuel: 'Sam',
  Eleanor: 'Ellie',
  Sebastian: 'Seb',
  Theodore: 'Teddy',
  Florence: 'Flo',
  Joshua: 'Josh',
  Małgorzata: 'Gosia',
  Ciarán: 'Kieran',
  Matilda: 'Tilly',
};

/** Preferred name: usually the forename, sometimes the nickname the family uses. */
export function preferredNameOf(rng: SeededRandom, forename: string): string {
  const nickname = NICKNAMES[forename];
  return nickname && rng.chance(0.5) ? nickname : forename;
}

export function initialsOf(...parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase())
    .join('');
}

/** A date of birth between `fromYear`-09-01 and (`fromYear`+1)-08-31. */
export function birthDateInSchoolYear(rng: SeededRandom, fromYear: number): string {
  const start = Date.UTC(fromYear, 8, 1);
  const end = Date.UTC(fromYear + 1, 7, 31);
  return new Date(start + rng.int(0, Math.round((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

/** A UK mobile in Ofcom's drama range: never a real number. */
export function randomMobile(rng: SeededRandom): string {
  return `07700 900${rng.digits(3)}`;
}

export function randomLandline(rng: SeededRandom): string {
  return `01632 960${rng.digits(3)}`;
}
