import {
  DEPARTMENT_FIELDS,
  ID_ATTRIBUTES,
  LEGACY_ATTRIBUTE,
  LEGACY_REFERENCE_FIELDS,
  SECTIONS,
  TEACHING_FIELDS,
} from '@isams-sync/isams';
import { close, collection, element, open } from '../../xml/xml-text';
import { idAttribute, staffById, type RenderContext } from '../render-context';

export function* departmentsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Teaching_GetDepartmentsAndSubjects;
  const [subjectsName, subjectName] = TEACHING_FIELDS.subjects;
  yield* collection(
    depth,
    name,
    data.departments.map((department) => {
      let out =
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: department.id }) +
        element(depth + 2, TEACHING_FIELDS.departmentName, department.name) +
        element(depth + 2, DEPARTMENT_FIELDS.code, department.code) +
        open(depth + 2, subjectsName);
      for (const subject of department.subjects) {
        out +=
          open(depth + 3, subjectName, { [ID_ATTRIBUTES.id]: subject.id }) +
          element(depth + 4, TEACHING_FIELDS.subjectName, subject.name) +
          element(depth + 4, TEACHING_FIELDS.subjectCode, subject.code) +
          close(depth + 3, subjectName);
      }
      return out + close(depth + 2, subjectsName) + close(depth + 1, item);
    }),
  );
}

/**
 * Sets list their teachers by `Teachers/Teacher[@StaffId, @PrimaryTeacher="True"|"False"]` (the
 * spelling laravel-isams selects on); beside them sits the
 * old `Teacher Legacy="True"` child holding the primary teacher's UserCode.
 */
export function* setsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Teaching_GetTeachingSets;
  const [teachersName, teacherName] = TEACHING_FIELDS.teachers;
  const staff = staffById(data);
  yield* collection(
    depth,
    name,
    (function* () {
      for (const set of data.sets) {
        let out =
          open(depth + 1, item, {
            [ID_ATTRIBUTES.id]: set.id,
            [ID_ATTRIBUTES.subjectId]: set.subjectId,
            [ID_ATTRIBUTES.yearId]: set.yearId,
          }) +
          element(depth + 2, TEACHING_FIELDS.setCode, set.setCode) +
          element(depth + 2, TEACHING_FIELDS.setName, set.name) +
          element(depth + 2, TEACHING_FIELDS.setNumber, set.setNumber) +
          element(depth + 2, TEACHING_FIELDS.block, set.block) +
          element(
            depth + 2,
            LEGACY_REFERENCE_FIELDS.setTeacher,
            staff.get(set.teachers[0]?.staffId ?? 0)?.userCode ?? '',
            { [LEGACY_ATTRIBUTE]: 'True' },
          ) +
          open(depth + 2, teachersName);
        for (const teacher of set.teachers) {
          out += element(depth + 3, teacherName, '', {
            [ID_ATTRIBUTES.staffId]: teacher.staffId,
            [ID_ATTRIBUTES.primaryTeacher]: teacher.primary ? 'True' : 'False',
          });
        }
        yield out + close(depth + 2, teachersName) + close(depth + 1, item);
      }
    })(),
  );
}

/** Set lists name the pupil by `PupilId` (the pupil's Id attribute), with a Legacy SchoolId child. */
export function* setListsSection({ data, profile }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Teaching_GetTeachingSetLists;
  yield* collection(
    depth,
    name,
    (function* () {
      for (const entry of data.setLists) {
        yield (
          open(depth + 1, item, {
            ...idAttribute(profile, entry, entry.id),
            [ID_ATTRIBUTES.setId]: entry.setId,
            [ID_ATTRIBUTES.pupilId]: entry.pupilId,
          }) +
          element(depth + 2, TEACHING_FIELDS.setListSchoolId, entry.schoolId, { [LEGACY_ATTRIBUTE]: 'True' }) +
          close(depth + 1, item)
        );
      }
    })(),
  );
}

/** `TeachingForms/TeachingForm[@Id=name, @YearId]` with `Form`: the shape is UNCONFIRMED (only the method name is recorded). */
export function* teachingFormsSection({ data }: RenderContext, depth: number): Generator<string> {
  const [, name, item] = SECTIONS.Teaching_GetTeachingForms;
  yield* collection(
    depth,
    name,
    data.forms.map(
      (form) =>
        open(depth + 1, item, { [ID_ATTRIBUTES.id]: form.name, [ID_ATTRIBUTES.yearId]: form.yearId }) +
        element(depth + 2, 'Form', form.name) +
        close(depth + 1, item),
    ),
  );
}
