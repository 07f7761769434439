// `npm run schema`: writes schema/mxsecure.schema.json from the zod schema. A test fails when the
// shipped file is out of date.
import { writeFileSync } from "node:fs";
import { answersJsonSchemaText } from "./json-schema.js";

const target = new URL("../../../schema/mxsecure.schema.json", import.meta.url);
writeFileSync(target, answersJsonSchemaText());
console.log(`wrote ${target.pathname}`);
