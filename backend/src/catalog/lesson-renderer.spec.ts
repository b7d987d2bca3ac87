import { LessonRenderer } from './lesson-renderer';

const facts = {
  name: 'Dinas <Contoh> & Co',
  sopSteps: { id: ['Lapor', 'Periksa'], en: ['Report', 'Inquire'] },
  taskForce: [{ name: 'Ratna', role: { id: 'Ketua', en: 'Chair' }, contact: 'satgas@x.id' }],
  channels: [{ name: { id: 'Mitra', en: 'Partner' }, contact: '[x](javascript:alert(1))', independent: true }],
};

describe('lesson renderer', () => {
  const sut = new LessonRenderer();

  it('fills organisation facts in the lesson language and renders Markdown', () => {
    const html = sut.render('m/l', '# Title\n\nAt {{org.name}}:\n\n{{> sop}}\n\n{{> taskForce}}\n', 'en', facts);
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<li>Report</li>');
    expect(html).toContain('<strong>Ratna</strong>, Chair');
  });

  it('escapes raw HTML from content and from settings, and refuses javascript: links', () => {
    const html = sut.render('m/x', '<script>alert(1)</script>\n\n{{org.name}}\n\n{{> channels}}\n', 'id', facts);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Dinas &amp;lt;Contoh&amp;gt;'.replace(/&amp;/g, '&').replace('&lt;C', '&lt;C'));
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('independen');
  });

  it('says what is missing when HR has not filled the facts in', () => {
    const html = sut.render('m/y', '{{> help}}\n', 'id', { name: 'Org', sopSteps: { id: [], en: [] }, taskForce: [], channels: [] });
    expect(html).toContain('belum diisi');
    expect(html).toContain('SAPA 129');
  });
});
