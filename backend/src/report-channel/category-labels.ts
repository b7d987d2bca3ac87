import { CATEGORIES, type Category } from './report-channel.dto';

const LABELS: Record<'id' | 'en', Record<Category, string>> = {
  id: {
    sexual_harassment: 'Pelecehan seksual',
    sexual_violence: 'Kekerasan seksual',
    online_gbv: 'Kekerasan berbasis gender online',
    retaliation: 'Pembalasan terhadap pelapor atau saksi',
    other: 'Lainnya',
  },
  en: {
    sexual_harassment: 'Sexual harassment',
    sexual_violence: 'Sexual violence',
    online_gbv: 'Online gender-based violence',
    retaliation: 'Retaliation against a reporter or witness',
    other: 'Other',
  },
};

export function categoryLabels(lang: 'id' | 'en'): { id: Category; label: string }[] {
  return CATEGORIES.map((id) => ({ id, label: LABELS[lang][id] }));
}

export function categoryLabel(lang: 'id' | 'en', id: Category): string {
  return LABELS[lang][id];
}
