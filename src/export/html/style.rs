//! The web page's style sheet, written into the page itself.
//!
//! Colours are the PDF's, each at least 4.5:1 against the white page (WCAG AA): text
//! `#212121` (16:1), quiet `#5F6368` (6.2:1), accent `#2E7D32` (5.1:1), draft `#B71C1C`
//! (6.6:1), links `#1B5E20` (7.9:1). The system's own sans-serif face is used, so nothing is
//! fetched. Long words and fingerprints wrap anywhere, so a 320-pixel-wide phone never
//! scrolls sideways; there the contributors' table stacks its cells, each named by its
//! column. On paper each statement starts a page, headings stay with what follows them, and an
//! account's header and sign-off block are never split across pages.

/// The style sheet.
pub(super) const CSS: &str = r#":root { color-scheme: light; --text: #212121; --quiet: #5f6368; --accent: #2e7d32; --draft: #b71c1c; --link: #1b5e20; --rule: #c5cec6; --focus: #0b4f9c; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--text); font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 1.0625rem; line-height: 1.6; overflow-wrap: anywhere; }
.cover, nav, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.cover { padding-top: 1.5rem; padding-bottom: 1rem; border-bottom: 3px solid var(--accent); }
h1, h2, h3, h4 { line-height: 1.25; }
h1 { font-size: 2.1rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.45rem; margin: 0 0 .5rem; }
h3 { font-size: 1.2rem; margin: 1rem 0 .5rem; }
h4 { font-size: .95rem; color: var(--accent); margin: 0 0 .25rem; }
p { margin: 0 0 .75rem; }
.cover p { margin: 0 0 .25rem; }
.year { color: var(--accent); font-size: 1.3rem; margin-bottom: .75rem; }
.draft { border: 2px solid var(--draft); border-radius: 4px; color: var(--draft); padding: .5rem .75rem; margin: 0 0 1rem; }
.quiet { color: var(--quiet); font-size: .92rem; }
.code { color: var(--accent); margin-right: .2em; }
nav .code { margin-right: 0; }
.fingerprint { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; }
a { color: var(--link); text-decoration: underline; text-underline-offset: .15em; }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
nav { padding-top: 1.5rem; padding-bottom: .5rem; }
nav ol { list-style: none; padding: 0; margin: 0; }
nav li { padding: .3rem 0; border-bottom: 1px solid var(--rule); }
nav a { display: inline-block; padding: .15rem 0; }
section { margin-top: 2.5rem; }
.statement { border-top: 3px solid var(--accent); padding-top: 1rem; }
.statement-text { color: var(--quiet); }
.count { font-weight: 700; }
article { border: 1px solid var(--rule); border-radius: 6px; padding: 1rem; margin: 1.5rem 0; }
.account-head { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-start; border-bottom: 2px solid var(--accent); padding-bottom: .5rem; }
.account-head img { display: block; width: auto; height: auto; max-width: min(9rem, 100%); max-height: 6rem; }
.who { flex: 1 1 12rem; min-width: 0; }
.who p { margin: 0 0 .2rem; }
.org { font-weight: 700; font-size: 1.15rem; margin: 0 0 .2rem; }
.statement-ref { font-weight: 600; }
ul { padding-left: 1.4rem; margin: 0 0 .75rem; }
li { margin: 0 0 .3rem; }
blockquote { margin: 0 0 .75rem; padding: .1rem 0 .1rem 1rem; border-left: 4px solid var(--accent); font-style: italic; }
blockquote p { margin: 0; }
.signoff { border-top: 1px solid var(--rule); margin-top: 1rem; padding-top: .5rem; }
.signoff ul { list-style: none; padding: 0; margin: 0; }
.signoff li { margin: 0 0 .15rem; }
.table { max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2rem; }
caption { text-align: left; }
caption h2 { margin-bottom: .25rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--accent); }
.number { text-align: right; }
.note { display: block; font-style: italic; font-weight: 400; font-size: .92rem; margin: .25rem 0 0; }
/* LEROs in numbers: figures right-aligned; the chart's bars as plain boxes. */
.number { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: .5rem 0; }
.bar-row { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
.bar-label { flex: 0 0 34%; overflow-wrap: anywhere; }
.bar { flex: 1 1 auto; }
.bar span { display: block; height: .9rem; background: var(--accent); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.bar-value { flex: 0 0 auto; font-variant-numeric: tabular-nums; }
@media (max-width: 36rem) {
  body { font-size: 1rem; }
  h1 { font-size: 1.7rem; }
  article { padding: .75rem; }
  table, caption, tbody, tr, th, td { display: block; width: 100%; }
  thead tr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  tr { border-bottom: 1px solid var(--rule); padding: .5rem 0; }
  th, td { border: 0; padding: .1rem 0; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--quiet); font-weight: 600; }
  td[data-label]:empty { display: none; }
  .number { text-align: left; }
}
@media print {
  @page { margin: 18mm 16mm; }
  body { font-size: 10.5pt; line-height: 1.45; }
  .cover, nav, main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .statement { break-before: page; border-top: 0; }
  article { border: 0; border-top: 1px solid var(--rule); border-radius: 0; padding: .5rem 0 0; }
  h2, h3, h4, .account-head { break-after: avoid-page; }
  .account-head, .signoff, blockquote, li { break-inside: avoid-page; }
  #contributors { break-before: page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
"#;
