import type { Dataset } from '@isams-sync/isams';

/**
 * Small documents in the shapes real iSAMS answers have, one per dataset, written for this repo
 * from the public evidence (docs/isams.md lists it): the answers recorded from iSAMS's developer demo
 * and the XmlSerializer models of the C# client CraigChamberlain/IsamsBatchApiClient.NET.Core, the
 * XPath of simonbowen/laravel-isams, the ElementTree reads of cranleighschool/isams-tools. Values are
 * invented; element paths, attribute names and value formats are the point. Where no public client
 * shows a shape (contacts' children, photos, medical, departments), the fixture is our documented
 * reading and `GOLDEN_EVIDENCE` says UNCONFIRMED.
 *
 * No declaration: the recorded data answers carry no encoding label.
 */
export const REAL_SHAPES: Readonly<Record<Dataset, string>> = {
  pupils: `<iSAMS>
  <PupilManager>
    <CurrentPupils>
      <Pupil Id="812" PersonId="40211" PersonGuid="5B1D2C3E-0A4F-4E7B-9C21-7D3E2F1A0B9C" DivisionId="2" AcademicHouseId="3" BoardingHouseId="1">
        <SchoolCode>HX0041</SchoolCode>
        <SchoolId>208811447730</SchoolId>
        <UserCode>19HARTA</UserCode>
        <UserName>19harta</UserName>
        <Title/>
        <Forename>Ada</Forename>
        <Surname>Hart</Surname>
        <Middlename>May</Middlename>
        <Initials>A M</Initials>
        <Preferredname>Ada</Preferredname>
        <Fullname>Ada Hart</Fullname>
        <Gender>F</Gender>
        <DOB>2013-02-01T00:00:00</DOB>
        <EmailAddress>ada.hart@school.example</EmailAddress>
        <NCYear>8</NCYear>
        <Form>8H</Form>
        <AcademicHouse>Fry</AcademicHouse>
        <BoardingHouse>West</BoardingHouse>
        <DivisionName>Senior School</DivisionName>
        <Tutor>JSMITH</Tutor>
        <PupilType>Boarder</PupilType>
        <EnrolmentDate>2019-09-04T00:00:00</EnrolmentDate>
        <EnrolmentSchoolYear>2019</EnrolmentSchoolYear>
        <Nationalities>British,Pakistani</Nationalities>
      </Pupil>
    </CurrentPupils>
  </PupilManager>
</iSAMS>`,
  contacts: `<iSAMS>
  <PupilManager>
    <Contacts>
      <Contact Id="3301" PersonId="51177">
        <Title>Mrs</Title>
        <Forename>Ruth</Forename>
        <Surname>Hart</Surname>
        <EmailAddress>ruth.hart@mail.example</EmailAddress>
        <Mobile>07700 900123</Mobile>
        <RelationshipRaw>Mother</RelationshipRaw>
        <Pupils>
          <Pupil Id="812">
            <SchoolId>208811447730</SchoolId>
            <Status>1</Status>
          </Pupil>
        </Pupils>
      </Contact>
    </Contacts>
  </PupilManager>
</iSAMS>`,
  staff: `<iSAMS>
  <HRManager>
    <CurrentStaff>
      <StaffMember Id="77" PersonId="9120" PersonGuid="0C9E8D7F-6A5B-4C3D-2E1F-0A9B8C7D6E5F">
        <Initials>JSM</Initials>
        <UserCode>JSMITH</UserCode>
        <UserName>jsmith</UserName>
        <Title>Mr</Title>
        <Forename>John</Forename>
        <MiddleNames/>
        <Surname>Smith</Surname>
        <FullName>Mr John Smith</FullName>
        <NameInitials>JS</NameInitials>
        <PreferredName>John</PreferredName>
        <Salutation>Mr Smith</Salutation>
        <DOB>1980-04-12T00:00:00</DOB>
        <Gender>M</Gender>
        <SchoolEmailAddress>jsmith@school.example</SchoolEmailAddress>
        <SchoolMobileNumber/>
        <TeachingStaff>1</TeachingStaff>
        <Divisions>
          <Division Id="2">
            <Name>Senior School</Name>
          </Division>
        </Divisions>
      </StaffMember>
      <StaffMember Id="78" PersonId="9121" PersonGuid="1D0F9E8A-7B6C-4D5E-8F9A-0B1C2D3E4F5A">
        <UserCode>KJONES</UserCode>
        <Forename>Kate</Forename>
        <Surname>Jones</Surname>
        <TeachingStaff>0</TeachingStaff>
        <LeavingDate>2026-07-31T00:00:00</LeavingDate>
      </StaffMember>
    </CurrentStaff>
  </HRManager>
</iSAMS>`,
  structure: `<iSAMS>
  <SchoolManager>
    <Years>
      <Year Id="8" TutorId="77">
        <NationalCurriculumYear Legacy="True">8</NationalCurriculumYear>
        <Name>Year 8</Name>
        <Code>Y8</Code>
      </Year>
    </Years>
    <Forms>
      <Form Id="8H" TutorId="77" YearId="8">
        <Tutor Legacy="True">JSMITH</Tutor>
        <NationalCurriculumYear Legacy="True">8</NationalCurriculumYear>
        <Form>8H</Form>
      </Form>
    </Forms>
    <AcademicHouses>
      <House Id="3" HouseMasterId="77">
        <HouseMaster Legacy="True">JSMITH</HouseMaster>
        <Name>Fry</Name>
        <Code>FR</Code>
      </House>
    </AcademicHouses>
    <BoardingHouses>
      <House Id="1" HouseMasterId="78">
        <Name>West</Name>
        <Code>W</Code>
      </House>
    </BoardingHouses>
    <SchoolDivisions>
      <SchoolDivision Id="2">
        <Name>Senior School</Name>
        <Code>SS</Code>
        <Years>
          <Year Id="64" YearId="8">
            <NationalCurriculumYear Legacy="True">8</NationalCurriculumYear>
          </Year>
        </Years>
      </SchoolDivision>
    </SchoolDivisions>
    <Terms>
      <Term Id="1">
        <Name>Michaelmas</Name>
      </Term>
    </Terms>
  </SchoolManager>
</iSAMS>`,
  teaching: `<iSAMS>
  <TeachingManager>
    <Departments>
      <Department Id="4">
        <Name>Science</Name>
        <Subjects>
          <Subject Id="21">
            <Name>Physics</Name>
            <Code>Ph</Code>
          </Subject>
        </Subjects>
      </Department>
    </Departments>
    <Sets>
      <Set Id="301">
        <SetCode>8Ph1</SetCode>
        <Name>8 Physics 1</Name>
        <Teachers>
          <Teacher StaffId="77" PrimaryTeacher="True"/>
          <Teacher StaffId="78" PrimaryTeacher="False"/>
        </Teachers>
      </Set>
    </Sets>
    <SetLists>
      <SetList Id="9001" SetId="301" PupilId="812">
        <SchoolId Legacy="True">208811447730</SchoolId>
      </SetList>
    </SetLists>
  </TeachingManager>
</iSAMS>`,
  photos: `<iSAMS>
  <PupilManager>
    <PupilPhotos>
      <PupilPhoto SchoolId="208811447730">
        <ContentType>image/jpeg</ContentType>
        <LastUpdated>2025-09-01T08:00:00</LastUpdated>
        <Data>/9j/4AAQSkZJRgABAQ==</Data>
      </PupilPhoto>
    </PupilPhotos>
  </PupilManager>
</iSAMS>`,
  medical: `<iSAMS>
  <MedicalManager>
    <PupilMedicalRecords>
      <PupilMedicalRecord Id="55">
        <SchoolId>208811447730</SchoolId>
      </PupilMedicalRecord>
    </PupilMedicalRecords>
  </MedicalManager>
</iSAMS>`,
};

