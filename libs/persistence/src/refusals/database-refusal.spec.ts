import { databaseRefusal } from './database-refusal';

describe('databaseRefusal', () => {
  it.each([
    ['22008', 'date/time field value out of range: "0000-01-01T00:00:00Z"'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['23514', 'new row for relation "lead_events" violates check constraint "no_marker"'],
    ['54000', 'index row size 3000 exceeds maximum 2712'],
  ])('treats SQLSTATE %s as a refusal of the data and keeps the database\'s words', (code, message) => {
    expect(databaseRefusal(Object.assign(new Error(message), { code }))).toBe(`SQLSTATE ${code}: ${message}`);
  });

  it.each([
    ['40001', 'could not serialize access due to concurrent update'],
    ['40P01', 'deadlock detected'],
    ['57P01', 'terminating connection due to administrator command'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'],
  ])('treats %s as transient (null: retry as usual)', (code, message) => {
    expect(databaseRefusal(Object.assign(new Error(message), { code }))).toBeNull();
  });

  it('treats an error without a code, or no error object at all, as transient', () => {
    expect(databaseRefusal(new Error('Connection terminated unexpectedly'))).toBeNull();
    expect(databaseRefusal('boom')).toBeNull();
    expect(databaseRefusal(null)).toBeNull();
  });
});
