import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { hallKeys, hallsApi } from './api';

/** The hall of the page's URL (/halls/:hallId/...), as the server lets this account see it. */
export function useHall() {
  const hallId = Number(useParams().hallId);
  // An address that names no hall at all answers like one out of scope: 未找到, from the server.
  const query = useQuery({ queryKey: hallKeys.one(hallId), queryFn: () => hallsApi.get(hallId) });
  return { hallId, query };
}

/** Service codes → names from the public catalogue (cached for the session). */
export function useServiceNames() {
  const query = useQuery({ queryKey: hallKeys.services, queryFn: hallsApi.services, staleTime: Infinity });
  const names = new Map((query.data?.items ?? []).map((s) => [s.code, s.name]));
  return { names, items: query.data?.items ?? [], query };
}
