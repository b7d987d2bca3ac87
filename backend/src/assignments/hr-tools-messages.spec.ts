import { translateMessage } from '../common/i18n/translate';

/** The messages the team view and HR's tools send, as an Indonesian reader gets them. */
describe('HR tools messages in Indonesian', () => {
  it.each([
    ['Only leaders have a team view', 'Hanya pimpinan unit yang memiliki tampilan tim'],
    ['This assignment is not exempted', 'Penugasan ini tidak sedang dibebaskan'],
    ['moduleSlug: there is no active module "x"', 'moduleSlug: tidak ada modul aktif "x"'],
    ['module: there is no module "x"', 'module: tidak ada modul "x"'],
    [
      "dueOn: must not be in the past (today is 2026-12-05 in the organisation's time zone)",
      'dueOn: tidak boleh di masa lalu (hari ini 2026-12-05 menurut zona waktu organisasi)',
    ],
    ['userIds may hold at most 1000 people; send a larger selection in parts', 'userIds paling banyak 1000 orang; kirim pilihan yang lebih besar secara bertahap'],
    ['unitId: more than 5000 people match; choose a smaller unit or a status', 'unitId: lebih dari 5000 orang cocok; pilih unit yang lebih kecil atau sebuah status'],
    ['pageSize must be between 1 and 500', 'pageSize harus antara 1 dan 500'],
    ['training must be one of: overdue, in_progress, expired, completed, none', 'training harus salah satu dari: overdue, in_progress, expired, completed, none'],
  ])('%s', (en, id) => {
    expect(translateMessage(en, 'id')).toBe(id);
  });
});
