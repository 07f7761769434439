/** One file of a kit, its path relative to the kit folder ("model/apply.ts"), with its full text. */
export interface KitFile {
  path: string;
  contents: string;
}
