/**
 * How the simulator writes its Batch answers. `real` is what the public evidence shows a real iSAMS
 * sends (docs/isams.md): no utf-16 label on data answers, one `CurrentPupils` block, `Id` spelt so,
 * empty dates and numbers left out. `hostile` turns on the quirks kept for parser hardening, which
 * nobody has shown from a real school but which our parser must survive. Only the bytes change:
 * the transformer reads both profiles to the same records.
 */
export const PROFILE_NAMES = ['real', 'hostile'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface WireProfile {
  name: ProfileName;
  /** declare `encoding="utf-16"` over UTF-8 bytes on pupils, contacts, staff and photos (C# and PHP clients refuse it) */
  utf16Label: boolean;
  /** write `CurrentPupils` as two blocks, juniors then seniors */
  splitBlocks: boolean;
  /** spell the id attribute `id` on the ~1% of records the school data marks */
  lowerCaseIds: boolean;
  /** write an empty date or number as `<LeavingDate/>` instead of leaving the element out (C#: "'' is not a valid AllXsd value") */
  emptyElements: boolean;
  /** keep whitespace-only values (`&#x20;`); the real profile writes them as empty elements */
  whitespaceEntities: boolean;
}

export const WIRE_PROFILES: Readonly<Record<ProfileName, WireProfile>> = {
  real: {
    name: 'real',
    utf16Label: false,
    splitBlocks: false,
    lowerCaseIds: false,
    emptyElements: false,
    whitespaceEntities: false,
  },
  hostile: {
    name: 'hostile',
    utf16Label: true,
    splitBlocks: true,
    lowerCaseIds: true,
    emptyElements: true,
    whitespaceEntities: true,
  },
};

export const DEFAULT_PROFILE: ProfileName = 'real';

export function isProfileName(value: unknown): value is ProfileName {
  return typeof value === 'string' && (PROFILE_NAMES as readonly string[]).includes(value);
}

export function wireProfile(name: ProfileName): WireProfile {
  return WIRE_PROFILES[name];
}
