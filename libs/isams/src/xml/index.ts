export * from './xml-parse.error';
export * from './xml-limits';
export * from './xml-node';
export * from './xml-bytes.decoder';
export * from './isams-array-paths';
export * from './safe-names';
export { XML_ENGINES, type XmlEngine } from './tree-builders/xml-tree-builder';
export * from './isams-xml-parser.factory';
export * from './isams-error-message.parser';
