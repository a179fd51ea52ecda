import { describe, expect, it } from 'vitest';
import { CT, Q } from './catalog.js';
import { describeQuery, parseQuery, QuerySyntaxError, toSqlWhere } from '../../../../main/analysis/query/index.js';

// Kibana's `field:(a OR b)`: every bare value in the group applies to the field.
describe('field groups', () => {
  const same = (grouped: string, expanded: string): void => {
    expect(describeQuery(parseQuery(grouped, Q))).toBe(describeQuery(parseQuery(expanded, Q)));
    expect(toSqlWhere(grouped, CT, Q)).toEqual(toSqlWhere(expanded, CT, Q));
  };

  it('expand to the same query as the field written out', () => {
    same('eventName:(StopLogging OR DeleteTrail)', 'eventName:StopLogging OR eventName:DeleteTrail');
    same('eventName:(Get* AND NOT GetObject)', 'eventName:Get* AND NOT eventName:GetObject');
    same('userAgent:("aws-cli/2*" OR Boto3*) AND errorCode:*', '(userAgent:"aws-cli/2*" OR userAgent:Boto3*) AND errorCode:*');
    same('eventName:((Put* OR Create*) -CreateTags)', '(eventName:Put* OR eventName:Create*) AND NOT eventName:CreateTags');
    same('sourceIPAddress:(1.2.3.4 OR 5.6.7.8)', 'sourceIp:1.2.3.4 OR sourceIp:5.6.7.8');
  });

  it('keeps the usual precedence around the group', () => {
    same('readOnly:false eventName:(StopLogging OR DeleteTrail)', 'readOnly:false AND (eventName:StopLogging OR eventName:DeleteTrail)');
  });

  it('rejects what cannot be meant, with positions', () => {
    const error = (text: string): QuerySyntaxError => {
      try {
        parseQuery(text, Q);
      } catch (caught) {
        if (caught instanceof QuerySyntaxError) return caught;
      }
      throw new Error(`no syntax error for ${text}`);
    };
    expect(error('eventName:(StopLogging OR userName:alice)')).toMatchObject({ position: 26 });
    expect(error('eventName:(StopLogging OR userName:alice)').message).toMatch(/values only/);
    expect(error('eventName:()').message).toMatch(/Missing values/);
    expect(error('eventName:(StopLogging OR DeleteTrail').message).toMatch(/Missing "\)"/);
    expect(error('eventName:(StopLogging OR DeleteTrail').position).toBe(10);
    expect(error('nosuchfield:(a OR b)').message).toMatch(/Unknown field/);
    expect(error('readOnly:(true OR maybe)').message).toMatch(/true or false|readOnly/);
  });
});

describe('common full-text terms', () => {
  it('are tested row by row when the caller says they are common, so its ORDER BY index drives the scan', () => {
    const common = toSqlWhere('thumbnailer eventName:PutObject', CT, { ...Q, isCommonText: (q) => q === '"thumbnailer"' });
    expect(common.where).toContain('+events.id IN (SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?)');
    const rare = toSqlWhere('thumbnailer eventName:PutObject', CT, { ...Q, isCommonText: () => false });
    expect(rare.where).not.toContain('+events.id');
    expect(rare.params).toEqual(common.params);
  });
});
