// JSON pointers (RFC 6901) into the OpenAPI document, for messages: "#/components/schemas/Pet".

export function pointer(path: readonly (string | number)[]): string {
  return `#${path.map((segment) => `/${String(segment).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")}`;
}
