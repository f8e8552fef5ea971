/**
 * Names a British independent school really holds: mostly plain ASCII, with enough accents,
 * apostrophes, hyphens and non-Latin-1 letters to break code that assumes otherwise.
 */
export const GIRL_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Freya',
  'Willow', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Charlotte', 'Harper', 'Sienna', 'Matilda', 'Daisy',
  'Phoebe', 'Alice', 'Imogen', 'Beatrix', 'Hannah', 'Eleanor', 'Esme', 'Zoë', 'Chloë', 'Siobhán', 'Niamh',
  'Aoife', 'Renée', 'Léa', 'Maëlle', 'Małgorzata', 'Zsófia', 'Anaïs', 'Inès', 'Priya', 'Aisha', 'Mei',
  'Yasmin', 'Saoirse', 'Björg', 'Nguyệt', 'Ruth',
] as const;

export const BOY_NAMES = [
  'Oliver', 'George', 'Arthur', 'Noah', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Archie', 'Henry', 'Theodore',
  'Freddie', 'Jack', 'Charlie', 'Finley', 'Alfie', 'Thomas', 'William', 'Edward', 'Hugo', 'Rupert', 'Jasper',
  'Max', 'Samuel', 'Joshua', 'Benedict', 'Felix', 'Sebastian', 'James', 'Alexander', 'José', 'Björn', 'Søren',
  'Łukasz', 'Seán', 'Ciarán', 'Oisín', 'Mateo', 'Rafael', 'Zoltán', 'Jürgen', 'Raj', 'Arjun', 'Kwame', 'Wei',
  'Tomás', 'Eoin', 'Dónal', 'Jean-Luc', 'Ali',
] as const;

export const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts',
  'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris',
  'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark',
  'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker',
  'Price', 'Bennett', 'Young', 'Griffiths', "O'Brien", "O'Connor", "D'Souza", "O'Neill", 'Smith-Jones',
  'Fortescue-Brown', 'Ní Bhriain', 'MacDonald', 'McAllister', 'Nguyễn', 'Müller', 'Łukaszewicz', 'García',
  'Fernández', 'Kowalski', 'Øvergaard', 'Björklund', 'Chaudhry', 'Okonkwo', 'Van der Berg', 'de la Cruz',
  'Ó Súilleabháin', 'Zhang', 'Kim', 'Ahmed', 'Begum', 'Kaur', 'Singh', 'Nakamura', 'Rossi', 'Dubois',
] as const;

export const MIDDLE_NAMES_F = ['Rose', 'Mae', 'Elizabeth', 'Louise', 'Grace', 'Anne', 'Marie', 'Jane', 'Hope', 'Maria', 'Zoë', 'Siân'] as const;
export const MIDDLE_NAMES_M = ['James', 'Alexander', 'John', 'Edward', 'Thomas', 'William', 'Francis', 'José', 'Rhodri', 'Seán'] as const;

export const STREETS = [
  'High Street', 'Church Lane', 'Station Road', 'The Green', 'Mill Lane', 'Victoria Road', "St John's Close",
  'Queen\u2019s Avenue', 'Orchard Way', 'Manor Farm', 'Rue de la Paix', 'Bishop\'s Walk',
] as const;

/** Town, county, postcode area ('' abroad), country. */
export const TOWNS = [
  ['Guildford', 'Surrey', 'GU', 'United Kingdom'], ['Oxford', 'Oxfordshire', 'OX', 'United Kingdom'],
  ['Tunbridge Wells', 'Kent', 'TN', 'United Kingdom'], ['Harrogate', 'North Yorkshire', 'HG', 'United Kingdom'],
  ['Cheltenham', 'Gloucestershire', 'GL', 'United Kingdom'], ['Bath', 'Somerset', 'BA', 'United Kingdom'],
  ['Winchester', 'Hampshire', 'SO', 'United Kingdom'], ['St Albans', 'Hertfordshire', 'AL', 'United Kingdom'],
  ['Henley-on-Thames', 'Oxfordshire', 'RG', 'United Kingdom'], ['Hong Kong', '', '', 'Hong Kong'],
  ['Genève', '', '', 'Switzerland'], ['Dubai', '', '', 'United Arab Emirates'],
] as const;

