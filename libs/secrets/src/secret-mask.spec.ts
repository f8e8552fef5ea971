import { maskSecret } from './secret-mask';

describe('maskSecret', () => {
  it.each([
    ['11111111-2222-3333-4444-555555555555', '••••5555'],
    ['abcdefghijklmnop', '••••mnop'],
    ['abcdefghijklmno', '••••'],
    ['short', '••••'],
    ['', '••••'],
  ])('masks %j as %j', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});
