/** docs/events.md: a native request is at most 1 MiB; Fastify refuses a larger body with a 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