export const STAFF_ROLES_TEACHING = [
  'Teacher', 'Head of Department', 'Form Tutor', 'Head of Year', 'Housemaster', 'Director of Studies',
  'Teacher of Mathematics', 'SENCo', 'Deputy Head (Academic)',
] as const;

export const STAFF_ROLES_SUPPORT = [
  'Bursar', 'Receptionist', 'School Nurse', 'Groundsman', 'IT Technician', 'Lab Technician', 'Catering Manager',
  'Registrar', 'Matron', 'Librarian', 'Admissions & Marketing Officer',
] as const;

/** Departments and their subjects, with codes (leading zeros appear in some schools' codes). */
export const DEPARTMENTS = [
  ['English', 'EN', [['English', 'En'], ['English Literature', 'EnL'], ['Drama & Theatre Studies', 'Dr']]],
  ['Mathematics', 'MA', [['Mathematics', 'Ma'], ['Further Mathematics', 'FMa']]],
  ['Science', 'SC', [['Biology', 'Bi'], ['Chemistry', 'Ch'], ['Physics', 'Ph']]],
  ['Modern Languages', 'ML', [['French', 'Fr'], ['Spanish', 'Sp'], ['German', 'Ge'], ['Mandarin', 'Mn']]],
  ['Humanities', 'HU', [['History', 'Hi'], ['Geography', 'Gg'], ['Religious Studies', 'RS']]],
  ['Classics', 'CL', [['Latin', 'La'], ['Greek', 'Gk']]],
  ['Creative Arts', 'CA', [['Art & Design', 'Ar'], ['Music', 'Mu'], ['Design Technology', 'DT']]],
  ['Computing', 'CO', [['Computer Science', 'Cs']]],
  ['Physical Education', 'PE', [['Physical Education', 'PE'], ['Games', 'Gm']]],
  ['Economics & Business', 'EB', [['Economics', 'Ec'], ['Business', 'Bu']]],
] as const;

export const ACADEMIC_HOUSES = [
  ['Churchill', 'CH'], ['Nightingale', 'NI'], ['Brunel', 'BR'], ['Austen', 'AU'], ['Darwin', 'DA'], ['Seacole', 'SE'],
] as const;

export const BOARDING_HOUSES = [
  ['School House', 'SH'], ["St Mary's", 'SM'], ['The Grange', 'GR'], ['Ashby', 'AS'], ['Windsor', 'WI'],
] as const;

export const CONDITIONS = [
  ['Asthma', 'Moderate', 'Uses a blue inhaler before games & PE'],
  ['Type 1 Diabetes', 'Severe', 'Insulin pump; hypo kit in the medical room'],
  ['Epilepsy', 'Severe', 'Care plan held by the School Nurse'],
  ['Eczema', 'Mild', 'Emollient cream at lunch'],
  ['Hay fever', 'Mild', 'Antihistamine in summer term'],
  ['ADHD', 'Moderate', 'Medication given at breakfast by Matron'],
] as const;

export const ALLERGIES = [
  ['Peanuts', 'Severe', 'Anaphylaxis — two EpiPens carried'],
  ['Tree nuts', 'Severe', 'Anaphylaxis'],
  ['Penicillin', 'Moderate', 'Rash'],
  ['Dairy', 'Mild', 'Stomach upset'],
  ['Shellfish', 'Moderate', 'Hives & swelling'],
  ['Bee stings', 'Severe', 'Anaphylaxis'],
] as const;

export const MEDICATIONS = [
  ['Salbutamol inhaler', '2 puffs as required'],
  ['Cetirizine', '10 mg daily'],
  ['Adrenaline auto-injector', '0.3 mg as required'],
  ['Methylphenidate', '18 mg each morning'],
] as const;

export const DIETS = ['Vegetarian', 'Vegan', 'Halal', 'Kosher', 'Gluten free', 'No pork', 'Nut free'] as const;
