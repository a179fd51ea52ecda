import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from '../../../../main/ingest/sources/iam/credential-report.js';
import { IamParseError } from '../../../../main/ingest/sources/iam/parse-error.js';
import { evidenceText } from './evidence.js';

describe('parseCredentialReport', () => {
  // grep -c '' DERIVED_credential-report.csv → 4 lines: header + 3 rows.
  const csv = evidenceText('duo-labs-cloudmapper/DERIVED_credential-report.csv');

  it('parses the CSV: 3 rows, root first, values kept as written', () => {
    const rows = parseCredentialReport(csv);
    // cut -d, -f1,2,8,9 DERIVED_credential-report.csv
    expect(rows.map((r) => [r.user, r.arn, r.fields.mfa_active, r.fields.access_key_1_active])).toEqual([
      ['<root_account>', 'arn:aws:iam::123456789012:root', 'true', 'true'],
      ['auditor_tmp', 'arn:aws:iam::123456789012:user/auditor_tmp', 'false', 'true'],
      ['user', 'arn:aws:iam::123456789012:user/user', 'false', 'true'],
    ]);
    expect(rows[0]?.fields.password_enabled).toBe('not_supported');
    expect(rows[1]?.fields.password_last_used).toBe('N/A');
    // head -1 | tr , '\n' | wc -l → 22 columns
    expect(Object.keys(rows[0]?.fields ?? {})).toHaveLength(22);
  });

  it('parses the cloudmapper JSON (Content already CSV) to the same rows', () => {
    expect(
      parseCredentialReport(
        evidenceText('duo-labs-cloudmapper/account-data/demo/us-east-1/iam-get-credential-report.json'),
      ),
    ).toEqual(parseCredentialReport(csv));
  });

  it('parses the real API shape (Content base64)', () => {
    const api = JSON.stringify({
      Content: Buffer.from(csv).toString('base64'),
      ReportFormat: 'text/csv',
      GeneratedTime: '2019-05-07T15:40:00Z',
    });
    expect(parseCredentialReport(api)).toEqual(parseCredentialReport(csv));
  });

  it('refuses other text', () => {
    expect(() => parseCredentialReport('name,age\nx,1')).toThrow(IamParseError);
    expect(() => parseCredentialReport('{"Content": "!!!"}')).toThrow(/neither CSV nor base64/);
    expect(() => parseCredentialReport('{"Content": ')).toThrow(/not valid JSON/);
  });
});
