/** The image type a byte signature proves, for photos sent without a content type. */
const SIGNATURES: ReadonlyArray<{ type: string; offset: number; bytes: readonly number[] }> = [
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/gif', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/webp', offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { type: 'image/bmp', offset: 0, bytes: [0x42, 0x4d] },
];

export function sniffImageType(image: Uint8Array): string | undefined {
  const match = SIGNATURES.find(({ offset, bytes }) => bytes.every((byte, index) => image[offset + index] === byte));
  return match?.type;
}
