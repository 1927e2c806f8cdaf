// The console's only way to the server: the public JSON API under /api/v1, with the session cookie.
export type FieldDetail = { field?: string; message?: string };

export type ErrorBody = {
  error: { code: string; message: string; details: unknown; requestId?: string };
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody["error"]) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** True when the server has no such route yet (a feature that has not landed). */
  get missingRoute(): boolean {
    return this.status === 404 && this.code === "NOT_FOUND" && this.message.startsWith("No route");
  }

  /** Messages per field path ("channelSku", "variants.0.sku"), from `details`. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const add = (detail: unknown) => {
      if (typeof detail !== "object" || detail === null) return;
      const { field, message } = detail as FieldDetail;
      if (typeof field !== "string" || field === "") return;
      const path = field.replace(/^body\./, "");
      out[path] ??= typeof message === "string" && message !== "" ? message : this.message;
    };
    if (Array.isArray(this.details)) for (const d of this.details) add(d);
    else add(this.details);
    return out;
  }
}

export type Page<T> = { items: T[]; nextCursor: string | null };

async function parse(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) return response.json();
  return response.text();
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(`/api/v1${path}`, init);
  const payload = await parse(response);
  if (!response.ok) {
    const error =
      typeof payload === "object" && payload !== null && "error" in payload
        ? (payload as ErrorBody).error
        : { code: "HTTP_ERROR", message: `The server answered ${response.status}.`, details: null };
    throw new ApiError(response.status, error);
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Full URL of an API path, for downloads opened by the browser itself. */
export function apiUrl(path: string): string {
  return `/api/v1${path}`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.missingRoute) return "This server does not offer this yet.";
  if (error instanceof Error) return error.message;
  return String(error);
}
