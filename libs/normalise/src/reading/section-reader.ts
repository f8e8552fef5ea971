import {
  ROOT,
  SECTIONS,
  childElements,
  childNames,
  descendants,
  isXmlElement,
  type XmlElement,
  type XmlNode,
} from '@isams-sync/isams';

export type SectionMethod = keyof typeof SECTIONS;

export interface SectionItems {
  /** `Module/Collection/Item`, for record refs. */
  readonly itemPath: string;
  /** `Module/Collection` */
  readonly sectionPath: string;
  /** At least one collection block was sent (possibly empty). */
  readonly present: boolean;
  /** Items of every block of the section, in document order: repeated sections are merged. */
  readonly items: readonly XmlNode[];
}

/** The items of one Batch method's section, merged across every module and collection block. */
export function readSection(root: XmlElement, method: SectionMethod): SectionItems {
  const [module, collection, item] = SECTIONS[method];
  const blocks = descendants(root, [module, collection]);
  return {
    itemPath: `${module}/${collection}/${item}`,
    sectionPath: sectionPathOf(method),
    present: blocks.length > 0,
    items: blocks.flatMap((block) => childElements(block, item)),
  };
}

export function sectionPathOf(method: SectionMethod): string {
  const [module, collection] = SECTIONS[method];
  return `${module}/${collection}`;
}

/**
 * Every `Module/Collection` the document holds (a module with no collection is listed alone),
 * distinct, in document order, whether or not the sync knows it: the key check reports sections
 * a school ticked by mistake.
 */
export function listSections(root: XmlElement): string[] {
  const found = new Set<string>();
  for (const module of childNames(root)) {
    for (const block of childElements(root, module)) {
      const collections = isXmlElement(block) ? childNames(block) : [];
      if (collections.length === 0) found.add(module);
      for (const collection of collections) found.add(`${module}/${collection}`);
    }
  }
  return [...found];
}

export const BATCH_ROOT = ROOT;
