import { describe, expect, it } from 'vitest';
import { hashWithoutToken } from '../../../renderer/api';
import { decodePlace, EMPTY_PLACE, encodePlace, sameSearch, type Place } from '../../../renderer/lib/url-state';

describe('url state', () => {
  const places: Place[] = [
    EMPTY_PLACE,
    { query: 'eventName:ConsoleLogin AND NOT sourceIp:"203.0.113.9"', order: 'asc' },
    { query: 'a & b = c # d % e + f', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 2), order: 'desc' },
    { query: 'ünïcödé "quoted" \\ back', order: 'asc', columns: ['time', 'eventName', 'userName'], event: 42 },
    { query: '', from: -86_400_000, order: 'asc' },
    { query: 'srcIp:10.0.1.10 OR dstIp:10.0.1.10', order: 'asc', view: 'flows' },
    { query: '', order: 'asc', view: 'identity', seed: 'arn:aws:iam::111122223333:user/dev & co=#' },
    { query: 'x', order: 'desc', view: 'evidence', seed: 'AKIADEVLEAKEDKEY0001', event: 7 },
    { query: '', order: 'asc', view: 'report' },
    { query: 'starred:true', order: 'asc', view: 'report', event: 12 },
  ];

  for (const place of places) {
    it(`round-trips ${JSON.stringify(place)}`, () => {
      const hash = encodePlace(place);
      expect(hash.startsWith('#')).toBe(false);
      expect(decodePlace(`#${hash}`)).toEqual(place);
      expect(decodePlace(hash)).toEqual(place);
    });
  }

  it('writes nothing for the empty place and leaves defaults out', () => {
    expect(encodePlace(EMPTY_PLACE)).toBe('');
    expect(encodePlace({ query: 'x', order: 'asc' })).toBe('q=x');
  });

  it('drops what is malformed instead of trusting it', () => {
    expect(decodePlace('#from=yesterday&to=1e3&order=sideways&ev=-4&cols=time,<b>,eventName,time')).toEqual({
      query: '',
      order: 'asc',
      columns: ['time', 'eventName'],
    });
    // A range that ends before it starts keeps only its start.
    expect(decodePlace('#from=10&to=5')).toEqual({ query: '', order: 'asc', from: 10 });
    expect(decodePlace('#ev=99999999999999999999')).toEqual({ query: '', order: 'asc' });
  });

  it('leaves the default view out and refuses unknown views and oversized seeds', () => {
    expect(encodePlace({ query: '', order: 'asc', view: 'timeline' })).toBe('');
    expect(decodePlace('#view=admin&seed=%20%20')).toEqual({ query: '', order: 'asc' });
    expect(decodePlace(`#view=identity&seed=${'a'.repeat(3000)}`)).toEqual({ query: '', order: 'asc', view: 'identity' });
  });

  it('tells a new search from the same search in another view', () => {
    const base: Place = { query: 'x', order: 'asc' };
    expect(sameSearch(base, { ...base, event: 3, columns: ['time'] })).toBe(true);
    expect(sameSearch(base, { ...base, from: 1 })).toBe(false);
    expect(sameSearch(base, { ...base, order: 'desc' })).toBe(false);
  });

  it('lives beside the bridge token, which is taken out of what is shown', () => {
    const hash = `#token=s3cret&${encodePlace(places[2] as Place)}`;
    expect(decodePlace(hash)).toEqual(places[2]);
    expect(hashWithoutToken(hash)).toBe(`#${encodePlace(places[2] as Place)}`);
    expect(hashWithoutToken('#token=s3cret')).toBe('');
  });
});
