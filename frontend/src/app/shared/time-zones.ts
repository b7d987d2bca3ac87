/** The time zones of Indonesia, as organisations pick them (due dates are counted in them). */
export const TIME_ZONES = [
  { id: 'Asia/Jakarta', labelKey: 'timeZones.wib' },
  { id: 'Asia/Makassar', labelKey: 'timeZones.wita' },
  { id: 'Asia/Jayapura', labelKey: 'timeZones.wit' },
] as const;
export type TimeZone = (typeof TIME_ZONES)[number]['id'];

export function timeZoneLabelKey(id: string): string | null {
  return TIME_ZONES.find((zone) => zone.id === id)?.labelKey ?? null;
}
