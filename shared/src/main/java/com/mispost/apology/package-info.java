/**
 * Apology drafting: honest, proportionate words that fit the platform, and the linter that
 * judges any draft before staff approve it.
 *
 * <ul>
 *   <li>{@link com.mispost.apology.DraftRequest} — the incident as drafting sees it: platform,
 *       severity, brand, language, the mispost's text, whether staff confirmed a compromise, and
 *       staff's {@link com.mispost.apology.StaffInstructions}.</li>
 *   <li>{@link com.mispost.apology.ApologyComposer} — the built-in drafter: plain, warm and formal
 *       posts (English or German), plus a website/press statement when critical.</li>
 *   <li>{@link com.mispost.apology.HonestyLinter} — the rules ({@link com.mispost.apology.LintRule})
 *       and their explained findings ({@link com.mispost.apology.LintFinding}).</li>
 *   <li>{@link com.mispost.apology.ApologyDesk} — what staff do: draft, redraft, edit, approve;
 *       optionally with another {@link com.mispost.apology.Drafter} (a model) in front.</li>
 *   <li>{@link com.mispost.apology.length.PostLength} — each platform's limit and way of counting.</li>
 * </ul>
 */
package com.mispost.apology;
