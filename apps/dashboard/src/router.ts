import { useEffect, useState } from 'preact/hooks';

/** The hash route: `#/leads/abc?stage=mql` → `{ parts: ['leads', 'abc'], params }`. */
export interface Route {
  parts: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** A link to a lead: its id is data from a public write key, so it is encoded. */
export const leadHref = (leadId: string) => `#/leads/${encodeURIComponent(leadId)}`;
