import { insecureAccessUrlProblem } from './insecure-hosts';
import { accessUrlSchema } from './school-input';
import { isamsBaseUrl, withScheme } from './access-url';

const base = (typed: string) => isamsBaseUrl(new URL(withScheme(typed)));

describe('the access URL as a school types it', () => {
  it.each([
    ['yourschool.isams.cloud', 'https://yourschool.isams.cloud'],
    ['  yourschool.isams.cloud/  ', 'https://yourschool.isams.cloud'],
    ['YourSchool.iSAMS.cloud', 'https://yourschool.isams.cloud'],
    ['https://yourschool.isams.cloud/', 'https://yourschool.isams.cloud'],
    ['https://yourschool.isams.cloud/Main/Default.aspx', 'https://yourschool.isams.cloud'],
    ['yourschool.isams.cloud/api/batch/1.0/xml.ashx', 'https://yourschool.isams.cloud'],
    ['https://yourschool.isamshosting.cloud/some/page', 'https://yourschool.isamshosting.cloud'],
    ['mis.school.org/isams', 'https://mis.school.org/isams'],
    ['https://mis.school.org/isams/Main/Login.aspx', 'https://mis.school.org/isams'],
    ['https://mis.school.org/isams/api/batch/1.0/xml.ashx', 'https://mis.school.org/isams'],
    ['https://mis.school.org:8443/', 'https://mis.school.org:8443'],
    ['http://127.0.0.1:8089/', 'http://127.0.0.1:8089'],
  ])('%p → %p', (typed, expected) => {
    expect(base(typed)).toBe(expected);
  });

  it.each([
    ['yourschool.isams.cloud', 'https://yourschool.isams.cloud'],
    ['https://yourschool.isams.cloud/Main/Default.aspx', 'https://yourschool.isams.cloud'],
  ])('school input stores %p as %p', (typed, expected) => {
    const parsed = accessUrlSchema.safeParse(typed);
    expect(parsed.success && parsed.data).toBe(expected);
  });

  it.each([['yourschool'], ['https://yourschool.isams.cloud/?apiKey=abc'], ['ftp://yourschool.isams.cloud']])(
    'still refuses %p',
    (typed) => {
      expect(accessUrlSchema.safeParse(typed).success).toBe(false);
    },
  );

  it('leaves plain http to the registry, which refuses it unless the host is in ISAMS_INSECURE_HOSTS', () => {
    expect(accessUrlSchema.safeParse('http://yourschool.isams.cloud').success).toBe(true);
    expect(insecureAccessUrlProblem('http://yourschool.isams.cloud', [])).toMatch(/^must start with https:\/\//);
  });
});
