/**
 * Data-quality problems a real school has, as rates (0..1 of the records they apply to). A rate above
 * zero always produces at least one case, so even a 60-pupil test school shows every problem; set a
 * rate to 0 to switch a problem off.
 */
export interface DataQualityRates {
  /** parental contacts with no email at all */
  contactWithoutEmail: number;
  /** parental contacts whose email is not a valid address ("n/a", "jane@gmail", two @…) */
  invalidContactEmail: number;
  /** two-parent families where both parents share one family email */
  sharedFamilyEmail: number;
  /** staff who are also a parent at the school, with the same email on both records */
  staffParent: number;
  /** unrelated contacts (different families) that share an email: not the same person */
  sameEmailDifferentPeople: number;
  /** pupils in Year 3 and above without their own email (younger pupils never have one) */
  pupilWithoutEmail: number;
  /** records whose id attribute is spelt `id` */
  lowerCaseId: number;
  /** optional text fields written as a single space (`&#x20;`) */
  whitespaceOnlyValue: number;
  /** register rows repeated for the same pupil and period (reported by integrators) */
  duplicateRegisterRow: number;
  /**
   * A second (junior) campus whose years 1–6 are separate iSAMS years (ids 101–106). Their display
   * names are `"05 Campus 1"`/`"05 Campus 2"` (`suffixed`) or both `"05"` (`duplicate`); `none` gives
   * one campus named "Year 5".
   */
  campusYearNames: 'none' | 'suffixed' | 'duplicate';
}

export const DEFAULT_DATA_QUALITY: Readonly<DataQualityRates> = {
  contactWithoutEmail: 0.05,
  invalidContactEmail: 0.02,
  sharedFamilyEmail: 0.06,
  staffParent: 0.04,
  sameEmailDifferentPeople: 0.004,
  pupilWithoutEmail: 0.03,
  lowerCaseId: 0.01,
  whitespaceOnlyValue: 0.03,
  duplicateRegisterRow: 0.01,
  campusYearNames: 'duplicate',
};

export function resolveDataQuality(overrides: Partial<DataQualityRates> | undefined): DataQualityRates {
  const rates = { ...DEFAULT_DATA_QUALITY, ...(overrides ?? {}) };
  for (const [name, value] of Object.entries(rates)) {
    if (typeof value === 'number' && !(value >= 0 && value <= 1)) {
      throw new RangeError(`dataQuality.${name} must be between 0 and 1, got ${value}`);
    }
  }
  if (!['none', 'suffixed', 'duplicate'].includes(rates.campusYearNames)) {
    throw new RangeError(`dataQuality.campusYearNames must be none, suffixed or duplicate`);
  }
  return rates;
}

/** How many of `population` records a rate touches: at least one whenever the rate is above zero. */
export function casesFor(rate: number, population: number): number {
  if (rate <= 0 || population <= 0) return 0;
  return Math.min(population, Math.max(1, Math.round(rate * population)));
}
