import { createHash } from 'node:crypto';
import type { PhotoRecord } from '@isams-sync/contracts';
import { BATCH_METHODS, ID_ATTRIBUTES, PHOTO_FIELDS, type XmlElement, type XmlNode } from '@isams-sync/isams';
import { FINDING_KINDS, FindingCollector } from '../findings/finding.collector';
import type { MappingResult } from '../mapping-result';
import { RecordCollector } from '../records/record.collector';
import { setIfPresent } from '../records/set-if-present';
import { fieldText, idOf, recordRef } from '../reading/element-reader';
import { readSection, type SectionMethod } from '../reading/section-reader';
import { INVALID, cleanLocalDateTime } from '../reading/value-cleaning';
import { sniffImageType } from './image-type.sniffer';

/**
 * `PupilManager/PupilPhotos/PupilPhoto[@SchoolId]` and `HRManager/StaffPhotos/StaffPhoto[@StaffId]`
 * → photo records: owner, content type (sent, else recognised from the bytes), byte length, sha256
 * of the image, and the base64 itself (whitespace removed) for storage. Findings never quote it.
 */
export function mapPhotos(root: XmlElement, findings = new FindingCollector('photos')): MappingResult<PhotoRecord> {
  const photos = new RecordCollector<PhotoRecord>(findings);
  mapOwnerPhotos(root, BATCH_METHODS.pupilPhotos, 'student', ID_ATTRIBUTES.schoolId, photos, findings);
  mapOwnerPhotos(root, BATCH_METHODS.staffPhotos, 'staff', ID_ATTRIBUTES.staffId, photos, findings);
  return { records: photos.records, findings: findings.findings };
}

function mapOwnerPhotos(
  root: XmlElement,
  method: SectionMethod,
  ownerKind: PhotoRecord['ownerKind'],
  ownerAttribute: string,
  photos: RecordCollector<PhotoRecord>,
  findings: FindingCollector,
): void {
  const section = readSection(root, method);
  section.items.forEach((item, index) => {
    const ownerId = idOf(item, ownerAttribute);
    const ref = recordRef(section.itemPath, index + 1, { [ownerAttribute]: ownerId });
    if (ownerId === undefined) {
      findings.error(FINDING_KINDS.missingId, {
        recordRef: ref,
        message: `photo has no ${ownerAttribute}, so it cannot be given to anyone; not imported`,
        fix: 'Check the photos Batch output in iSAMS; report it to iSAMS support if the owner id is missing.',
      });
      return;
    }
    const photo = mapPhoto(item, ownerKind, ownerId, ref, findings);
    if (photo) photos.add(photo, ref);
  });
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function mapPhoto(
  item: XmlNode,
  ownerKind: PhotoRecord['ownerKind'],
  ownerId: string,
  ref: string,
  findings: FindingCollector,
): PhotoRecord | undefined {
  const dataBase64 = (fieldText(item, PHOTO_FIELDS.data) ?? '').replace(/\s+/g, '');
  const image = dataBase64.length > 0 && BASE64.test(dataBase64) ? Buffer.from(dataBase64, 'base64') : undefined;
  if (image === undefined || image.length === 0) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: dataBase64.length === 0 ? 'photo has no image data; skipped' : 'photo data is not valid base64; skipped',
      fix: 'Upload the photo again in iSAMS.',
    });
    return undefined;
  }
  const contentType = fieldText(item, PHOTO_FIELDS.contentType) ?? sniffImageType(image);
  if (contentType === undefined) {
    findings.warning(FINDING_KINDS.invalidValue, {
      recordRef: ref,
      message: 'photo has no content type and is not a recognised image (JPEG, PNG, GIF, WebP, BMP); skipped',
      fix: 'Upload the photo again in iSAMS as a JPEG or PNG.',
    });
    return undefined;
  }
  const photo: PhotoRecord = {
    type: 'photo',
    ownerKind,
    ownerId,
    contentType,
    byteLength: image.length,
    sha256: createHash('sha256').update(image).digest('hex'),
    dataBase64,
  };
  const lastUpdated = cleanLocalDateTime(fieldText(item, PHOTO_FIELDS.lastUpdated));
  if (lastUpdated !== INVALID) setIfPresent(photo, 'lastUpdated', lastUpdated);
  return photo;
}
