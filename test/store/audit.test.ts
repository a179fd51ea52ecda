import { describe, expect, it } from 'vitest';
import { openCase } from '../../main/store/open-case.js';
import { appendAudit, listAudit, verifyAuditChain } from '../../main/store/audit.js';

describe('audit log', () => {
  it('chains entries and detects edits and deletions', () => {
    const db = openCase(':memory:');
    appendAudit(db, 'cli', 'ingest.start', { paths: ['/evidence'] });
    appendAudit(db, 'analyst', 'annotation.set', { id: 1, starred: true });
    appendAudit(db, 'cli', 'ingest.finish', { inserted: 10 });
    expect(verifyAuditChain(db)).toEqual([]);
    expect(listAudit(db).map((entry) => entry.action)).toEqual(['ingest.start', 'annotation.set', 'ingest.finish']);

    db.prepare(`UPDATE audit_log SET detail = '{"id":1,"starred":false}' WHERE id = 2`).run();
    expect(verifyAuditChain(db)).toEqual(['audit entry 2: content does not match its hash (edited)']);

    db.prepare(`DELETE FROM audit_log WHERE id = 2`).run();
    expect(verifyAuditChain(db)).toEqual(['audit entry 3: chain broken (previous entry changed or removed)']);
  });
});
