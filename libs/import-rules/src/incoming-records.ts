import type {
  ContactRecord,
  FormRecord,
  HouseRecord,
  NormalisedRecord,
  SetRecord,
  StaffRecord,
  StudentRecord,
  YearGroupRecord,
} from '@isams-sync/contracts';

/** A run's normalised records by type (photos, subjects and medical are not needed for users and groups). */
export interface IncomingRecords {
  students: StudentRecord[];
  contacts: ContactRecord[];
  staff: StaffRecord[];
  yearGroups: YearGroupRecord[];
  forms: FormRecord[];
  houses: HouseRecord[];
  sets: SetRecord[];
}

export function splitRecords(records: Iterable<NormalisedRecord>): IncomingRecords {
  const out: IncomingRecords = {
    students: [],
    contacts: [],
    staff: [],
    yearGroups: [],
    forms: [],
    houses: [],
    sets: [],
  };
  for (const record of records) {
    switch (record.type) {
      case 'student':
        out.students.push(record);
        break;
      case 'contact':
        out.contacts.push(record);
        break;
      case 'staff':
        out.staff.push(record);
        break;
      case 'yearGroup':
        out.yearGroups.push(record);
        break;
      case 'form':
        out.forms.push(record);
        break;
      case 'house':
        out.houses.push(record);
        break;
      case 'set':
        out.sets.push(record);
        break;
      default:
        break;
    }
  }
  return out;
}
