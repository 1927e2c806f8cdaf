// What this server's API offers, read from its OpenAPI document, so the console only asks for
// things (such as an impact preview) that the route declares; an undeclared `?preview=true`
// would be ignored and the change made for real.
import { useQuery } from "@tanstack/react-query";

type OpenApi = {
  paths?: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
};

export function useOpenApi() {
  return useQuery({
    queryKey: ["openapi"],
    queryFn: async (): Promise<OpenApi> => {
      const response = await fetch("/api/openapi.json", { credentials: "same-origin" });
      return response.ok ? ((await response.json()) as OpenApi) : {};
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Whether `method path` (e.g. "post", "/accounts/{accountId}/channels/{channelId}/mappings") takes `?param`. */
export function declaresQuery(
  doc: OpenApi | undefined,
  method: string,
  path: string,
  param: string,
): boolean {
  const operation = doc?.paths?.[`/api/v1${path}`]?.[method.toLowerCase()];
  return operation?.parameters?.some((p) => p.in === "query" && p.name === param) ?? false;
}

export const mappingsPath = "/accounts/{accountId}/channels/{channelId}/mappings";
export const mappingPath = `${mappingsPath}/{mappingId}`;
