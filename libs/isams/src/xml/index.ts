export * from './xml-parse.error';
export * from './xml-limits';
export * from './xml-node';
export * from './xml-bytes.decoder';
export * from './isams-array-paths';
export * from './isams-xml-parser.factory';
export * from './isams-error-message.parser';
