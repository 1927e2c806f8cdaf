// The documented body of a multipart/form-data upload route. The route reads the parts itself as
// a stream (request.parts()), so this schema is never checked against a parsed body (the server's
// validator passes it by); it only tells the OpenAPI document what to send.
import { z } from "zod";

const multipartBodies = new WeakSet<z.ZodType>();

/** `file` (the file's bytes) and the text fields the route reads. */
export function multipartBody(fields: Record<string, z.ZodType>, fileDescription: string) {
  const body = z.object({
    file: z.string().meta({ format: "binary", description: fileDescription }),
    ...fields,
  });
  multipartBodies.add(body);
  return body;
}

export function isMultipartBody(schema: unknown): boolean {
  return schema instanceof z.ZodType && multipartBodies.has(schema);
}
