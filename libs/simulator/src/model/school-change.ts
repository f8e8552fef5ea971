/**
 * Everything the simulated school does to its data, in order. Tests compute the expected result of a
 * sync from these (or from the plain data), never by parsing the simulator's XML.
 */
interface ChangeBase {
  /** 1-based, in the order the changes happened */
  seq: number;
  /** the school day the change belongs to */
  day: string;
}

export type SchoolChange =
  | (ChangeBase & { type: 'joiner'; schoolId: string; pupilId: number; ncYear: number; form: string; familyId: number })
  | (ChangeBase & { type: 'leaver'; schoolId: string; pupilId: number; ncYear: number })
  | (ChangeBase & { type: 'form-move'; schoolId: string; from: string; to: string })
  | (ChangeBase & { type: 'house-move'; schoolId: string; kind: 'academic' | 'boarding'; from: string; to: string })
  | (ChangeBase & {
      type: 'email-change';
      subject: 'pupil' | 'contact' | 'staff';
      id: string;
      from: string;
      to: string;
    })
  | (ChangeBase & { type: 'new-contact'; contactId: number; relationship: string; schoolIds: readonly string[] })
  | (ChangeBase & { type: 'staff-joiner'; staffId: number; teaching: boolean })
  | (ChangeBase & { type: 'staff-leaver'; staffId: number; leavingDate: string; removedFromFeed: boolean })
  | (ChangeBase & {
      type: 'rollover';
      fromAcademicYear: number;
      toAcademicYear: number;
      movedUp: number;
      leaverSchoolIds: readonly string[];
      joinerSchoolIds: readonly string[];
    })
  | (ChangeBase & { type: 'register-retake'; registrationPeriodId: number; version: number })
  | (ChangeBase & { type: 'scenario'; name: string });

export type SchoolChangeType = SchoolChange['type'];

/** A change before it is numbered (day advance and scenarios build these). */
export type NewChange = SchoolChange extends infer C ? (C extends SchoolChange ? Omit<C, 'seq'> : never) : never;
