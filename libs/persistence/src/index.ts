export * from './persistence.module';
export * from './sync-runs/sync-run.schema';
export * from './sync-runs/sync-run.repository';
export * from './sync-runs/sync-runs.module';
