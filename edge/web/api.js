// Calls to the signer and the edge. Every error body is {"error", "message"}
// (see docs/protocol.md), so a failure becomes an APIError carrying both.

export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// api sends a JSON request and returns the decoded answer or throws APIError.
export async function api(method, path, { body, bearer } = {}) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new APIError(0, "network", "The server cannot be reached. Check your connection and try again.");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    throw new APIError(res.status, data?.error ?? `http_${res.status}`, data?.message ?? `${res.status} ${res.statusText}`);
  }
  return data;
}
