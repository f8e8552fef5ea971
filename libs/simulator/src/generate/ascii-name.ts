/** Letters NFD cannot split into base + accent. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  đ: 'd',
  Đ: 'D',
};

/** "Siobhán Ó Súilleabháin" → "siobhanosuilleabhain": what a school's IT makes of a name for usernames and emails. */
export function asciiSlug(text: string): string {
  return text
    .replace(/[łŁøØßæÆđĐ]/g, (letter) => SPECIAL_LETTERS[letter] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A set of addresses or codes that hands out a unique variant (`name`, `name2`, `name3`…). */
export class UniqueNames {
  private readonly used = new Set<string>();

  constructor(initial: Iterable<string> = []) {
    for (const name of initial) this.used.add(name.toLowerCase());
  }

  take(base: string, build: (suffix: string) => string = (suffix) => `${base}${suffix}`): string {
    for (let n = 1; ; n++) {
      const candidate = build(n === 1 ? '' : String(n));
      if (!this.used.has(candidate.toLowerCase())) {
        this.used.add(candidate.toLowerCase());
        return candidate;
      }
    }
  }

  has(name: string): boolean {
    return this.used.has(name.toLowerCase());
  }

  add(name: string): void {
    this.used.add(name.toLowerCase());
  }
}
