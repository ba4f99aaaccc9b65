/**
 * One-click chains, per map: every SUPPORTS path from a claim that mentions
 * `fromEntity` to the claim `to` that passes through a claim mentioning `viaEntity`.
 */
export interface ChainPreset {
  title: string;
  fromEntity: string;
  viaEntity: string;
  to: string;
}

export const CHAIN_PRESETS: Record<string, ChainPreset> = {
  "davidson-2019-inf": { title: "NATO expansion → 9M729 → remedy", fromEntity: "nato-expansion", viaEntity: "9m729", to: "remedy" },
};
