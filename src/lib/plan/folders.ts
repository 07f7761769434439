// The module's folders: the public API a Marketplace module exposes, and everything else.
export const USE_ME = "_USE_ME";
export const PRIVATE = "Private";
