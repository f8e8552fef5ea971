export * from './request-attendance';
