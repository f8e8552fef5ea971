export * from './pipeline-session';
export * from './event-tap';
export * from './demo-attendance';
export * from './demo-summary';
export * from './simulator-process';
