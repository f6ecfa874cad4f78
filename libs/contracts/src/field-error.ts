/** One problem with an input: `path` is dotted (`events.3.leadId`), `message` says what was expected. */
export interface FieldError {
  path: string;
  message: string;
}
