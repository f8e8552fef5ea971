const label = (schoolId: string | undefined) => (schoolId ? `school '${schoolId}'` : 'school');

/** The input (or the school it would produce) is invalid. Each problem is `field.path: what is wrong`. */
export class SchoolValidationError extends Error {
  constructor(
    readonly schoolId: string | undefined,
    readonly problems: readonly string[],
  ) {
    super(`${label(schoolId)}: invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SchoolValidationError';
  }
}

export class SchoolNotFoundError extends Error {
  constructor(readonly schoolId: string) {
    super(`${label(schoolId)} does not exist (see 'isams-sync school list')`);
    this.name = 'SchoolNotFoundError';
  }
}

export class SchoolExistsError extends Error {
  constructor(readonly schoolId: string) {
    super(`${label(schoolId)} already exists (use 'isams-sync school update --id ${schoolId}' to change it)`);
    this.name = 'SchoolExistsError';
  }
}

/** Someone else changed the school between our read and our write; nothing was written. */
export class SchoolChangedError extends Error {
  constructor(readonly schoolId: string) {
    super(`${label(schoolId)} was changed by someone else meanwhile; nothing was written, run the update again`);
    this.name = 'SchoolChangedError';
  }
}
