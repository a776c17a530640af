import { useEffect, useState } from 'preact/hooks';

/** The console's pages live in the URL's fragment, so the static assets need no fallback routing. */
export interface Route {
  page: string;
  id: string | null;
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const [page = 'plans', id = null] = path.split('/').filter(Boolean);
  return { page, id: id === null ? null : decodeURIComponent(id) };
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

export const hrefOf = (page: string, id?: string) => `#/${page}${id ? `/${encodeURIComponent(id)}` : ''}`;
