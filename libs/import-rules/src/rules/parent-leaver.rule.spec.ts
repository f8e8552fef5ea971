import { currentChildren, NO_CURRENT_PUPIL, parentLeaverReason } from './parent-leaver.rule';

const current = new Set(['P1', 'P2']);
const isCurrent = (id: string) => current.has(id);

describe('the parent-leaver rule', () => {
  it.each<[string, string[], string[], typeof NO_CURRENT_PUPIL | undefined]>([
    ['one child, still at school', ['P1'], ['P1'], undefined],
    ['two children, both at school', ['P1', 'P2'], ['P1', 'P2'], undefined],
    ['two children, one left: still a parent, of the one', ['P1', 'X9'], ['P1'], undefined],
    ['the last child left', ['X9'], [], NO_CURRENT_PUPIL],
    ['every child left', ['X8', 'X9'], [], NO_CURRENT_PUPIL],
    ['no linked pupils at all', [], [], NO_CURRENT_PUPIL],
    ['order of the linked pupils is kept', ['P2', 'P1'], ['P2', 'P1'], undefined],
  ])('%s', (_case, linked, children, reason) => {
    expect(currentChildren(linked, isCurrent)).toEqual(children);
    expect(parentLeaverReason(linked, isCurrent)).toBe(reason);
  });
});
