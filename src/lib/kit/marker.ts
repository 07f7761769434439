// The names that mark a folder as a kit. Kept apart from render.ts so that code which only reads a
// kit (location, audit freshness) does not load the renderers and their templates.
export const YO_RC = ".yo-rc.json";
export const GENERATOR_KEY = "generator-mxsecure";
