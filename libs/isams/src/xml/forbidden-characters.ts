/**
 * Characters XML 1.0 forbids, raw or as numeric references (`&#0;`, `&#xD800;`, `&#xFFFFFFFF;`,
 * control characters pasted into a notes field). The decision: replace each with U+FFFD and count
 * them, rather than refuse a whole night's dataset for one stray character; the count is reported
 * so the mapping can raise a warning. NUL never survives (MongoDB-compatible stores reject it).
 *
 * Applied only after the strict check has failed on such a character, so clean documents (all of
 * them, in practice) never pay for the extra pass. Text inside CDATA sections is treated the same.
 */
import { isXmlChar } from './xml-entity.decoder';

const REPLACEMENT = '\uFFFD';
// Raw C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, and unpaired surrogates.
const FORBIDDEN_RAW =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUMERIC_REFERENCE = /&#(?:([0-9]+)|x([0-9A-Fa-f]+));/g;

export function replaceForbiddenCharacters(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const withoutRaw = text.replace(FORBIDDEN_RAW, () => {
    replaced++;
    return REPLACEMENT;
  });
  const withoutReferences = withoutRaw.replace(NUMERIC_REFERENCE, (reference, decimal?: string, hex?: string) => {
    const digits = decimal ?? hex ?? '';
    const tooLong = digits.replace(/^0+/, '').length > (decimal !== undefined ? 7 : 6);
    const codePoint = tooLong ? -1 : Number.parseInt(digits, decimal !== undefined ? 10 : 16);
    if (isXmlChar(codePoint)) return reference;
    replaced++;
    return '&#xFFFD;';
  });
  return { text: withoutReferences, replaced };
}
