const SEGMENT_PATH = /^\/v1\/(?:track|identify|page|screen|group|alias|batch|[tipsgab]|projects(?:\/[^/]*)*)\/?$/;

/** Whether a request URL (query ignored) is one of the Segment routes, or looks like one. */
export function isSegmentPath(url: string): boolean {
  return SEGMENT_PATH.test(url.split('?')[0]);
}
