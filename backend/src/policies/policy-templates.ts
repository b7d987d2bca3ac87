/**
 * Starting texts for a new organisation's policy and commitment declaration, written for Aman. HR
 * edits them before publishing: the placeholders in square brackets are the organisation's own
 * facts. Legal references follow content/README.md's conventions (UU 12/2022, "Pasal 6 huruf c" /
 * "Article 6(c)"); every cited fact is in the shared CONTENT-FACTS.md.
 */
export interface PolicyTemplate {
  kind: 'policy' | 'commitment';
  title: { id: string; en: string };
  body: { id: string; en: string };
}

const POLICY_ID = `## Tujuan

[Nama organisasi] berkomitmen pada tempat kerja yang bebas dari pelecehan dan kekerasan seksual. Kebijakan ini berlaku bagi semua pimpinan, pegawai tetap, pegawai kontrak, pegawai magang, relawan, serta tamu dan mitra selama berinteraksi dengan kami.

## Apa yang dilarang

- Pelecehan seksual nonfisik: pernyataan, gerak tubuh, atau aktivitas bernuansa seksual yang tidak patut dan merendahkan, termasuk lelucon dan komentar seksual (UU Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual, Pasal 5).
- Pelecehan seksual fisik, termasuk memanfaatkan jabatan, wewenang, atau ketergantungan seseorang untuk memaksanya (UU 12/2022 Pasal 6 huruf c).
- Kekerasan seksual berbasis elektronik: merekam atau mengambil gambar bermuatan seksual tanpa persetujuan, mengirim konten seksual yang tidak dikehendaki, atau menguntit secara daring (UU 12/2022 Pasal 14 ayat (1)).
- Pembalasan terhadap siapa pun yang melapor, menjadi saksi, atau membantu penanganan.

Menurut UU 12/2022 Pasal 15 ayat (1) huruf d, pidana diperberat sepertiga bila pelakunya adalah atasan atau pemberi kerja terhadap orang yang bekerja padanya.

## Melapor

Siapa pun dapat melapor kepada Satgas [nama dan kontak] atau melalui kanal pelaporan independen [kanal]. Laporan ditangani secara rahasia. Tidak ada yang boleh menyalahkan korban atau menanyakan riwayat seksual dan gaya hidupnya (bandingkan UU 12/2022 Pasal 22).

## Penanganan

Satgas menindaklanjuti setiap laporan menurut SOP [tautan atau lampiran]. Kasus kekerasan seksual dengan pelaku dewasa tidak diselesaikan secara "damai" di luar proses peradilan (UU 12/2022 Pasal 23). Pelanggaran kebijakan ini dapat dikenai sanksi disiplin sampai pemutusan hubungan kerja.

## Pelatihan

Setiap orang menyelesaikan pelatihan pencegahan di Aman dan menandatangani kebijakan ini serta Deklarasi Komitmen.
`;

const POLICY_EN = `## Purpose

[Organisation name] is committed to a workplace free of sexual harassment and violence. This policy applies to all leaders, permanent and contract employees, interns, volunteers, and to guests and partners while they deal with us.

## What is prohibited

- Non-physical sexual harassment: improper statements, gestures or activities of a sexual nature that degrade someone, including sexual jokes and comments (Law No. 12 of 2022 on Sexual Violence Crimes, Article 5).
- Physical sexual harassment, including using a position, authority or someone's dependence to force them (Law 12/2022 Article 6(c)).
- Electronic-based sexual violence: recording or photographing sexual content without consent, sending unwanted sexual content, or stalking someone online (Law 12/2022 Article 14(1)).
- Retaliation against anyone who reports, is a witness, or helps with a case.

Under Law 12/2022 Article 15(1)(d), penalties rise by one third when the offender is a superior or employer acting against someone who works for them.

## Reporting

Anyone can report to the task force (Satgas) [name and contact] or through the independent reporting channel [channel]. Reports are handled in confidence. Nobody may blame the victim or ask about their sexual history or way of life (compare Law 12/2022 Article 22).

## Handling

The task force follows up every report under the SOP [link or annex]. Sexual violence cases with an adult offender are not settled "amicably" outside the judicial process (Law 12/2022 Article 23). Breaches of this policy can lead to disciplinary sanctions up to dismissal.

## Training

Everyone completes the prevention training in Aman and signs this policy and the Commitment Declaration.
`;

const COMMITMENT_ID = `Saya, yang menandatangani di bawah ini, menyatakan bahwa saya:

1. telah membaca dan memahami Kebijakan Pencegahan dan Penanganan Kekerasan Seksual [nama organisasi];
2. tidak akan melakukan, membiarkan, atau menutupi pelecehan maupun kekerasan seksual dalam bentuk apa pun, termasuk yang dilakukan secara elektronik;
3. akan memperlakukan setiap orang dengan hormat, tanpa memanfaatkan jabatan atau ketergantungan orang lain;
4. akan melaporkan kejadian yang saya alami atau saksikan kepada Satgas atau kanal pelaporan independen, dan tidak akan membalas siapa pun yang melapor;
5. akan menjaga kerahasiaan korban, pelapor, dan saksi.

Saya memahami bahwa pelanggaran atas deklarasi ini dapat dikenai sanksi sesuai kebijakan dan peraturan perundang-undangan, termasuk UU Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual.
`;

const COMMITMENT_EN = `I, the undersigned, declare that I:

1. have read and understood the Policy on the Prevention and Handling of Sexual Violence of [organisation name];
2. will not commit, tolerate or cover up sexual harassment or violence in any form, including by electronic means;
3. will treat everyone with respect, without using my position or anyone's dependence on me;
4. will report what I experience or witness to the task force (Satgas) or the independent reporting channel, and will not retaliate against anyone who reports;
5. will keep the identity of victims, reporters and witnesses confidential.

I understand that breaching this declaration can lead to sanctions under the policy and the law, including Law No. 12 of 2022 on Sexual Violence Crimes.
`;

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    kind: 'policy',
    title: { id: 'Kebijakan Pencegahan dan Penanganan Kekerasan Seksual', en: 'Policy on the Prevention and Handling of Sexual Violence' },
    body: { id: POLICY_ID, en: POLICY_EN },
  },
  {
    kind: 'commitment',
    title: { id: 'Deklarasi Komitmen Anti Kekerasan Seksual', en: 'Commitment Declaration against Sexual Violence' },
    body: { id: COMMITMENT_ID, en: COMMITMENT_EN },
  },
];
