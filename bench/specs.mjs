// Answers files of a given size for the benchmark: N entities with 10 attributes each (every
// attribute type, one sensitive string), half of them user-owned, each after the first with a
// reference to the one before, and one extra read-only data role.
import { stringify } from "yaml";

const TYPES = ["string", "integer", "long", "decimal", "boolean", "datetime"];

export function entitySpec(count) {
  const entities = [];
  for (let i = 0; i < count; i++) {
    const name = `Entity${String(i + 1).padStart(4, "0")}`;
    const attributes = [];
    for (let a = 0; a < 10; a++) {
      const type = TYPES[a % TYPES.length];
      attributes.push({
        name: `Field${String(a + 1).padStart(2, "0")}`,
        type,
        ...(type === "string" ? { length: 100 + a } : {}),
        ...(a === 6 ? { sensitive: true } : {}),
      });
    }
    entities.push({
      name,
      documentation: `Benchmark entity number ${i + 1}: a record the service returns.`,
      ownership: i % 2 === 0 ? "user" : "shared",
      attributes,
      ...(i > 0 ? { associations: [{ to: entities[i - 1].name }] } : {}),
    });
  }
  return stringify(
    {
      module: "BenchConnector",
      description: `A connector with ${count} entities of 10 attributes each, for the benchmark.`,
      service: { name: "Bench Service", baseUrl: "https://api.bench.example/v1" },
      auth: { scheme: "api-token" },
      roles: [{ name: "Viewer", kind: "data", readOnly: true, documentation: "Reads non-sensitive data only." }],
      entities,
    },
    { lineWidth: 0 },
  );
}
