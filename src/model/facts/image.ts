// One image as the engine's inspect and history describe it: id, size, user,
// env and the layer history. (ReportImage is the Report's entry for it; the
// pipeline's ImageUnderTest holds both with the Dockerfile behind it.)
// The engine interface gives it (engine.images.inspect); the build, the
// contract and the e2e use it.
export interface InspectedImage {
  id: string;
  sizeBytes: number;
  user: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** When it was built, as the engine says (RFC 3339). */
  created?: string;
  /** `os/arch` (`/variant` when there is one), as the engine records it. */
  platform?: string;
  /** History, newest first, as the engine lists it. */
  history: { createdBy: string; sizeBytes: number }[];
}
