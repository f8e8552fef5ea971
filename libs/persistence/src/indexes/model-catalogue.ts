import type { ModelDefinition } from '@nestjs/mongoose';
import { ATTENDANCE_MODELS } from '../attendance/attendance.module';
import { DIRECTORY_MODELS } from '../directory/directory.module';
import { NORMALISED_MODELS } from '../normalised/normalised-records.module';
import { SCHOOL_MODELS } from '../schools/schools.module';
import { SNAPSHOT_MODELS } from '../snapshots/snapshots.module';
import { SYNC_RUN_MODELS } from '../sync-runs/sync-runs.module';

/** Every model any app stores, with the indexes its schema declares: what `isams-sync db ensure-indexes` creates. */
export const MODEL_CATALOGUE: readonly ModelDefinition[] = [
  ...SCHOOL_MODELS,
  ...SYNC_RUN_MODELS,
  ...SNAPSHOT_MODELS,
  ...NORMALISED_MODELS,
  ...DIRECTORY_MODELS,
  ...ATTENDANCE_MODELS,
];
