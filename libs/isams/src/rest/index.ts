export * from './rest-names';
export * from './rest-call.error';
export * from './rest-token.provider';
export * from './isams-rest.client';
export * from './registration-rest.api';
