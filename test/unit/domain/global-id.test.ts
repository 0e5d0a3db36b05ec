import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromGlobalId, toGlobalId } from '../../../src/domain/global-id.js';

describe('global ids', () => {
  it('round-trips a type and a local id', () => {
    const id = toGlobalId('Transaction', '0b7e5d1c-3f7a-4d2e-9a61-5f0c2a8e4b13');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromGlobalId(id)).toEqual({ type: 'Transaction', id: '0b7e5d1c-3f7a-4d2e-9a61-5f0c2a8e4b13' });
  });

  it('keeps separators and non-ASCII text in the local id', () => {
    expect(fromGlobalId(toGlobalId('Wallet', 'nupeye:+91 98765:43210'))).toEqual({
      type: 'Wallet',
      id: 'nupeye:+91 98765:43210',
    });
    expect(fromGlobalId(toGlobalId('User', 'सुनिता'))).toEqual({ type: 'User', id: 'सुनिता' });
  });

  it('round-trips any type without a colon and any non-empty local id', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((type) => !type.includes(':')),
        fc.string({ unit: 'grapheme', minLength: 1 }),
        (type, localId) => {
          expect(fromGlobalId(toGlobalId(type, localId))).toEqual({ type, id: localId });
        },
      ),
    );
  });

  it.each([
    ['an empty string', ''],
    ['text that is not base64url', '!!!***'],
    ['no separator', Buffer.from('Transaction').toString('base64url')],
    ['an empty type', Buffer.from(':abc').toString('base64url')],
    ['an empty local id', Buffer.from('Transaction:').toString('base64url')],
  ])('answers undefined for %s', (_label, garbage) => {
    expect(fromGlobalId(garbage)).toBeUndefined();
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (garbage) => {
        const decoded = fromGlobalId(garbage);
        if (decoded) {
          expect(decoded.type.length).toBeGreaterThan(0);
          expect(decoded.id.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