/** Methods no dataset key carries, in their real shapes: the sync reads none of them yet, the simulator serves them. */
export const REAL_METHOD_SHAPES = {
  School_GetPastoralTutors: `<iSAMS>
  <SchoolManager>
    <PastoralTutors>
      <StaffMember Id="77"/>
      <StaffMember Id="78"/>
    </PastoralTutors>
  </SchoolManager>
</iSAMS>`,
  Pupil_GetSiblings: `<iSAMS>
  <PupilManager>
    <Pupils>
      <Pupil Id="812" PersonGuid="5B1D2C3E-0A4F-4E7B-9C21-7D3E2F1A0B9C">
        <SchoolId Legacy="True">208811447730</SchoolId>
        <Status>Current</Status>
        <Siblings>
          <Sibling PupilId="813" PersonGuid="6C2E3D4F-1B5A-4F8C-8D32-8E4F3A2B1C0D">
            <SchoolId Legacy="True">208811447731</SchoolId>
            <Status>Current</Status>
          </Sibling>
        </Siblings>
      </Pupil>
    </Pupils>
  </PupilManager>
</iSAMS>`,
  Registration_GetRegistrationStatus: `<iSAMS>
  <RegistrationManager>
    <RegistrationStatuses>
      <RegistrationStatus Id="1">
        <PupilId>208811447730</PupilId>
        <Registered>1</Registered>
        <Code>/</Code>
      </RegistrationStatus>
    </RegistrationStatuses>
  </RegistrationManager>
</iSAMS>`,
} as const;

/** Which fixtures follow recorded or client-read shapes, and which only our documented reading. */
export const GOLDEN_EVIDENCE: Readonly<Record<Dataset, string>> = {
  pupils:
    'recorded sample Pupil/GetCurrentPupils + C# model PupilManagerCurrentPupil; UserName/EmailAddress read by isams-tools',
  contacts: 'UNCONFIRMED children (Contacts (Advanced) is recorded, its shape is not public); root and item from docs',
  staff: 'recorded sample HumanResources/GetCurrentStaff + C# model StaffMember (DOB, LeavingDate as DateTime)',
  structure:
    'recorded samples School/GetAllYears, GetSchoolForms, GetSchoolDivisions, GetPastoralTutors; Terms from the C# model',
  teaching:
    'Sets/Set, Teachers/Teacher[@StaffId, @PrimaryTeacher], SetLists/SetList[@SetId, @PupilId] from laravel-isams; Departments UNCONFIRMED',
  photos: 'UNCONFIRMED (only the method name and its photos.ashx endpoint are recorded)',
  medical: 'UNCONFIRMED (only the method name Pupil_GetCurrentPupilsHealth is recorded)',
};
